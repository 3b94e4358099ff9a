/** An opaque handle returned by {@link Clock.setTimeout}. */
export interface TimerHandle {
  readonly id: number;
}

/**
 * Time as the signalling engine sees it. Every timer of the transaction layer and of the client state machines goes
 * through one of these, so tests drive time with {@link ManualClock} instead of waiting.
 */
export interface Clock {
  /** Milliseconds since an arbitrary epoch (wall time for the system clock). */
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
}

/** The real clock, on Node's timers. Timers are unref'd so a forgotten refresh never keeps a process alive. */
export function createSystemClock(): Clock {
  let next = 1;
  const timers = new Map<number, NodeJS.Timeout>();
  return {
    now: () => Date.now(),
    setTimeout(callback, ms) {
      const id = next++;
      const timer = setTimeout(
        () => {
          timers.delete(id);
          callback();
        },
        Math.max(0, ms),
      );
      timer.unref();
      timers.set(id, timer);
      return { id };
    },
    clearTimeout(handle) {
      if (handle === undefined) return;
      const timer = timers.get(handle.id);
      if (timer !== undefined) clearTimeout(timer);
      timers.delete(handle.id);
    },
  };
}

interface PendingTimer {
  readonly id: number;
  readonly due: number;
  readonly callback: () => void;
}

/** A clock that only moves when told to; timers fire in due order during {@link ManualClock.advance}. */
export class ManualClock implements Clock {
  #now: number;
  #next = 1;
  #timers: PendingTimer[] = [];

  constructor(start = 0) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.#next++;
    this.#timers.push({ id, due: this.#now + Math.max(0, ms), callback });
    return { id };
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle === undefined) return;
    this.#timers = this.#timers.filter((t) => t.id !== handle.id);
  }

  /** Number of timers not yet fired. */
  get pending(): number {
    return this.#timers.length;
  }

  /** Milliseconds until the next timer fires, or undefined when none is pending. */
  nextDue(): number | undefined {
    let due: number | undefined;
    for (const t of this.#timers) if (due === undefined || t.due < due) due = t.due;
    return due === undefined ? undefined : due - this.#now;
  }

  /** Moves time forward, firing every timer that falls due (including ones scheduled by callbacks on the way). */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      let first: PendingTimer | undefined;
      for (const t of this.#timers) if (t.due <= target && (first === undefined || t.due < first.due)) first = t;
      if (first === undefined) break;
      const fired = first;
      this.#timers = this.#timers.filter((t) => t.id !== fired.id);
      this.#now = fired.due;
      fired.callback();
    }
    this.#now = target;
  }
}
