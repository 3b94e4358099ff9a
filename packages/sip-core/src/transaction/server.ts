import { createResponse, type ResponseInit } from '../message/build.js';
import type { SipMessage, SipRequest, SipResponse } from '../message/types.js';

export type ServerTransactionState = 'trying' | 'proceeding' | 'completed' | 'terminated';

/** Where a server transaction sends its responses: the connection the request came in on. */
export interface ResponseChannel {
  readonly closed: boolean;
  send(message: SipMessage): void;
}

/**
 * Non-INVITE server transaction over a reliable transport (RFC 3261 §17.2.2). A retransmitted request is answered
 * with the last response; Timer J is zero on reliable transports, so the transaction ends with its final response.
 */
export class ServerTransaction {
  readonly request: SipRequest;
  readonly connection: ResponseChannel;
  readonly branch: string;
  #state: ServerTransactionState = 'trying';
  #last: SipResponse | undefined;
  readonly #onTerminated: () => void;

  constructor(request: SipRequest, branch: string, connection: ResponseChannel, onTerminated: () => void) {
    this.request = request;
    this.branch = branch;
    this.connection = connection;
    this.#onTerminated = onTerminated;
  }

  get state(): ServerTransactionState {
    return this.#state;
  }

  /** Sends a response; a second final response is ignored (RFC 3261 §17.2.2: completed absorbs them). */
  respond(status: number, options: ResponseInit = {}): SipResponse | undefined {
    if (this.#state === 'completed' || this.#state === 'terminated') return undefined;
    const response = createResponse(this.request, status, options);
    this.#last = response;
    this.#state = status < 200 ? 'proceeding' : 'completed';
    try {
      this.connection.send(response);
    } catch {
      // RFC 3261 §17.2.4: the transport failure ends the transaction; the peer will time out on its side.
      this.#terminate();
      return response;
    }
    if (status >= 200) this.#terminate();
    return response;
  }

  /** A retransmission of the request: repeat the last response, if any (RFC 3261 §17.2.2). */
  retransmitted(): void {
    if (this.#last !== undefined && !this.connection.closed) this.connection.send(this.#last);
  }

  #terminate(): void {
    // Timer J = 0 for reliable transports.
    this.#state = 'terminated';
    this.#onTerminated();
  }
}
