import { describe, expect, it } from 'vitest';
import { FakeClock, settle } from '../test-support/fake-clock.js';
import { TaskRunner } from './task-runner.js';

describe('task runner', () => {
  it('coalesces requests made while running into one more run', async () => {
    const clock = new FakeClock();
    let runs = 0;
    let release: () => void = () => undefined;
    const runner = new TaskRunner({
      clock,
      run: () =>
        new Promise<void>((resolve) => {
          runs += 1;
          release = resolve;
        }),
      onError: () => undefined,
    });
    const first = runner.request();
    void runner.request();
    void runner.request();
    release();
    await settle();
    release();
    await first;
    expect(runs).toBe(2);
  });

  it('retries with exponential backoff and re-arms the periodic run after a success', async () => {
    const clock = new FakeClock();
    const delays: number[] = [];
    let fail = 3;
    let runs = 0;
    const runner = new TaskRunner({
      clock,
      periodMs: 60_000,
      run: async () => {
        runs += 1;
        if (fail > 0) {
          fail -= 1;
          throw new Error('down');
        }
      },
      onError: (_e, retryInMs) => delays.push(retryInMs),
    });
    await runner.request();
    await clock.advance(1000);
    await clock.advance(2000);
    await clock.advance(4000);
    expect(delays).toEqual([1000, 2000, 4000]);
    expect(runs).toBe(4);
    await clock.advance(60_000);
    expect(runs).toBe(5);
    runner.stop();
    await clock.advance(120_000);
    expect(runs).toBe(5);
  });

  it('waits what a Retry-After says instead of backing off, and does not grow the backoff with it', async () => {
    const clock = new FakeClock();
    const delays: number[] = [];
    const failures: unknown[] = [
      Object.assign(new Error('503'), { retryAfterMs: 7000 }),
      Object.assign(new Error('not sent, 3 s left'), { retryAfterMs: 300 }),
      new Error('down'),
      new Error('down'),
      new Error('down'),
      new Error('down'),
      new Error('down'),
    ];
    const runner = new TaskRunner({
      clock,
      maxRetryMs: 8000,
      run: async () => {
        const next = failures.shift();
        if (next !== undefined) throw next;
      },
      onError: (_e, retryInMs) => delays.push(retryInMs),
    });
    await runner.request();
    for (let i = 0; i < 8; i += 1) await clock.advance(delays.at(-1) ?? 0);
    // The server's 7 s; a local refusal's 0.3 s raised to the 1 s minimum; then 1, 2, 4, 8, 8 s (capped).
    expect(delays).toEqual([7000, 1000, 1000, 2000, 4000, 8000, 8000]);
    expect(failures).toEqual([]);
    runner.stop();
  });
});
