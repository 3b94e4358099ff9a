import type { Clock } from '../clock/clock.js';
import type { SipMessage, SipRequest, SipResponse } from '../message/types.js';
import type { SipConnection } from '../transport/connection.js';
import { TypedEmitter } from '../transport/emitter.js';
import { ClientTransaction, DEFAULT_TIMERS, type TransactionTimers } from './client.js';
import { ServerTransaction } from './server.js';

export interface TransactionLayerOptions {
  readonly clock: Clock;
  readonly timers?: TransactionTimers;
}

export type TransactionLayerEvents = {
  /** A new request from the peer, in its own server transaction; the TU must respond. */
  request: [transaction: ServerTransaction];
  /** A response that matched no client transaction (RFC 3261 §17.1.3: passed to the core, which drops it). */
  stray: [message: SipMessage, reason: string];
};

export interface SendOptions {
  readonly onProvisional?: (response: SipResponse) => void;
}

/** Matches responses to client transactions and requests to server transactions (RFC 3261 §17.1.3, §17.2.3). */
export class TransactionLayer extends TypedEmitter<TransactionLayerEvents> {
  readonly #clock: Clock;
  readonly #timers: TransactionTimers;
  readonly #clients = new Map<string, ClientTransaction>();
  readonly #servers = new Map<string, ServerTransaction>();

  constructor(options: TransactionLayerOptions) {
    super();
    this.#clock = options.clock;
    this.#timers = options.timers ?? DEFAULT_TIMERS;
  }

  /** Starts a client transaction; the request's top Via must carry an RFC 3261 branch. Resolves with the final response. */
  send(request: SipRequest, connection: SipConnection, options: SendOptions = {}): Promise<SipResponse> {
    const branch = request.headers.topVia().branch ?? '';
    const key = `${branch}|${request.method.toUpperCase()}`;
    const transaction = new ClientTransaction(request, branch, connection, {
      clock: this.#clock,
      timers: this.#timers,
      ...(options.onProvisional === undefined ? {} : { onProvisional: options.onProvisional }),
      onTerminated: () => {
        if (this.#clients.get(key) === transaction) this.#clients.delete(key);
      },
    });
    this.#clients.set(key, transaction);
    return transaction.response;
  }

  /** Feeds a message received on a connection. */
  receive(message: SipMessage, connection: SipConnection): void {
    let branch: string;
    let method: string;
    let sentBy: string;
    try {
      const via = message.headers.topVia();
      branch = via.branch ?? '';
      sentBy = `${via.host}:${via.port ?? ''}`;
      method = message.headers.cseq().method.toUpperCase();
      // Everything a transaction or a response needs must parse before the message goes up the stack.
      message.headers.from();
      message.headers.to();
      message.headers.callId();
    } catch (error) {
      this.emit('stray', message, `unusable Via or CSeq: ${String(error)}`);
      return;
    }
    if (message.kind === 'response') {
      // RFC 3261 §17.1.3: branch of the top Via and the CSeq method identify the client transaction.
      const transaction = this.#clients.get(`${branch}|${method}`);
      if (transaction === undefined) this.emit('stray', message, 'no matching client transaction');
      else transaction.receive(message);
      return;
    }
    // RFC 3261 §17.2.3: an ACK to a 2xx belongs to no transaction; a UA that sends no INVITE has nothing to match.
    if (method === 'ACK') {
      this.emit('stray', message, 'ACK outside an INVITE transaction');
      return;
    }
    if (message.method.toUpperCase() !== method) {
      this.emit('stray', message, 'CSeq method differs from the request method');
      return;
    }
    // RFC 3261 §17.2.3: with the magic cookie, branch, sent-by and method identify the server transaction; without
    // it (an RFC 2543 peer) the branch says nothing, so the request's own identity does (Call-ID, CSeq, tags, Via).
    const key = branch.startsWith('z9hG4bK')
      ? `${branch}|${sentBy}|${method}`
      : `2543|${message.headers.callId()}|${message.headers.get('cseq') ?? ''}|${message.headers.from().tag ?? ''}|${message.headers.to().tag ?? ''}|${sentBy}|${branch}`;
    const existing = this.#servers.get(key);
    if (existing !== undefined) {
      existing.retransmitted();
      return;
    }
    const transaction = new ServerTransaction(message, branch, connection, () => {
      if (this.#servers.get(key) === transaction) this.#servers.delete(key);
    });
    this.#servers.set(key, transaction);
    this.emit('request', transaction);
  }

  /** Client transactions still waiting for a final response. */
  get pendingClients(): number {
    return this.#clients.size;
  }
}
