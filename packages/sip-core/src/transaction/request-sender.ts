import type { SipConnection } from '../transport/connection.js';
import type { SipFlow } from '../transport/flow.js';
import type { HeaderField, WireRequest, WireResponse } from '../transport/wire-message.js';
import type { DigestAuthenticator } from './digest-auth.js';
import { newBranch } from './ids.js';
import type { TransactionLayer } from './layer.js';

/** Everything a client state machine decides about a request; the sender adds Via, auth and Contact. */
export interface RequestSpec {
  readonly method: string;
  readonly uri: string;
  /** Full From value, tag included. */
  readonly from: string;
  /** Full To value (with the remote tag inside a dialog). */
  readonly to: string;
  readonly callId: string;
  /** Called once per attempt: an authenticated retry is a new request with a higher CSeq (RFC 3261 §22.2). */
  readonly nextCSeq: () => number;
  /** Route header values, in order (outbound proxy or dialog route set). */
  readonly routes?: readonly string[];
  /** Parameters after the Contact URI (`;expires=…;+sip.instance=…`); `undefined` → no Contact header. */
  readonly contact?: { readonly uriParams?: string; readonly headerParams?: string };
  readonly headers?: readonly HeaderField[];
  readonly contentType?: string;
  readonly body?: Uint8Array;
}

export interface SentRequest {
  readonly request: WireRequest;
  readonly response: WireResponse;
}

/** What the client state machines need from the layer below: send a request, get its final response. */
export interface SendsRequests {
  send(spec: RequestSpec): Promise<SentRequest>;
}

/** The parts of a connection a request is built for (transport and local address). */
export type ConnectionSide = Pick<SipConnection, 'transport' | 'local'>;

export interface RequestSenderOptions {
  readonly flow: SipFlow;
  readonly transactions: TransactionLayer;
  readonly authenticator: DigestAuthenticator;
  /** User part of our Contact URI. */
  readonly contactUser: string;
  readonly userAgent?: string;
}

function hostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/** The Contact URI that reaches us over this connection (RFC 3261 §8.1.1.8; see the README on NOTIFY routing). */
export function contactUriFor(user: string, connection: ConnectionSide, uriParams = ''): string {
  const scheme = connection.transport === 'tls' ? 'sips' : 'sip';
  return `${scheme}:${user}@${hostPort(connection.local.address, connection.local.port)};transport=${connection.transport}${uriParams}`;
}

/** Builds the request a {@link RequestSpec} describes, for a connection with this local address (RFC 3261 §8.1.1). */
export function buildRequest(
  spec: RequestSpec,
  connection: ConnectionSide,
  extra: { readonly contactUser: string; readonly authorization?: readonly HeaderField[]; readonly userAgent?: string },
): WireRequest {
  const via = `SIP/2.0/${connection.transport.toUpperCase()} ${hostPort(connection.local.address, connection.local.port)};branch=${newBranch()};rport`;
  const headers: HeaderField[] = [
    ['Via', via],
    ['Max-Forwards', '70'],
    ...(spec.routes ?? []).map((r): HeaderField => ['Route', r]),
    ['From', spec.from],
    ['To', spec.to],
    ['Call-ID', spec.callId],
    ['CSeq', `${spec.nextCSeq()} ${spec.method}`],
  ];
  if (spec.contact !== undefined) {
    const uri = contactUriFor(extra.contactUser, connection, spec.contact.uriParams ?? '');
    headers.push(['Contact', `<${uri}>${spec.contact.headerParams ?? ''}`]);
  }
  headers.push(...(spec.headers ?? []));
  headers.push(...(extra.authorization ?? []));
  if (extra.userAgent !== undefined) headers.push(['User-Agent', extra.userAgent]);
  if (spec.contentType !== undefined) headers.push(['Content-Type', spec.contentType]);
  return { kind: 'request', method: spec.method, uri: spec.uri, headers, body: spec.body ?? new Uint8Array(0) };
}

/**
 * Sends requests built from a {@link RequestSpec} over the user's flow: fills in Via (with the connection's real
 * local address), Max-Forwards, Contact, answers Digest challenges and fails over to the next server on 503.
 */
export class RequestSender implements SendsRequests {
  readonly #options: RequestSenderOptions;

  constructor(options: RequestSenderOptions) {
    this.#options = options;
  }

  get contactUser(): string {
    return this.#options.contactUser;
  }

  build(spec: RequestSpec, connection: ConnectionSide, authorization: readonly HeaderField[] = []): WireRequest {
    return buildRequest(spec, connection, {
      contactUser: this.#options.contactUser,
      authorization,
      ...(this.#options.userAgent === undefined ? {} : { userAgent: this.#options.userAgent }),
    });
  }

  /** Sends a request and resolves with its final response after any authentication round trips. */
  async send(spec: RequestSpec): Promise<SentRequest> {
    const { flow, transactions, authenticator } = this.#options;
    const attempt = authenticator.newAttempt();
    let failovers = 0;
    for (;;) {
      const connection = await flow.connect();
      const body = spec.body ?? new Uint8Array(0);
      const authorization = authenticator.authorize(spec.method, spec.uri, body, attempt);
      const request = this.build(spec, connection, authorization);
      const response = await transactions.send(request, connection);
      if (response.status === 401 || response.status === 407) {
        authenticator.challenged(response, attempt);
        continue;
      }
      // RFC 3263 §4.3: a 503 means "try the next server" when there is one.
      if (response.status === 503 && failovers === 0) {
        failovers++;
        try {
          await flow.failover();
          continue;
        } catch {
          return { request, response };
        }
      }
      return { request, response };
    }
  }
}
