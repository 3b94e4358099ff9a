import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from './retry-after.js';

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);

describe('Retry-After (RFC 9110 §10.2.3)', () => {
  it('reads delay-seconds as milliseconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
  });

  it('reads an HTTP-date as the time left until it, and a past date as no wait', () => {
    expect(parseRetryAfter('Fri, 27 Nov 2026 12:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 11:00:00 GMT', NOW)).toBe(0);
  });

  it('takes the first of repeated delay-seconds values', () => {
    expect(parseRetryAfter('5, 10', NOW)).toBe(5000);
  });

  it('bounds a huge wait to one day', () => {
    expect(parseRetryAfter('9999999999', NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('Fri, 27 Nov 2099 12:00:30 GMT', NOW)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('ignores what is neither form', () => {
    for (const v of [undefined, '', '-5', '1.5', 'soon', 'x'.repeat(200), '12345678901']) {
      expect(parseRetryAfter(v, NOW)).toBeUndefined();
    }
  });

  it('never throws and returns undefined or a wait within [0, one day] for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const wait = parseRetryAfter(text, NOW);
        return wait === undefined || (Number.isInteger(wait) && wait >= 0 && wait <= MAX_RETRY_AFTER_MS);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('reads back every delay-seconds value it is given', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 86_400 }),
        (seconds) => parseRetryAfter(String(seconds), NOW) === seconds * 1000,
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});
