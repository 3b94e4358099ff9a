import type { Clock, TimerHandle } from '../clock/clock.js';
import type { SipMessage } from '../message/types.js';
import type { SipDestination, SipResolver } from '../resolver/resolver.js';
import { nullTraceSink, type TraceSink } from '../trace/trace.js';
import { Backoff, type BackoffOptions } from './backoff.js';
import type { ConnectTarget, SipConnection } from './connection.js';
import { TypedEmitter } from './emitter.js';
import { TransportError } from './errors.js';
import { DEFAULT_KEEPALIVE_INTERVAL_MS, superviseKeepAlive } from './keepalive.js';
import type { ConnectionPool } from './pool.js';

export interface FlowOptions {
  readonly pool: ConnectionPool;
  readonly resolver: SipResolver;
  /** The outbound proxy, or the registrar's domain (RFC 3263 §4). */
  readonly destination: SipDestination;
  readonly clock: Clock;
  readonly backoff?: BackoffOptions;
  /** CRLF keep-alive settings; `false` turns pings off. */
  readonly keepAlive?: { readonly intervalMs?: number; readonly pongTimeoutMs?: number } | false;
  readonly trace?: TraceSink;
}

export type FlowEvents = {
  /** A connection is up; `reconnected` is true when it replaces one that was lost. */
  up: [connection: SipConnection, reconnected: boolean];
  /** The connection was lost (not when closed by {@link SipFlow.close}); a reconnect is scheduled. */
  down: [error: TransportError, retryInMs: number];
  message: [message: SipMessage, connection: SipConnection];
};

/**
 * One long-lived connection to the user's server (an RFC 5626 "flow"): located through RFC 3263, kept alive with
 * CRLF pings, re-established with capped exponential backoff when it breaks, failing over to the next target.
 */
export class SipFlow extends TypedEmitter<FlowEvents> {
  readonly #options: FlowOptions;
  readonly #backoff: Backoff;
  readonly #trace: TraceSink;
  #connection: SipConnection | undefined;
  #attempt: Promise<SipConnection> | undefined;
  #retryTimer: TimerHandle | undefined;
  #targets: ConnectTarget[] = [];
  #targetIndex = 0;
  #closed = false;
  #everUp = false;
  #stopKeepAlive: (() => void) | undefined;
  /** RFC 5626 §4.4.1: the registrar's Flow-Timer, in ms; pings go at least this often. */
  #requiredIntervalMs: number | undefined;

  constructor(options: FlowOptions) {
    super();
    this.#options = options;
    this.#backoff = new Backoff(options.backoff);
    this.#trace = options.trace ?? nullTraceSink;
  }

  /** The connection in use, if one is up. */
  get connection(): SipConnection | undefined {
    return this.#connection !== undefined && !this.#connection.closed ? this.#connection : undefined;
  }

  /** How many other located targets a {@link failover} could move to. */
  get alternatives(): number {
    return Math.max(0, this.#targets.length - 1);
  }

  /** The open connection, or a new one after trying every located target once. */
  async connect(): Promise<SipConnection> {
    if (this.#closed) throw new TransportError('CONNECTION_CLOSED', 'the flow was closed');
    const current = this.connection;
    if (current !== undefined) return current;
    this.#attempt ??= this.#tryTargets().finally(() => {
      this.#attempt = undefined;
    });
    return this.#attempt;
  }

  /** Drops the current target (RFC 3263 §4.3: e.g. after a 503) and connects to the next one. */
  async failover(): Promise<SipConnection> {
    this.#targetIndex++;
    const current = this.#connection;
    this.#connection = undefined;
    this.#stopKeepAlive?.();
    current?.close();
    return this.connect();
  }

  /** Closes the connection for good; no reconnect follows. */
  close(): void {
    this.#closed = true;
    this.#options.clock.clearTimeout(this.#retryTimer);
    this.#stopKeepAlive?.();
    this.#connection?.close();
    this.#connection = undefined;
  }

  async #tryTargets(): Promise<SipConnection> {
    if (this.#targets.length === 0 || this.#targetIndex >= this.#targets.length) {
      this.#targets = await this.#options.resolver.resolve(this.#options.destination);
      this.#targetIndex = 0;
    }
    let lastError: unknown;
    for (let tried = 0; tried < this.#targets.length; tried++) {
      const index = (this.#targetIndex + tried) % this.#targets.length;
      const target = this.#targets[index];
      if (target === undefined) continue;
      try {
        const connection = await this.#options.pool.acquire(target);
        this.#targetIndex = index;
        this.#adopt(connection);
        return connection;
      } catch (error) {
        lastError = error;
      }
    }
    // Next time, locate again: the DNS answer may have changed while the server was away.
    this.#targets = [];
    if (lastError instanceof TransportError) throw lastError;
    throw new TransportError('NO_TARGETS', 'no reachable SIP server', { cause: lastError });
  }

  #adopt(connection: SipConnection): void {
    if (this.#closed) {
      connection.close();
      return;
    }
    const reconnected = this.#everUp;
    this.#everUp = true;
    this.#connection = connection;
    this.#backoff.reset();
    const offMessage = connection.on('message', (message) => this.emit('message', message, connection));
    connection.once('close', (error) => {
      offMessage();
      if (this.#connection !== connection) return;
      this.#connection = undefined;
      this.#stopKeepAlive?.();
      if (!this.#closed) this.#lost(error ?? new TransportError('CONNECTION_CLOSED', 'the server closed the flow'));
    });
    this.#superviseKeepAlive(connection);
    this.emit('up', connection, reconnected);
  }

  /**
   * RFC 5626 §4.4.1: when the registrar's 2xx carries a Flow-Timer, keep-alives must go at least that often (the
   * ping is drawn from 80–100% of the interval). Applies to the current connection at once and to later ones;
   * `undefined` goes back to the configured interval. Nothing happens when keep-alives are off.
   */
  requireKeepAliveWithin(ms: number | undefined): void {
    if (ms === this.#requiredIntervalMs) return;
    this.#requiredIntervalMs = ms;
    const connection = this.connection;
    if (connection !== undefined) this.#superviseKeepAlive(connection);
  }

  #superviseKeepAlive(connection: SipConnection): void {
    const keepAlive = this.#options.keepAlive;
    if (keepAlive === false) return;
    this.#stopKeepAlive?.();
    const configured = keepAlive?.intervalMs ?? DEFAULT_KEEPALIVE_INTERVAL_MS;
    const required = this.#requiredIntervalMs;
    const intervalMs = required === undefined ? configured : Math.min(configured, required);
    this.#stopKeepAlive = superviseKeepAlive(connection, { clock: this.#options.clock, ...keepAlive, intervalMs });
  }

  #lost(error: TransportError): void {
    const delay = this.#backoff.next();
    this.#trace.write({
      kind: 'note',
      timestamp: Date.now(),
      level: 'warning',
      text: `flow lost (${error.message}); reconnecting in ${delay} ms`,
    });
    this.emit('down', error, delay);
    this.#scheduleRetry(delay);
  }

  #scheduleRetry(delay: number): void {
    this.#options.clock.clearTimeout(this.#retryTimer);
    this.#retryTimer = this.#options.clock.setTimeout(() => {
      if (this.#closed || this.connection !== undefined) return;
      this.connect().catch((error: unknown) => {
        const next = this.#backoff.next();
        this.#trace.write({
          kind: 'note',
          timestamp: Date.now(),
          level: 'warning',
          text: `reconnect failed (${error instanceof Error ? error.message : String(error)}); next try in ${next} ms`,
        });
        this.#scheduleRetry(next);
      });
    }, delay);
  }
}
