import { describe, expect, it } from 'vitest';
import { BRANCH_MAGIC_COOKIE } from '../header/via.js';
import { bodyText, createRequest, createResponse, withRequestUri } from './build.js';
import { generateBranch, generateCallId, generateTag } from './ids.js';
import { parseMessage } from './parse.js';
import { serializeMessage } from './serialize.js';

const subscribe = () =>
  createRequest({
    method: 'SUBSCRIBE',
    uri: 'sip:alice-buddies@example.com',
    from: { uri: 'sip:alice@example.com', displayName: 'Alice "A"', tag: 'ft1' },
    to: { uri: 'sip:alice-buddies@example.com' },
    callId: 'cid-1@192.0.2.10',
    cseq: 1,
    via: { transport: 'tcp', host: '192.0.2.10', port: 54321, rport: true, branch: 'z9hG4bKfixed' },
    contact: { uri: 'sip:alice@192.0.2.10:54321;transport=tcp', params: { '+sip.instance': '<urn:uuid:1>' } },
    route: ['sip:proxy.example.com;lr'],
    headers: [
      { name: 'Event', value: 'presence' },
      { name: 'Expires', value: '600' },
    ],
    body: { contentType: 'text/plain', content: 'hi' },
  });

describe('createRequest', () => {
  it('writes the headers RFC 3261 §8.1.1 requires, in a conventional order', () => {
    const wire = Buffer.from(serializeMessage(subscribe())).toString();
    expect(wire).toBe(
      [
        'SUBSCRIBE sip:alice-buddies@example.com SIP/2.0',
        'Via: SIP/2.0/TCP 192.0.2.10:54321;branch=z9hG4bKfixed;rport',
        'Max-Forwards: 70',
        'Route: <sip:proxy.example.com;lr>',
        'From: "Alice \\"A\\"" <sip:alice@example.com>;tag=ft1',
        'To: <sip:alice-buddies@example.com>',
        'Call-ID: cid-1@192.0.2.10',
        'CSeq: 1 SUBSCRIBE',
        'Contact: <sip:alice@192.0.2.10:54321;transport=tcp>;+sip.instance="<urn:uuid:1>"',
        'Event: presence',
        'Expires: 600',
        'Content-Type: text/plain',
        'Content-Length: 2',
        '',
        'hi',
      ].join('\r\n'),
    );
  });

  it('generates branch, tag and Call-ID when not given, and the result parses back', () => {
    const req = createRequest({
      method: 'REGISTER',
      uri: 'sip:example.com',
      from: { uri: 'sip:alice@example.com' },
      to: { uri: 'sip:alice@example.com' },
      cseq: 1,
      via: { transport: 'TLS', host: 'client.invalid' },
    });
    const back = parseMessage(serializeMessage(req));
    expect(back.headers.topVia().branch?.startsWith(BRANCH_MAGIC_COOKIE)).toBe(true);
    expect(back.headers.from().tag).toMatch(/^[0-9a-f]{16}$/);
    expect(back.headers.callId()).toMatch(/^[0-9a-f]{32}$/);
    expect(back.headers.to().tag).toBeUndefined();
  });

  it('rejects bad arguments', () => {
    const base = {
      method: 'OPTIONS',
      uri: 'sip:a@b',
      from: { uri: 'sip:a@b' },
      to: { uri: 'sip:a@b' },
      via: { transport: 'TCP', host: 'h' },
    };
    expect(() => createRequest({ ...base, cseq: -1 })).toThrow(expect.objectContaining({ code: 'BAD_CSEQ' }));
    expect(() => createRequest({ ...base, uri: 'not a uri', cseq: 1 })).toThrow(
      expect.objectContaining({ code: 'BAD_URI' }),
    );
  });

  it('changes the Request-URI with withRequestUri', () => {
    const req = withRequestUri(subscribe(), 'sip:rls.example.com;transport=tcp');
    expect(req.rawUri).toBe('sip:rls.example.com;transport=tcp');
    expect(req.uri).toMatchObject({ host: 'rls.example.com' });
  });
});

describe('createResponse', () => {
  it('copies Via, From, To, Call-ID and CSeq and adds a To tag (RFC 3261 §8.2.6.2)', () => {
    const req = parseMessage(serializeMessage(subscribe()));
    if (req.kind !== 'request') throw new Error('expected a request');
    const res = createResponse(req, 200, { toTag: 'tt9', headers: [{ name: 'Expires', value: '600' }] });
    const back = parseMessage(serializeMessage(res));
    if (back.kind !== 'response') throw new Error('expected a response');
    expect([back.status, back.reason]).toEqual([200, 'OK']);
    expect(back.headers.topVia().branch).toBe('z9hG4bKfixed');
    expect(back.headers.to().tag).toBe('tt9');
    expect(back.headers.from().tag).toBe('ft1');
    expect(back.headers.cseq()).toEqual({ seq: 1, method: 'SUBSCRIBE' });
    expect(back.headers.expires()).toBe(600);
  });

  it('leaves To without a tag on 100 Trying and rejects bad status codes and reasons', () => {
    const req = subscribe();
    expect(createResponse(req, 100).headers.to().tag).toBeUndefined();
    expect(createResponse(req, 489).reason).toBe('Bad Event');
    expect(() => createResponse(req, 99)).toThrow(expect.objectContaining({ code: 'BAD_STATUS' }));
    expect(() => createResponse(req, 200, { reason: 'OK\r\nVia: x' })).toThrow(
      expect.objectContaining({ code: 'BAD_REASON' }),
    );
  });

  it('carries a body with its type', () => {
    const res = createResponse(subscribe(), 200, {
      body: { contentType: 'application/pidf+xml', content: '<presence/>' },
    });
    expect(bodyText(res)).toBe('<presence/>');
    expect(res.headers.contentType()?.mediaType).toBe('application/pidf+xml');
  });
});

describe('identifiers', () => {
  it('makes unique branches with the magic cookie, tags and Call-IDs', () => {
    const branches = new Set(Array.from({ length: 100 }, generateBranch));
    expect(branches.size).toBe(100);
    for (const b of branches) expect(b).toMatch(/^z9hG4bK[A-Za-z0-9_-]{16}$/);
    expect(generateTag()).not.toBe(generateTag());
    expect(generateCallId('host.example')).toMatch(/^[0-9a-f]{32}@host\.example$/);
  });
});
