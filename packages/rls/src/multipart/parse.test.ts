import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RlsError } from '../errors.js';
import { parseMultipart } from './parse.js';
import { serialiseMultipart } from './serialise.js';

const TYPE = 'multipart/related;type="application/rlmi+xml";start="<root@x>";boundary="b0und"';
const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

const TWO_PARTS = [
  '--b0und\r\n',
  'Content-Type: application/rlmi+xml\r\nContent-ID: <root@x>\r\n\r\n',
  '<list/>\r\n',
  '--b0und\r\n',
  'Content-Type: application/pidf+xml\r\nContent-ID: <p1@x>\r\nContent-Transfer-Encoding: binary\r\n\r\n',
  '<presence/>\r\n',
  '--b0und--\r\n',
].join('');

describe('parseMultipart', () => {
  it('splits parts, reads their headers and finds the root by start', () => {
    const multipart = parseMultipart(Buffer.from(TWO_PARTS), TYPE);
    expect(multipart.boundary).toBe('b0und');
    expect(multipart.parts.map((p) => [p.contentType.essence, p.contentId, p.transferEncoding, text(p.body)])).toEqual([
      ['application/rlmi+xml', 'root@x', '7bit', '<list/>'],
      ['application/pidf+xml', 'p1@x', 'binary', '<presence/>'],
    ]);
    expect(multipart.root.contentId).toBe('root@x');
  });

  it('uses the first part as root when start is absent (RFC 2387 §3.2)', () => {
    const multipart = parseMultipart(Buffer.from(TWO_PARTS), 'multipart/related;boundary=b0und');
    expect(multipart.root.contentId).toBe('root@x');
  });

  it('ignores preamble and epilogue and tolerates transport padding after the boundary', () => {
    const body = `This is a preamble.\r\n--b0und  \t\r\nContent-ID: <a>\r\n\r\nA\r\n--b0und--\r\nepilogue --b0und`;
    const multipart = parseMultipart(Buffer.from(body), 'multipart/related;boundary=b0und');
    expect(multipart.parts.map((p) => text(p.body))).toEqual(['A']);
    expect(multipart.parts[0]?.contentType.essence).toBe('text/plain');
  });

  it('keeps binary content intact, including CR, LF, NUL and boundary-like text not at a line start', () => {
    const payload = Buffer.from([0x00, 0x0d, 0x0a, 0xff, 0x2d, 0x2d, 0x0d, 0x0a, 0x0d, 0x0a, 0x80]);
    const tricky = Buffer.concat([payload, Buffer.from('x--b0und\r\n--b0undX\r\n'), payload]);
    const body = Buffer.concat([
      Buffer.from('--b0und\r\nContent-ID: <bin>\r\n\r\n'),
      tricky,
      Buffer.from('\r\n--b0und--'),
    ]);
    const multipart = parseMultipart(body, 'multipart/related;boundary=b0und');
    expect(Buffer.from(multipart.parts[0]?.body ?? []).equals(tricky)).toBe(true);
  });

  it('decodes base64 parts and reports broken base64 on that part only', () => {
    const body = [
      '--b\r\nContent-ID: <ok>\r\nContent-Transfer-Encoding: base64\r\n\r\nPHByZXNl\r\nbmNlLz4=\r\n',
      '--b\r\nContent-ID: <bad>\r\nContent-Transfer-Encoding: BASE64\r\n\r\n%%%notbase64\r\n',
      '--b--',
    ].join('');
    const [ok, bad] = parseMultipart(Buffer.from(body), 'multipart/related;boundary=b').parts;
    expect(text(ok?.body ?? new Uint8Array())).toBe('<presence/>');
    expect(ok?.problem).toBeUndefined();
    expect(bad?.problem?.code).toBe('RLS_TRANSFER_ENCODING');
    expect(bad?.contentId).toBe('bad');
  });

  it('accepts parts without headers and bare-LF line ends', () => {
    const body = '--b\n\nno headers\n--b\nContent-ID: <x>\n\nlf part\n--b--\n';
    const parts = parseMultipart(Buffer.from(body), 'multipart/related;boundary=b').parts;
    expect(parts.map((p) => [p.contentId, text(p.body)])).toEqual([
      [undefined, 'no headers'],
      ['x', 'lf part'],
    ]);
  });

  it('unfolds folded part headers', () => {
    const body =
      '--b\r\nContent-Type: application/pidf+xml;\r\n charset="UTF-8"\r\nContent-ID: <x>\r\n\r\nbody\r\n--b--';
    const part = parseMultipart(Buffer.from(body), 'multipart/related;boundary=b').parts[0];
    expect(part?.contentType.params).toEqual({ charset: 'UTF-8' });
  });

  it('marks a part with a broken header line but keeps the others', () => {
    const body = '--b\r\nnot a header\r\n\r\nx\r\n--b\r\nContent-ID: <y>\r\n\r\ny\r\n--b--';
    const [broken, fine] = parseMultipart(Buffer.from(body), 'multipart/related;boundary=b').parts;
    expect(broken?.problem?.code).toBe('RLS_PART_HEADERS_MALFORMED');
    expect(fine?.problem).toBeUndefined();
    expect(text(fine?.body ?? new Uint8Array())).toBe('y');
  });

  it.each([
    ['wrong boundary', TWO_PARTS, 'multipart/related;boundary=other', 'RLS_MULTIPART_MALFORMED'],
    ['truncated body', TWO_PARTS.slice(0, 150), TYPE, 'RLS_MULTIPART_TRUNCATED'],
    ['missing close delimiter', TWO_PARTS.replace('--b0und--\r\n', ''), TYPE, 'RLS_MULTIPART_TRUNCATED'],
    ['no parts', '--b0und--\r\n', 'multipart/related;boundary=b0und', 'RLS_MULTIPART_MALFORMED'],
    ['start names no part', TWO_PARTS, 'multipart/related;start="<nope>";boundary=b0und', 'RLS_ROOT_MISSING'],
    ['not multipart', TWO_PARTS, 'application/pidf+xml', 'RLS_BAD_CONTENT_TYPE'],
    ['no boundary', TWO_PARTS, 'multipart/related', 'RLS_BAD_CONTENT_TYPE'],
  ])('rejects a %s with %s', (_why, body, type, code) => {
    expect(() => parseMultipart(Buffer.from(body), type)).toThrow(expect.objectContaining({ code }));
  });

  it('enforces the part limit', () => {
    const body = `${'--b\r\n\r\nx\r\n'.repeat(5)}--b--`;
    expect(() => parseMultipart(Buffer.from(body), 'multipart/related;boundary=b', { maxParts: 4 })).toThrow(
      expect.objectContaining({ code: 'RLS_LIMIT_EXCEEDED' }),
    );
  });

  it('round-trips serialised parts of arbitrary bytes', () => {
    const part = fc.record({
      body: fc.uint8Array({ maxLength: 200 }),
      transferEncoding: fc.constantFrom('binary' as const, 'base64' as const, '8bit' as const),
    });
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 6 }), (parts) => {
        const serialised = serialiseMultipart({
          type: 'application/octet-stream',
          parts: parts.map((p, i) => ({ contentType: 'application/octet-stream', contentId: `p${i}@x`, ...p })),
        });
        const parsed = parseMultipart(serialised.body, serialised.contentType);
        expect(parsed.parts.map((p) => Buffer.from(p.body).toString('hex'))).toEqual(
          parts.map((p) => Buffer.from(p.body).toString('hex')),
        );
        expect(parsed.parts.map((p) => p.contentId)).toEqual(parts.map((_, i) => `p${i}@x`));
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('never throws anything but RlsError on mutated or cut bodies (fuzz)', () => {
    const base = Buffer.from(TWO_PARTS);
    const mutation = fc.record({
      cut: fc.nat({ max: base.length }),
      flips: fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
      junk: fc.uint8Array({ maxLength: 40 }),
    });
    fc.assert(
      fc.property(mutation, ({ cut, flips, junk }) => {
        const bytes = Buffer.from(base);
        for (const [at, value] of flips) bytes[at] = value;
        const body = Buffer.concat([bytes.subarray(0, cut), junk]);
        try {
          const parsed = parseMultipart(body, TYPE);
          expect(parsed.parts.length).toBeGreaterThan(0);
        } catch (error) {
          expect(error).toBeInstanceOf(RlsError);
        }
      }),
      { seed: 42, numRuns: 1000 },
    );
  });

  it('never throws anything but RlsError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (body) => {
        try {
          parseMultipart(Buffer.concat([Buffer.from('--b\r\n'), body]), 'multipart/related;boundary=b');
        } catch (error) {
          expect(error).toBeInstanceOf(RlsError);
        }
      }),
      { seed: 42, numRuns: 600 },
    );
  });
});

describe('serialiseMultipart', () => {
  it('writes type, start and boundary and CRLF framing', () => {
    const out = serialiseMultipart({
      type: 'application/rlmi+xml',
      start: 'root@x',
      boundary: 'b',
      parts: [{ contentType: 'application/rlmi+xml', contentId: 'root@x', body: '<list/>' }],
    });
    expect(out.contentType).toBe('multipart/related;type="application/rlmi+xml";start="<root@x>";boundary=b');
    expect(text(out.body)).toBe(
      '--b\r\nContent-Type: application/rlmi+xml\r\nContent-ID: <root@x>\r\nContent-Transfer-Encoding: binary\r\n\r\n<list/>\r\n--b--\r\n',
    );
  });

  it('refuses a boundary that occurs in a part and picks one that does not when none is given', () => {
    const parts = [{ contentType: 'text/plain', body: '--simplekit-rls-0 and --b' }];
    expect(() => serialiseMultipart({ boundary: 'b', parts })).toThrow(
      expect.objectContaining({ code: 'RLS_MULTIPART_MALFORMED' }),
    );
    expect(serialiseMultipart({ parts }).contentType).toContain('boundary=simplekit-rls-1');
  });
});
