import { describe, expect, it } from 'vitest';
import { createSystemClock, ManualClock } from './clock.js';

describe('ManualClock', () => {
  it('fires timers in due order only when time is advanced past them', () => {
    const clock = new ManualClock(1000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b'), 200);
    clock.setTimeout(() => fired.push('a'), 100);
    clock.advance(99);
    expect(fired).toEqual([]);
    clock.advance(150);
    expect(fired).toEqual(['a', 'b']);
    expect(clock.now()).toBe(1249);
  });

  it('runs timers scheduled by other timers within the same advance, at their own due time', () => {
    const clock = new ManualClock();
    const at: number[] = [];
    clock.setTimeout(() => {
      at.push(clock.now());
      clock.setTimeout(() => at.push(clock.now()), 50);
    }, 100);
    clock.advance(1000);
    expect(at).toEqual([100, 150]);
  });

  it('cancels a timer and reports what is pending', () => {
    const clock = new ManualClock();
    const handle = clock.setTimeout(() => {
      throw new Error('must not fire');
    }, 10);
    clock.setTimeout(() => {}, 30);
    expect(clock.pending).toBe(2);
    clock.clearTimeout(handle);
    expect(clock.nextDue()).toBe(30);
    clock.advance(100);
    expect(clock.pending).toBe(0);
    expect(clock.nextDue()).toBeUndefined();
  });
});

describe('system clock', () => {
  it('fires a real timer and can cancel one', async () => {
    const clock = createSystemClock();
    let cancelledFired = false;
    const h = clock.setTimeout(() => {
      cancelledFired = true;
    }, 1);
    clock.clearTimeout(h);
    await new Promise<void>((resolve) => clock.setTimeout(resolve, 5));
    expect(cancelledFired).toBe(false);
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(50);
  });
});
