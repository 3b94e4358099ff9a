import type { Clock } from '../clock/clock.js';
import type { TraceSink } from '../trace/trace.js';
import { type ConnectOptions, type ConnectTarget, connectSip, type SipConnection } from './connection.js';

export type Connector = (target: ConnectTarget, options: ConnectOptions) => Promise<SipConnection>;

export interface ConnectionPoolOptions extends ConnectOptions {
  /** Replaces {@link connectSip} (tests). */
  readonly connector?: Connector;
}

function keyOf(target: ConnectTarget): string {
  return `${target.transport}|${target.address}|${target.port}|${target.host ?? ''}`;
}

/**
 * Connections by destination. RFC 3261 §18.1.1 / RFC 5923: a request to a destination that already has an open
 * connection reuses it; concurrent requests for the same destination wait for one connect, not several.
 */
export class ConnectionPool {
  readonly #open = new Map<string, SipConnection>();
  readonly #connecting = new Map<string, Promise<SipConnection>>();
  readonly #options: ConnectOptions;
  readonly #connector: Connector;

  constructor(options: ConnectionPoolOptions) {
    this.#options = options;
    this.#connector = options.connector ?? connectSip;
  }

  get clock(): Clock {
    return this.#options.clock;
  }

  get trace(): TraceSink | undefined {
    return this.#options.trace;
  }

  /** The open connection to a destination, or a new one. */
  async acquire(target: ConnectTarget): Promise<SipConnection> {
    const key = keyOf(target);
    const open = this.#open.get(key);
    if (open !== undefined && !open.closed) return open;
    const pending = this.#connecting.get(key);
    if (pending !== undefined) return pending;
    const attempt = this.#connector(target, this.#options).then(
      (connection) => {
        this.#connecting.delete(key);
        this.#open.set(key, connection);
        connection.once('close', () => {
          if (this.#open.get(key) === connection) this.#open.delete(key);
        });
        return connection;
      },
      (error: unknown) => {
        this.#connecting.delete(key);
        throw error;
      },
    );
    this.#connecting.set(key, attempt);
    return attempt;
  }

  /** Open connections (for diagnostics and tests). */
  get size(): number {
    return this.#open.size;
  }

  /** Closes every connection cleanly. */
  closeAll(): void {
    for (const connection of this.#open.values()) connection.close();
    this.#open.clear();
  }
}
