import { CliInterruptedError } from './errors.js';
import type { OutputStream } from './io.js';

/** Shows that the CLI is waiting (on the network) on stderr, so that stdout stays clean for data. */
export interface Progress {
  /**
   * Runs `work` with an indicator labelled `label`; rejects with `CliInterruptedError` when `signal` aborts, unless
   * `uninterruptible` (clean-up that must finish, such as stopping the engine after Ctrl-C).
   */
  run<T>(label: string, work: () => Promise<T>, options?: { readonly uninterruptible?: boolean }): Promise<T>;
}

export interface ProgressOptions {
  readonly stream: OutputStream;
  readonly signal: AbortSignal;
  /** Nothing is shown (e.g. `--quiet`); interruption still works. */
  readonly silent?: boolean;
  readonly intervalMs?: number;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Rejects as soon as `signal` aborts; the listener is removed when `work` settles first. */
export function raceSignal<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new CliInterruptedError(String(signal.reason ?? 'signal')));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CliInterruptedError(String(signal.reason ?? 'signal')));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * On a terminal: a spinner redrawn in place and erased when the work settles. Elsewhere: one `label…` line, so that
 * a log still shows what the CLI was waiting for.
 */
export function createProgress(options: ProgressOptions): Progress {
  const { stream, signal } = options;
  return {
    async run(label, work, runOptions) {
      const guard = <T>(p: Promise<T>) => (runOptions?.uninterruptible ? p : raceSignal(p, signal));
      if (options.silent) return guard(work());
      if (!stream.isTTY) {
        stream.write(`${label}…\n`);
        return guard(work());
      }
      let frame = 0;
      const draw = () => {
        stream.write(`\r\u001b[2K${FRAMES[frame % FRAMES.length] ?? ''} ${label}`);
        frame += 1;
      };
      draw();
      const timer = setInterval(draw, options.intervalMs ?? 80);
      timer.unref();
      try {
        return await guard(work());
      } finally {
        clearInterval(timer);
        stream.write('\r\u001b[2K');
      }
    },
  };
}
