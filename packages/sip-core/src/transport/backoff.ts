export interface BackoffOptions {
  /** First delay before jitter (RFC 5626 §4.5 base-time: 30 s when all flows failed; we default lower for UX). */
  readonly baseMs?: number;
  /** Cap (RFC 5626 §4.5 max-time, default 1800 s there; 60 s here). */
  readonly maxMs?: number;
  /** Random source in [0, 1); injectable for tests. */
  readonly random?: () => number;
}

/**
 * Capped exponential backoff with jitter. RFC 5626 §4.5: wait-time = min(max-time, base-time * 2^failures), then a
 * uniformly random time between 50% and 100% of it, so that clients cut off together do not come back together.
 */
export class Backoff {
  readonly #base: number;
  readonly #max: number;
  readonly #random: () => number;
  #failures = 0;

  constructor(options: BackoffOptions = {}) {
    this.#base = options.baseMs ?? 500;
    this.#max = options.maxMs ?? 60_000;
    this.#random = options.random ?? Math.random;
  }

  /** Delay before the next attempt; each call counts one more failure. */
  next(): number {
    const ceiling = Math.min(this.#max, this.#base * 2 ** this.#failures);
    this.#failures = Math.min(this.#failures + 1, 40);
    return Math.round(ceiling * (0.5 + 0.5 * this.#random()));
  }

  get failures(): number {
    return this.#failures;
  }

  reset(): void {
    this.#failures = 0;
  }
}
