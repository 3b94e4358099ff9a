import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SipParseError } from '../errors.js';
import { type FrameEvent, StreamFramer } from './framer.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

function message(body: string, compact = false): string {
  const length = compact ? `l: ${enc.encode(body).length}` : `Content-Length: ${enc.encode(body).length}`;
  return `NOTIFY sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nCSeq: 1 NOTIFY\r\n${length}\r\n\r\n${body}`;
}

function texts(events: FrameEvent[]): string[] {
  return events.map((e) => (e.kind === 'message' ? dec.decode(e.bytes) : e.kind));
}

describe('StreamFramer', () => {
  it('frames several messages in one chunk by Content-Length', () => {
    const a = message('<a/>');
    const b = message('héllo', true);
    expect(texts(new StreamFramer().push(enc.encode(a + b)))).toEqual([a, b]);
  });

  it('frames a message cut at the start, in the headers, at the blank line and in the body', () => {
    const text = message('body-bytes');
    const bytes = enc.encode(text);
    for (const cut of [1, 10, text.indexOf('\r\n\r\n') + 2, text.indexOf('\r\n\r\n') + 4, bytes.length - 1]) {
      const framer = new StreamFramer();
      expect(framer.push(bytes.subarray(0, cut))).toEqual([]);
      expect(texts(framer.push(bytes.subarray(cut)))).toEqual([text]);
      expect(framer.buffered).toBe(0);
    }
  });

  it('recognises RFC 5626 keep-alives between messages: CRLFCRLF is a ping, CRLF a pong', () => {
    const framer = new StreamFramer();
    const m = message('');
    expect(texts(framer.push(enc.encode(`\r\n\r\n${m}\r\n`)))).toEqual(['ping', m, 'pong']);
  });

  it('rejects a header section over the limit and a body over the limit', () => {
    expect(() => new StreamFramer({ maxHeaderBytes: 16 }).push(enc.encode('X'.repeat(64)))).toThrow(SipParseError);
    const big = 'NOTIFY sip:a@b SIP/2.0\r\nContent-Length: 99999\r\n\r\n';
    expect(() => new StreamFramer({ maxBodyBytes: 10 }).push(enc.encode(big))).toThrowError(/over the limit/);
  });

  it('rejects a message without Content-Length (mandatory on streams, RFC 3261 §18.3)', () => {
    const err = (() => {
      try {
        new StreamFramer().push(enc.encode('OPTIONS sip:a SIP/2.0\r\nVia: x\r\n\r\n'));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(SipParseError);
    expect((err as SipParseError).code).toBe('BAD_CONTENT_LENGTH');
  });

  it('yields the same messages however the stream is chunked (property)', () => {
    const bodies = fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(bodies, fc.array(fc.nat(), { maxLength: 8 }), (list, cuts) => {
        const stream = list.map((b, i) => (i % 2 === 0 ? message(b) : `\r\n\r\n${message(b, true)}`)).join('');
        const bytes = enc.encode(stream);
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((x, y) => x - y);
        const framer = new StreamFramer();
        const out: FrameEvent[] = [];
        let last = 0;
        for (const p of [...points, bytes.length]) {
          out.push(...framer.push(bytes.subarray(last, p)));
          last = p;
        }
        const messages = texts(out).filter((t) => t !== 'ping' && t !== 'pong');
        expect(messages).toEqual(list.map((b, i) => message(b, i % 2 === 1)));
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('only ever throws SipParseError on arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          new StreamFramer({ maxHeaderBytes: 256 }).push(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(SipParseError);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
