import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.js';

describe('Backoff', () => {
  it('doubles up to the cap, with jitter between 50% and 100% (RFC 5626 §4.5)', () => {
    const top = new Backoff({ baseMs: 100, maxMs: 1000, random: () => 0.999999 });
    expect([1, 2, 3, 4, 5, 6].map(() => top.next())).toEqual([100, 200, 400, 800, 1000, 1000]);
    const bottom = new Backoff({ baseMs: 100, maxMs: 1000, random: () => 0 });
    expect([1, 2, 3, 4, 5].map(() => bottom.next())).toEqual([50, 100, 200, 400, 500]);
  });

  it('starts over after reset', () => {
    const b = new Backoff({ baseMs: 100, random: () => 0.5 });
    b.next();
    b.next();
    expect(b.failures).toBe(2);
    b.reset();
    expect(b.next()).toBe(75);
  });

  it('never overflows after many failures', () => {
    const b = new Backoff({ baseMs: 500, maxMs: 60_000, random: () => 1 });
    for (let i = 0; i < 2000; i++) b.next();
    expect(b.next()).toBe(60_000);
  });
});
