import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAnyUri, encodeAnyUriBlink, formatAnyUri } from './any-uri.js';

describe('Blink anyURI encoding', () => {
  it('escapes everything but unreserved characters and "/" like python quote(safe="/")', () => {
    expect(encodeAnyUriBlink('sip:alice@example.org')).toBe('sip%3Aalice%40example.org');
    expect(
      encodeAnyUriBlink('https://xcap.example.com/xcap-root/resource-lists/users/sip:a@b/index/~~/x[@n="é"]'),
    ).toBe('https%3A//xcap.example.com/xcap-root/resource-lists/users/sip%3Aa%40b/index/~~/x%5B%40n%3D%22%C3%A9%22%5D');
  });

  it('decodes escapes and leaves stray percent signs alone', () => {
    expect(decodeAnyUri('sip%3Aalice%40example.org')).toBe('sip:alice@example.org');
    expect(decodeAnyUri('sip:100%@x%40y')).toBe('sip:100%@x@y');
    expect(decodeAnyUri('%E9%41')).toBe('%E9%41');
  });

  it('keeps the raw text when it still means the value, otherwise writes the requested style', () => {
    expect(formatAnyUri('sip:a@b', 'plain', 'sip%3Aa@b')).toBe('sip%3Aa@b');
    expect(formatAnyUri('sip:c@b', 'blink', 'sip%3Aa@b')).toBe('sip%3Ac%40b');
    expect(formatAnyUri('sip:c@b', 'plain')).toBe('sip:c@b');
  });

  it('decodes what it encodes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (value) => {
        expect(decodeAnyUri(encodeAnyUriBlink(value))).toBe(value);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
