import { describe, expect, it } from 'vitest';
import { parseMessage } from '../message/parse.js';
import type { SipMessage, SipRequest } from '../message/types.js';
import { ServerTransaction } from '../transaction/server.js';
import { answerUnmatchedRequest } from './incoming.js';

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
