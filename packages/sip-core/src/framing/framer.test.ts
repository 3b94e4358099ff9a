import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SipParseError } from '../errors.js';
import { type SipFrame, SipStreamFramer } from './framer.js';
import { SipStreamParser } from './stream-parser.js';

const fixtures = fileURLToPath(new URL('../../test/fixtures/corpus/', import.meta.url));
const corpus = readdirSync(fixtures)
  .sort()
  .map((f) => readFileSync(`${fixtures}${f}`));
const stream = Buffer.concat(corpus);

const describeFrames = (frames: readonly SipFrame[]): string[] =>
  frames.map((f) => (f.type === 'message' ? Buffer.from(f.bytes).toString('latin1') : f.type));

function feed(framer: SipStreamFramer, chunks: readonly Uint8Array[]): SipFrame[] {
  return chunks.flatMap((c) => framer.push(c));
}

describe('SipStreamFramer', () => {
  it('splits several messages arriving in one chunk', () => {
    const frames = new SipStreamFramer().push(stream);
    expect(describeFrames(frames)).toEqual(corpus.map((b) => b.toString('latin1')));
  });

  it('copes with a cut at every byte of a message with a body', () => {
    const msg = corpus[2] ?? Buffer.alloc(0);
    for (let cut = 1; cut < msg.length; cut++) {
      const framer = new SipStreamFramer();
      const frames = feed(framer, [msg.subarray(0, cut), msg.subarray(cut)]);
      expect(describeFrames(frames)).toEqual([msg.toString('latin1')]);
      expect(framer.buffered).toBe(0);
    }
  });

  it('waits for the body after the header section has arrived', () => {
    const msg = corpus[4] ?? Buffer.alloc(0);
    const framer = new SipStreamFramer();
    const headerEnd = msg.indexOf('\r\n\r\n') + 4;
    expect(framer.push(msg.subarray(0, headerEnd))).toEqual([]);
    expect(framer.buffered).toBe(headerEnd);
    expect(describeFrames(framer.push(msg.subarray(headerEnd)))).toEqual([msg.toString('latin1')]);
  });

  it('gives the same frames whatever the chunk boundaries (property)', () => {
    const expected = corpus.map((b) => b.toString('latin1'));
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 40 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), stream.length];
        const chunks = points.slice(1).map((end, i) => stream.subarray(points[i], end));
        expect(describeFrames(feed(new SipStreamFramer(), chunks))).toEqual(expected);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('reports CRLF keep-alives as pongs to a client (RFC 5626 §4.4.1)', () => {
    const framer = new SipStreamFramer();
    const msg = corpus[6] ?? Buffer.alloc(0);
    expect(describeFrames(feed(framer, [Buffer.from('\r\n'), Buffer.concat([Buffer.from('\r\n'), msg])]))).toEqual([
      'pong',
      'pong',
      msg.toString('latin1'),
    ]);
  });

  it('tells pings from pongs as a server, whatever the split', () => {
    const bytes = Buffer.from('\r\n\r\n\r\nOPTIONS');
    for (let cut = 1; cut < 6; cut++) {
      const framer = new SipStreamFramer({ role: 'server' });
      const frames = feed(framer, [bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect(describeFrames(frames)).toEqual(['ping', 'pong']);
      expect(framer.buffered).toBe(7);
    }
  });

  it('requires Content-Length on a stream (RFC 3261 §18.3) and fails for good afterwards', () => {
    const framer = new SipStreamFramer();
    const noLength = Buffer.from('OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\n\r\n');
    expect(() => framer.push(noLength)).toThrow(expect.objectContaining({ code: 'MISSING_HEADER' }));
    expect(() => framer.push(corpus[0] ?? Buffer.alloc(0))).toThrow(SipParseError);
  });

  it('enforces the header and body limits', () => {
    const big = new SipStreamFramer({ limits: { maxHeaderBytes: 64 } });
    expect(() => big.push(Buffer.from(`OPTIONS sip:a@b SIP/2.0\r\nX: ${'a'.repeat(100)}`))).toThrow(
      expect.objectContaining({ code: 'HEADER_SECTION_TOO_LARGE' }),
    );
    const body = new SipStreamFramer({ limits: { maxBodyBytes: 10 } });
    expect(() => body.push(Buffer.from('MESSAGE sip:a@b SIP/2.0\r\nl: 11\r\n\r\n'))).toThrow(
      expect.objectContaining({ code: 'BODY_TOO_LARGE' }),
    );
  });

  it('reads a folded and compact Content-Length and rejects a bare CR between messages', () => {
    const framer = new SipStreamFramer();
    const msg = Buffer.from('MESSAGE sip:a@b SIP/2.0\r\nl:\r\n  3\r\n\r\nabc');
    expect(describeFrames(framer.push(msg))).toEqual([msg.toString('latin1')]);
    expect(() => framer.push(Buffer.from('\rX'))).toThrow(expect.objectContaining({ code: 'BAD_LINE_BREAK' }));
  });
});

describe('SipStreamParser', () => {
  it('decodes frames and reports undecodable ones without closing the stream', () => {
    const parser = new SipStreamParser();
    const bad = Buffer.from('OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 0\r\n\r\n');
    const events = parser.push(
      Buffer.concat([corpus[0] ?? Buffer.alloc(0), bad, Buffer.from('\r\n'), corpus[1] ?? Buffer.alloc(0)]),
    );
    expect(events.map((e) => e.type)).toEqual(['message', 'invalid', 'pong', 'message']);
    const first = events[0];
    expect(first?.type === 'message' && first.message.kind).toBe('request');
    const invalid = events[1];
    expect(invalid?.type === 'invalid' && invalid.error.code).toBe('MISSING_HEADER');
  });
});

describe('SipStreamFramer with large bodies', () => {
  it('collects a body arriving in many small chunks without re-copying it each time', () => {
    const body = Buffer.alloc(2 * 1024 * 1024, 0x61);
    const head = Buffer.from(`NOTIFY sip:a@b SIP/2.0\r\nContent-Length: ${body.length}\r\n\r\n`);
    const framer = new SipStreamFramer();
    const started = performance.now();
    let frames: SipFrame[] = framer.push(head);
    for (let i = 0; i < body.length; i += 1024) frames = frames.concat(framer.push(body.subarray(i, i + 1024)));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(frames.length).toBe(1);
    const frame = frames[0];
    expect(frame?.type === 'message' && frame.bytes.length).toBe(head.length + body.length);
    expect(framer.buffered).toBe(0);
  });
});

describe('SipStreamFramer against a trickling peer', () => {
  it('frames a large header section sent one byte at a time in linear time', () => {
    const head = Buffer.from(
      `MESSAGE sip:a@b SIP/2.0\r\n${Array.from({ length: 1500 }, (_, i) => `X-Pad-${i}: ${'p'.repeat(20)}\r\n`).join('')}Content-Length: 2\r\n\r\nok`,
    );
    const framer = new SipStreamFramer({ limits: { maxHeaderBytes: 128 * 1024 } });
    const started = performance.now();
    const frames: SipFrame[] = [];
    for (let i = 0; i < head.length; i++) frames.push(...framer.push(head.subarray(i, i + 1)));
    expect(performance.now() - started).toBeLessThan(3000);
    expect(describeFrames(frames)).toEqual([head.toString('latin1')]);
  });

  it('still enforces the header limit on trickled input', () => {
    const framer = new SipStreamFramer({ limits: { maxHeaderBytes: 100 } });
    const bytes = Buffer.from(`OPTIONS sip:a@b SIP/2.0\r\nX: ${'a'.repeat(200)}`);
    expect(() => {
      for (let i = 0; i < bytes.length; i++) framer.push(bytes.subarray(i, i + 1));
    }).toThrow(expect.objectContaining({ code: 'HEADER_SECTION_TOO_LARGE' }));
  });
});
