import type { Clock, TimerHandle } from '../clock/clock.js';
import type { SipConnection } from './connection.js';
import { TransportError } from './errors.js';

/** RFC 5626 §4.4.1: for connection-oriented transports a keep-alive roughly every 95–120 s. */
export const DEFAULT_KEEPALIVE_INTERVAL_MS = 100_000;

export interface KeepAliveOptions {
  readonly clock: Clock;
  /** RFC 5626 §4.4.1: for connection-oriented transports a keep-alive roughly every 95–120 s. */
  readonly intervalMs?: number;
  /** RFC 5626 §4.4.1: no pong within 10 s means the flow failed. */
  readonly pongTimeoutMs?: number;
  /** Called when supervision gives up on the connection (it is closed just before). */
  readonly onFailure?: (error: TransportError) => void;
}

/**
 * Sends CRLFCRLF pings on a connection and supervises the CRLF pongs (RFC 5626 §3.5.1, §4.4.1). A missing pong
 * destroys the connection so the flow above reconnects instead of waiting on a dead NAT binding.
 */
export function superviseKeepAlive(connection: SipConnection, options: KeepAliveOptions): () => void {
  const { clock } = options;
  const interval = options.intervalMs ?? DEFAULT_KEEPALIVE_INTERVAL_MS;
  const pongTimeout = options.pongTimeoutMs ?? 10_000;
  let pingTimer: TimerHandle | undefined;
  let pongTimer: TimerHandle | undefined;
  let stopped = false;

  const schedule = (): void => {
    // RFC 5626 §4.4.1: a random 80–100% of the interval so that many clients do not ping in step.
    pingTimer = clock.setTimeout(ping, Math.round(interval * (0.8 + 0.2 * Math.random())));
  };
  const ping = (): void => {
    if (stopped || connection.closed) return;
    connection.sendPing();
    pongTimer = clock.setTimeout(() => {
      if (stopped) return;
      stop();
      const error = new TransportError(
        'KEEPALIVE_TIMEOUT',
        `no pong within ${pongTimeout} ms on ${connection.describe()}`,
      );
      connection.abort(error);
      options.onFailure?.(error);
    }, pongTimeout);
  };
  const offPong = connection.on('pong', () => {
    clock.clearTimeout(pongTimer);
    pongTimer = undefined;
    if (!stopped) schedule();
  });
  const offClose = connection.on('close', () => stop());
  function stop(): void {
    stopped = true;
    clock.clearTimeout(pingTimer);
    clock.clearTimeout(pongTimer);
    offPong();
    offClose();
  }
  schedule();
  return stop;
}
