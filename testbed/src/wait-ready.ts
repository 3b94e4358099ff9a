import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive } from './process-group.js';
import { TestbedError } from './run-command.js';

/**
 * Polls `probe` until it resolves, the process `pid` dies, or `timeoutMs` passes; `name` says which server in the
 * errors (`TESTBED_EXITED`/`TESTBED_START_TIMEOUT`, or the given codes).
 */
export async function waitUntilAnswering(
  pid: number,
  probe: () => Promise<unknown>,
  options: {
    readonly name: string;
    readonly timeoutMs: number;
    readonly intervalMs?: number;
    readonly exitedCode?: string;
    readonly timeoutCode?: string;
  },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) {
      throw new TestbedError(options.exitedCode ?? 'TESTBED_EXITED', `${options.name} exited during start-up`);
    }
    try {
      await probe();
      return;
    } catch (error) {
      lastError = error;
      await sleep(options.intervalMs ?? 100);
    }
  }
  throw new TestbedError(
    options.timeoutCode ?? 'TESTBED_START_TIMEOUT',
    `${options.name} did not answer within ${options.timeoutMs} ms`,
    { cause: lastError },
  );
}
