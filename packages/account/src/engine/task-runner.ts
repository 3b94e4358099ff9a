import type { Clock, TimerHandle } from '../host/clock.js';

export interface TaskRunnerOptions {
  readonly clock: Clock;
  /** The work; a rejection schedules a retry. */
  readonly run: () => Promise<void>;
  readonly onError: (error: unknown, retryInMs: number) => void;
  /** Run again this long after a success (periodic refetch); none when absent. */
  readonly periodMs?: number;
  readonly minRetryMs?: number;
  readonly maxRetryMs?: number;
}

/** The `retryAfterMs` an error carries (set by `@simplekit/xcap` from a Retry-After header), if any. */
function retryAfterOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('retryAfterMs' in error)) return undefined;
  const ms = error.retryAfterMs;
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/**
 * Runs a task one at a time: a request while it runs makes it run once more afterwards (requests coalesce), a
 * failure retries with exponential backoff (or when the server said, by Retry-After), and a success re-arms the
 * periodic timer. Driven by the injected clock.
 */
export class TaskRunner {
  readonly #o: TaskRunnerOptions;
  #running: Promise<void> | undefined;
  #again = false;
  #timer: TimerHandle | undefined;
  #failures = 0;
  #stopped = false;

  constructor(options: TaskRunnerOptions) {
    this.#o = options;
  }

  /** Runs the task now (or right after the current run); resolves when that run has finished. */
  request(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#clearTimer();
    this.#running = this.#loop().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Resolves once no run is in progress. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  stop(): void {
    this.#stopped = true;
    this.#clearTimer();
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      try {
        await this.#o.run();
        this.#failures = 0;
      } catch (error) {
        const min = this.#o.minRetryMs ?? 1000;
        const serverSaid = retryAfterOf(error);
        // RFC 9110 §10.2.3: a Retry-After is the server's own schedule, so it replaces the backoff and does not grow
        // it (a request refused locally while that wait lasts carries what is left of it).
        if (serverSaid === undefined) this.#failures += 1;
        const delay =
          serverSaid !== undefined
            ? Math.max(serverSaid, min)
            : Math.min(this.#o.maxRetryMs ?? 60_000, min * 2 ** (this.#failures - 1));
        this.#o.onError(error, delay);
        this.#arm(delay);
        return;
      }
    } while (this.#again && !this.#stopped);
    if (this.#o.periodMs !== undefined) this.#arm(this.#o.periodMs);
  }

  #arm(ms: number): void {
    if (this.#stopped) return;
    this.#clearTimer();
    this.#timer = this.#o.clock.setTimeout(() => {
      this.#timer = undefined;
      void this.request();
    }, ms);
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) this.#o.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
