import type { Clock, TimerHandle } from '../clock/clock.js';
import type { SipRequest, SipResponse } from '../message/types.js';
import type { SipConnection } from '../transport/connection.js';
import { TransactionError } from './errors.js';

export type ClientTransactionState = 'trying' | 'proceeding' | 'completed' | 'terminated';

export interface TransactionTimers {
  /** RTT estimate (RFC 3261 §17.1.1.1, default 500 ms). */
  readonly t1: number;
  /** RFC 3261 §17.1.2.2: Timer K is T4 on unreliable transports and zero on reliable ones. */
  readonly t4: number;
}

export const DEFAULT_TIMERS: TransactionTimers = { t1: 500, t4: 5000 };

export interface ClientTransactionOptions {
  readonly clock: Clock;
  readonly timers?: TransactionTimers;
  readonly onProvisional?: (response: SipResponse) => void;
  readonly onTerminated?: () => void;
}

/**
 * Non-INVITE client transaction over a reliable transport (RFC 3261 §17.1.2). Timer E (retransmission) is only for
 * unreliable transports and so never runs here; Timer F bounds the wait at 64·T1; Timer K is zero on a reliable
 * transport, so the transaction ends as soon as the final response arrives.
 */
export class ClientTransaction {
  readonly branch: string;
  readonly method: string;
  readonly request: SipRequest;
  readonly connection: SipConnection;
  readonly response: Promise<SipResponse>;
  #state: ClientTransactionState = 'trying';
  #timerF: TimerHandle | undefined;
  #resolve!: (response: SipResponse) => void;
  #reject!: (error: TransactionError) => void;
  readonly #options: ClientTransactionOptions;
  readonly #offClose: () => void;

  constructor(request: SipRequest, branch: string, connection: SipConnection, options: ClientTransactionOptions) {
    this.request = request;
    this.branch = branch;
    this.method = request.method;
    this.connection = connection;
    this.#options = options;
    this.response = new Promise<SipResponse>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    const timers = options.timers ?? DEFAULT_TIMERS;
    this.#timerF = options.clock.setTimeout(
      () =>
        this.#fail(
          new TransactionError(
            'TIMEOUT',
            this.method,
            `${this.method} got no final response within ${64 * timers.t1} ms`,
          ),
        ),
      64 * timers.t1,
    );
    // RFC 3261 §17.1.4: a transport failure is reported to the TU as a failure of the transaction.
    this.#offClose = connection.on('close', (error) =>
      this.#fail(
        new TransactionError('TRANSPORT_ERROR', this.method, `connection lost before the ${this.method} was answered`, {
          cause: error,
        }),
      ),
    );
    try {
      connection.send(request);
    } catch (cause) {
      // Reported asynchronously so that the layer has registered the transaction before it terminates.
      queueMicrotask(() =>
        this.#fail(new TransactionError('TRANSPORT_ERROR', this.method, `cannot send ${this.method}`, { cause })),
      );
    }
  }

  get state(): ClientTransactionState {
    return this.#state;
  }

  /** A response whose top Via branch and CSeq method matched this transaction (RFC 3261 §17.1.3). */
  receive(response: SipResponse): void {
    if (this.#state === 'completed' || this.#state === 'terminated') return;
    if (response.status < 200) {
      this.#state = 'proceeding';
      this.#options.onProvisional?.(response);
      return;
    }
    this.#state = 'completed';
    this.#resolve(response);
    // Timer K = 0 on reliable transports: nothing can be retransmitted to us, so terminate now.
    this.#terminate();
  }

  /** Ends the transaction without a response (the layer is shutting down). */
  abort(): void {
    this.#fail(new TransactionError('TERMINATED', this.method, `${this.method} abandoned`));
  }

  #fail(error: TransactionError): void {
    if (this.#state === 'completed' || this.#state === 'terminated') return;
    this.#reject(error);
    this.#terminate();
  }

  #terminate(): void {
    this.#state = 'terminated';
    this.#options.clock.clearTimeout(this.#timerF);
    this.#offClose();
    this.#options.onTerminated?.();
  }
}
