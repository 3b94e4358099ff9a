import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RlsError } from '../errors.js';
import { formatMediaType, parseMediaType } from './media-type.js';

describe('parseMediaType', () => {
  it('reads what Kamailio rls sends: quoted type, start and boundary', () => {
    const type = parseMediaType('multipart/related;type="application/rlmi+xml";start="<kx0fq2@x>";boundary="abc123"');
    expect(type).toEqual({
      type: 'multipart',
      subtype: 'related',
      essence: 'multipart/related',
      params: { type: 'application/rlmi+xml', start: '<kx0fq2@x>', boundary: 'abc123' },
    });
  });

  it('lower-cases type and parameter names but keeps parameter values', () => {
    const type = parseMediaType('Multipart/Related; Boundary=AbC ; TYPE="application/rlmi+xml"');
    expect(type.essence).toBe('multipart/related');
    expect(type.params).toEqual({ boundary: 'AbC', type: 'application/rlmi+xml' });
  });

  it('unescapes quoted-pairs', () => {
    expect(parseMediaType('text/plain; x="a\\"b\\\\c"').params.x).toBe('a"b\\c');
  });

  it.each([
    ['', 'empty'],
    ['multipart', 'no subtype'],
    ['multipart/related; boundary', 'parameter without value'],
    ['multipart/related; boundary="abc', 'unterminated quote'],
    ['multipart/related; boundary=a; boundary=b', 'repeated parameter'],
    ['multipart/related boundary=a', 'missing semicolon'],
  ])('rejects %j (%s) with RLS_BAD_CONTENT_TYPE', (value) => {
    expect(() => parseMediaType(value)).toThrow(expect.objectContaining({ code: 'RLS_BAD_CONTENT_TYPE' }));
  });

  it('round-trips formatted values', () => {
    const token = fc.stringMatching(/^[a-z0-9][a-z0-9+.-]{0,10}$/);
    fc.assert(
      fc.property(
        token,
        token,
        fc.dictionary(
          token,
          fc.string({ maxLength: 20 }).filter((s) => !/[\r\n]/.test(s)),
          { maxKeys: 4 },
        ),
        (type, subtype, params) => {
          const parsed = parseMediaType(formatMediaType(`${type}/${subtype}`, params));
          expect(parsed.essence).toBe(`${type}/${subtype}`);
          expect(parsed.params).toEqual(params);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('throws only RlsError on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (value) => {
        try {
          parseMediaType(value);
        } catch (error) {
          expect(error).toBeInstanceOf(RlsError);
        }
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});
