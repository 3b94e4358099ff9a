import { describe, expect, it } from 'vitest';
import { parseMessage } from '../message/parse.js';
import type { SipMessage, SipRequest } from '../message/types.js';
import { ServerTransaction } from '../transaction/server.js';
import { acceptRequestUri, answerUnmatchedRequest } from './incoming.js';

function requestUriAnswer(uri: string): { accepted: boolean; sent: SipMessage[] } {
  const request = parseMessage(
    `NOTIFY ${uri} SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.1;branch=z9hG4bKx\r\nFrom: <sip:b@x>;tag=1\r\n` +
      'To: <sip:alice@x>;tag=2\r\nCall-ID: c\r\nCSeq: 1 NOTIFY\r\nContent-Length: 0\r\n\r\n',
  ) as SipRequest;
  const sent: SipMessage[] = [];
  const transaction = new ServerTransaction(
    request,
    'z9hG4bKx',
    { closed: false, send: (m) => sent.push(m) },
    () => {},
  );
  return { accepted: acceptRequestUri(transaction), sent };
}

function answer(method: string, toTag = false): SipMessage | undefined {
  const request = parseMessage(
    `${method} sip:alice@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.1;branch=z9hG4bKx\r\nFrom: <sip:b@x>;tag=1\r\n` +
      `To: <sip:alice@x>${toTag ? ';tag=2' : ''}\r\nCall-ID: c\r\nCSeq: 1 ${method}\r\nContent-Length: 0\r\n\r\n`,
  ) as SipRequest;
  const sent: SipMessage[] = [];
  answerUnmatchedRequest(
    new ServerTransaction(request, 'z9hG4bKx', { closed: false, send: (m) => sent.push(m) }, () => {}),
    ['presence'],
  );
  return sent[0];
}

describe('requests outside any dialog or subscription', () => {
  it('answers an unknown NOTIFY with 481 (RFC 6665 §4.1.3)', () => {
    expect(answer('NOTIFY')).toMatchObject({ status: 481 });
  });

  it('answers SUBSCRIBE with 489 Bad Event and Allow-Events (we are no notifier)', () => {
    const r = answer('SUBSCRIBE');
    expect(r).toMatchObject({ status: 489, reason: 'Bad Event' });
    expect(r?.headers.get('allow-events')).toBe('presence');
  });

  it('answers OPTIONS with 200 and Allow, other methods with 405 and Allow, in-dialog ones with 481', () => {
    const options = answer('OPTIONS');
    expect(options).toMatchObject({ status: 200 });
    expect(options?.headers.get('allow')).toBe('NOTIFY, OPTIONS');
    const invite = answer('INVITE');
    expect(invite).toMatchObject({ status: 405 });
    expect(invite?.headers.get('allow')).toBe('NOTIFY, OPTIONS');
    expect(answer('MESSAGE', true)).toMatchObject({ status: 481 });
    expect(answer('ACK')).toBeUndefined();
  });
});

describe('the Request-URI of a new request (RFC 3261 §8.2.2.1)', () => {
  it('lets SIP and SIPS URIs through without answering', () => {
    expect(requestUriAnswer('sip:alice@127.0.0.1:5060;transport=tcp;ob')).toEqual({ accepted: true, sent: [] });
    expect(requestUriAnswer('SIPS:alice@[2001:db8::1]')).toEqual({ accepted: true, sent: [] });
  });

  it('answers 400 to one that does not parse: the parser took the message, reading the URI fails', () => {
    for (const uri of ['sip:alice@127.0.0.1:notaport', 'sip:al%zzice@x', 'sip:', 'sip:a@b;x;x']) {
      const { accepted, sent } = requestUriAnswer(uri);
      expect(accepted).toBe(false);
      expect(sent.map((m) => m.kind === 'response' && [m.status, m.reason])).toEqual([[400, 'Bad Request-URI']]);
    }
  });

  it('answers 416 to a scheme the UA does not serve', () => {
    for (const uri of ['tel:+1-201-555-0123', 'mailto:alice@example.com', 'urn:service:sos']) {
      const { accepted, sent } = requestUriAnswer(uri);
      expect(accepted).toBe(false);
      expect(sent.map((m) => m.kind === 'response' && m.status)).toEqual([416]);
    }
  });
});
