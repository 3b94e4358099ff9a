import type { Clock, TimerHandle } from './clock.js';
import type { HostInfo } from './host-info.js';

/**
 * Polls the host's idle time and calls `onChange` when it crosses `thresholdSeconds` either way (RPID user-input,
 * RFC 4480 §3.11, must follow the user). Returns the function that stops it.
 */
export function watchIdle(options: {
  readonly clock: Clock;
  readonly host: HostInfo;
  readonly thresholdSeconds: number;
  readonly pollMs: number;
  readonly onChange: (idle: boolean) => void;
}): () => void {
  const idleNow = () => (options.host.idleSeconds() ?? 0) >= options.thresholdSeconds;
  let idle = idleNow();
  let timer: TimerHandle | undefined;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    const now = idleNow();
    if (now !== idle) {
      idle = now;
      options.onChange(now);
    }
    timer = options.clock.setTimeout(tick, options.pollMs);
  };
  timer = options.clock.setTimeout(tick, options.pollMs);
  return () => {
    stopped = true;
    if (timer !== undefined) options.clock.clearTimeout(timer);
  };
}
