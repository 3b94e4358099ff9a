import { decodeAnyUri } from '@simplekit/xcap';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUri } from './decode-uri.js';

describe('decodeUri', () => {
  it('decodes ASCII escapes in either case', () => {
    expect(decodeUri('sip%3Aalice%40example.org')).toBe('sip:alice@example.org');
    expect(decodeUri('a%2fb%2Fc')).toBe('a/b/c');
    expect(decodeUri('plain')).toBe('plain');
  });

  it('decodes UTF-8 sequences and keeps stray percent signs, as decodeAnyUri does', () => {
    expect(decodeUri('sip%3Aj%C3%BCrgen%40example.org')).toBe('sip:jürgen@example.org');
    expect(decodeUri('100%')).toBe('100%');
    expect(decodeUri('%zz%41')).toBe(decodeAnyUri('%zz%41'));
    const long = `sip%3A${'a'.repeat(2000)}%40example.org`;
    expect(decodeUri(long)).toBe(`sip:${'a'.repeat(2000)}@example.org`);
  });

  it('always equals decodeAnyUri', () => {
    const piece = fc.oneof(
      fc.constantFrom('%', '%4', '%41', '%7f', '%80', '%C3%BC', '%E2%82%AC', '%F0%9F%98%80', '%zz', '%3a', '%25'),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const raw = pieces.join('');
        expect(decodeUri(raw)).toBe(decodeAnyUri(raw));
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
});
