/**
 * Resolves when `signal` aborts (Ctrl-C) or after `ms`. A ref'd timer keeps the process alive meanwhile: a waiting
 * command may have nothing else pending (no SIP connection, XCAP idle), and Node would otherwise end the process
 * with the top-level await unsettled.
 */
export function untilInterrupted(signal: AbortSignal, ms?: number): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const keepAlive = setInterval(() => {}, 60_000);
    const timer = ms === undefined ? undefined : setTimeout(done, ms);
    function done() {
      clearInterval(keepAlive);
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
