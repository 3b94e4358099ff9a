import { parseAddress } from '../transport/wire-headers.js';
import {
  type HeaderField,
  headerValue,
  type WireMessage,
  type WireRequest,
  type WireResponse,
} from '../transport/wire-message.js';
import { newTag } from './ids.js';

export type ServerTransactionState = 'trying' | 'proceeding' | 'completed' | 'terminated';

export interface ResponseOptions {
  readonly headers?: readonly HeaderField[];
  readonly body?: Uint8Array;
  /** To-tag to add when the request had none (RFC 3261 §8.2.6.2); a fresh one by default. */
  readonly toTag?: string;
}

const REASONS: Readonly<Record<number, string>> = {
  100: 'Trying',
  200: 'OK',
  202: 'Accepted',
  400: 'Bad Request',
  405: 'Method Not Allowed',
  481: 'Call/Transaction Does Not Exist',
  489: 'Bad Event',
  500: 'Server Internal Error',
  501: 'Not Implemented',
};

/** Builds a response to a request as RFC 3261 §8.2.6 describes (Via, From, To, Call-ID, CSeq copied). */
export function buildResponse(request: WireRequest, status: number, options: ResponseOptions = {}): WireResponse {
  const headers: HeaderField[] = [];
  for (const [name, value] of request.headers) {
    const lower = name.toLowerCase();
    if (lower === 'via' || lower === 'v' || lower === 'record-route') headers.push([name, value]);
  }
  for (const name of ['From', 'To', 'Call-ID', 'CSeq']) {
    let value = headerValue(request, name);
    if (value === undefined) continue;
    if (name === 'To' && status > 100 && parseAddress(value).params.get('tag') == null) {
      value = `${value};tag=${options.toTag ?? newTag()}`;
    }
    headers.push([name, value]);
  }
  headers.push(...(options.headers ?? []));
  return {
    kind: 'response',
    status,
    reason: REASONS[status] ?? 'Unknown',
    headers,
    body: options.body ?? new Uint8Array(0),
  };
}

/** Where a server transaction sends its responses: the connection the request came in on. */
export interface ResponseChannel {
  readonly closed: boolean;
  send(message: WireMessage): void;
}

/**
 * Non-INVITE server transaction over a reliable transport (RFC 3261 §17.2.2). A retransmitted request is answered
 * with the last response; Timer J is zero on reliable transports, so the transaction ends with its final response.
 */
export class ServerTransaction {
  readonly request: WireRequest;
  readonly connection: ResponseChannel;
  readonly branch: string;
  #state: ServerTransactionState = 'trying';
  #last: WireResponse | undefined;
  readonly #onTerminated: () => void;

  constructor(request: WireRequest, branch: string, connection: ResponseChannel, onTerminated: () => void) {
    this.request = request;
    this.branch = branch;
    this.connection = connection;
    this.#onTerminated = onTerminated;
  }

  get state(): ServerTransactionState {
    return this.#state;
  }

  /** Sends a response; a second final response is ignored (RFC 3261 §17.2.2: completed absorbs them). */
  respond(status: number, options: ResponseOptions = {}): WireResponse | undefined {
    if (this.#state === 'completed' || this.#state === 'terminated') return undefined;
    const response = buildResponse(this.request, status, options);
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
