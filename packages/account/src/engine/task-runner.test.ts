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
});
