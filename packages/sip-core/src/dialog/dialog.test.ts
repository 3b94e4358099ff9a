import { describe, expect, it } from 'vitest';
import { parseMessage } from '../message/parse.js';
import type { SipMessage, SipRequest, SipResponse } from '../message/types.js';
import { Dialog, dialogKey, dialogKeyOfIncoming } from './dialog.js';

function decode(lines: string[]): SipMessage {
  return parseMessage(`${lines.join('\r\n')}\r\nContent-Length: 0\r\n\r\n`);
}

const SUBSCRIBE = decode([
  'SUBSCRIBE sip:bob@example.com SIP/2.0',
  'Via: SIP/2.0/TCP 127.0.0.1:4000;branch=z9hG4bKs',
  'From: "Alice" <sip:alice@example.com>;tag=a1',
  'To: <sip:bob@example.com>',
  'Call-ID: c1',
  'CSeq: 10 SUBSCRIBE',
]) as SipRequest;

function ok(recordRoutes: string[], contact = 'sip:bob@192.0.2.5;transport=tcp'): SipResponse {
  return decode([
    'SIP/2.0 200 OK',
    'Via: SIP/2.0/TCP 127.0.0.1:4000;branch=z9hG4bKs',
    'From: "Alice" <sip:alice@example.com>;tag=a1',
    'To: <sip:bob@example.com>;tag=b1',
    'Call-ID: c1',
    'CSeq: 10 SUBSCRIBE',
    `Contact: <${contact}>`,
    ...recordRoutes.map((r) => `Record-Route: ${r}`),
  ]) as SipResponse;
}

function notify(cseq: number, contact: string, recordRoutes: string[] = []): SipRequest {
  return decode([
    'NOTIFY sip:alice@127.0.0.1:4000 SIP/2.0',
    'Via: SIP/2.0/TCP 192.0.2.5;branch=z9hG4bKn',
    'From: <sip:bob@example.com>;tag=b1',
    'To: "Alice" <sip:alice@example.com>;tag=a1',
    'Call-ID: c1',
    `CSeq: ${cseq} NOTIFY`,
    `Contact: <${contact}>`,
    ...recordRoutes.map((r) => `Record-Route: ${r}`),
  ]) as SipRequest;
}

describe('Dialog (RFC 3261 §12, RFC 6665 §4.1.2.4)', () => {
  it('from a 2xx: ids, reversed Record-Route, remote target, and loose routing for the next request', () => {
    const d = Dialog.fromResponse(SUBSCRIBE, ok(['<sip:p2.example.com;lr>, <sip:p1.example.com;lr>']));
    expect(d?.key).toBe(dialogKey('c1', 'a1', 'b1'));
    const spec = d?.requestSpec('SUBSCRIBE');
    expect(spec).toMatchObject({
      uri: 'sip:bob@192.0.2.5;transport=tcp',
      routes: ['<sip:p1.example.com;lr>', '<sip:p2.example.com;lr>'],
      from: { uri: 'sip:alice@example.com', displayName: 'Alice', tag: 'a1' },
      to: { uri: 'sip:bob@example.com', tag: 'b1' },
      callId: 'c1',
    });
    expect(spec?.nextCSeq()).toBe(11);
    expect(spec?.nextCSeq()).toBe(12);
  });

  it('routes strictly when the first route has no lr (RFC 3261 §12.2.1.1)', () => {
    const d = Dialog.fromResponse(SUBSCRIBE, ok(['<sip:old.example.com;lr>', '<sip:strict.example.com>']));
    expect(d?.requestSpec('SUBSCRIBE')).toMatchObject({
      uri: 'sip:strict.example.com',
      routes: ['<sip:old.example.com;lr>', '<sip:bob@192.0.2.5;transport=tcp>'],
    });
  });

  it('from an early NOTIFY: route set in received order and remote target from its Contact', () => {
    const d = Dialog.fromNotify(
      {
        callId: 'c1',
        localTag: 'a1',
        local: { uri: 'sip:alice@example.com' },
        remote: { uri: 'sip:bob@example.com' },
        localSeq: 10,
      },
      notify(1, 'sip:bob@192.0.2.6', ['<sip:p2.example.com;lr>', '<sip:p1.example.com;lr>']),
    );
    expect(d?.routeSet).toEqual(['<sip:p2.example.com;lr>', '<sip:p1.example.com;lr>']);
    expect(d?.remoteTarget).toBe('sip:bob@192.0.2.6');
    expect(d?.requestSpec('SUBSCRIBE').nextCSeq()).toBe(11);
  });

  it('refreshes the remote target from a NOTIFY and refuses an out-of-order CSeq', () => {
    const d = Dialog.fromResponse(SUBSCRIBE, ok([]));
    expect(d?.receiveRequest(notify(5, 'sip:bob@192.0.2.7'))).toBe(true);
    expect(d?.remoteTarget).toBe('sip:bob@192.0.2.7');
    expect(d?.receiveRequest(notify(5, 'sip:bob@192.0.2.8'))).toBe(false);
    expect(d?.remoteTarget).toBe('sip:bob@192.0.2.7');
    expect(d?.requestSpec('SUBSCRIBE')).toMatchObject({ uri: 'sip:bob@192.0.2.7', routes: [] });
  });

  it('cannot be created without the tags or Contact a dialog needs', () => {
    const noTag = decode([
      'SIP/2.0 200 OK',
      'Via: SIP/2.0/TCP h;branch=z9hG4bKs',
      'From: <sip:alice@example.com>;tag=a1',
      'To: <sip:bob@example.com>',
      'Call-ID: c1',
      'CSeq: 10 SUBSCRIBE',
      'Contact: <sip:b@h>',
    ]);
    expect(Dialog.fromResponse(SUBSCRIBE, noTag as SipResponse)).toBeUndefined();
    expect(dialogKeyOfIncoming(notify(1, 'sip:x'))).toBe(dialogKey('c1', 'a1', 'b1'));
  });
});
