import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SipParseError } from '../errors.js';
import { parseMessage } from './parse.js';
import { serializeMessage } from './serialize.js';

// Bytes biased towards SIP syntax so that the fuzzer reaches deep into the parser.
const pieces = [
  'INVITE ',
  'SIP/2.0',
  ' 200 OK',
  'sip:',
  'a@b',
  '\r\n',
  '\r\n\r\n',
  '\n',
  '\r',
  ': ',
  ' ',
  '\t',
  ';',
  ',',
  '"',
  '<',
  '>',
  'Via: SIP/2.0/TCP h;branch=z9hG4bK1',
  'From: <sip:a@b>;tag=1',
  'To: <sip:c@d>',
  'Call-ID: x',
  'CSeq: 1 INVITE',
  'Content-Length: ',
  'l: 3',
  '0',
  '9',
  '\u0000',
  '\u00ff',
  '\u00e9',
  '%',
  '[',
  ']',
];
const hostile = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => Buffer.from(p.join(''), 'latin1')),
);

const typedReads = (m: ReturnType<typeof parseMessage>): void => {
  const h = m.headers;
  h.topVia();
  h.via();
  h.from().uri;
  h.to().uri;
  h.callId();
  h.cseq();
  h.contact();
  h.contentLength();
  for (const f of h.entries()) void f;
};

describe('parseMessage properties', () => {
  it('throws nothing but SipParseError on arbitrary bytes, and finishes quickly', () => {
    fc.assert(
      fc.property(hostile, (bytes) => {
        const started = performance.now();
        try {
          typedReads(parseMessage(bytes));
        } catch (e) {
          expect(e).toBeInstanceOf(SipParseError);
        }
        expect(performance.now() - started).toBeLessThan(250);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('stays linear on long runs of whitespace, quotes and commas (no backtracking)', () => {
    const base =
      'OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\n';
    for (const filler of [' ', '\t', ',', '"', '<', ';', '\r\n ']) {
      const started = performance.now();
      const msg = `${base}Contact: ${filler.repeat(20_000)}\r\nX: ${filler.repeat(20_000)}\r\n\r\n`;
      try {
        typedReads(parseMessage(msg, { maxHeaderBytes: 1 << 20 }));
      } catch (e) {
        expect(e).toBeInstanceOf(SipParseError);
      }
      expect(performance.now() - started).toBeLessThan(500);
    }
  });

  it('round-trips generated valid messages', () => {
    const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9.!%*_+`'~-]{0,10}$/);
    const text = fc.stringMatching(/^[ -~\u00e9\u4e2d]{0,30}$/).map((s) => s.trim());
    const arb = fc.record({
      request: fc.boolean(),
      method: fc.constantFrom('REGISTER', 'SUBSCRIBE', 'NOTIFY', 'PUBLISH', 'MESSAGE', 'OPTIONS'),
      status: fc.integer({ min: 100, max: 699 }),
      reason: text,
      seq: fc.integer({ min: 0, max: 0x7fffffff }),
      branch: token,
      callId: token,
      tag: token,
      extra: fc.array(
        fc.tuple(
          token.map((t) => `X-${t}`),
          text,
        ),
        { maxLength: 5 },
      ),
      body: fc.uint8Array({ maxLength: 64 }),
    });
    fc.assert(
      fc.property(arb, (g) => {
        const lines = [
          g.request ? `${g.method} sip:bob@example.com SIP/2.0` : `SIP/2.0 ${g.status} ${g.reason}`,
          `Via: SIP/2.0/TCP host.example.com;branch=z9hG4bK${g.branch}`,
          `From: <sip:alice@example.com>;tag=${g.tag}`,
          'To: <sip:bob@example.com>',
          `Call-ID: ${g.callId}`,
          `CSeq: ${g.seq} ${g.method}`,
          ...g.extra.map(([n, v]) => `${n}: ${v}`),
          `Content-Length: ${g.body.length}`,
        ];
        const bytes = Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), g.body]);
        const m = parseMessage(bytes);
        expect(Buffer.compare(Buffer.from(serializeMessage(m)), bytes)).toBe(0);
        expect(m.headers.cseq()).toEqual({ seq: g.seq, method: g.method });
        expect(m.headers.from().tag).toBe(g.tag);
        expect(m.headers.callId()).toBe(g.callId);
        expect(Buffer.compare(Buffer.from(m.body), Buffer.from(g.body))).toBe(0);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
