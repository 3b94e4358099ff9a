import type { ParamsInit } from '../header/format.js';
import type { HeaderField } from '../header/header-list.js';
import { type AddressInit, createRequest } from '../message/build.js';
import type { SipRequest, SipResponse } from '../message/types.js';
import type { SipConnection } from '../transport/connection.js';
import type { SipFlow } from '../transport/flow.js';
import type { DigestAuthenticator } from './digest-auth.js';
import type { TransactionLayer } from './layer.js';

/** Everything a client state machine decides about a request; the sender adds Via, auth and Contact. */
export interface RequestSpec {
  readonly method: string;
  readonly uri: string;
  /** Our address; the tag is fixed by the caller (it names the dialog or registration). */
  readonly from: AddressInit & { readonly tag: string };
  /** The peer's address, with its tag inside a dialog. */
  readonly to: AddressInit & { readonly tag?: string };
  readonly callId: string;
  /** Called once per attempt: an authenticated retry is a new request with a higher CSeq (RFC 3261 §22.2). */
  readonly nextCSeq: () => number;
  /** Route header values, in order (outbound proxy or dialog route set). */
  readonly routes?: readonly string[];
  /** Adds a Contact naming this connection: URI parameters (`;ob`) and header parameters (`+sip.instance`, …). */
  readonly contact?: { readonly uriParams?: string; readonly params?: ParamsInit };
  readonly headers?: readonly HeaderField[];
  readonly body?: { readonly contentType: string; readonly content: Uint8Array };
}

export interface SentRequest {
  readonly request: SipRequest;
  readonly response: SipResponse;
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
): SipRequest {
  return createRequest({
    method: spec.method,
    uri: spec.uri,
    from: spec.from,
    to: spec.to,
    callId: spec.callId,
    cseq: spec.nextCSeq(),
    // RFC 3261 §18.1.1: sent-by is where we can be reached on this connection; RFC 3581 rport for NATs.
    via: {
      transport: connection.transport.toUpperCase(),
      host: hostOnly(connection.local.address),
      port: connection.local.port,
      rport: true,
    },
    route: spec.routes ?? [],
    ...(spec.contact === undefined
      ? {}
      : {
          contact: {
            uri: contactUriFor(extra.contactUser, connection, spec.contact.uriParams ?? ''),
            ...(spec.contact.params === undefined ? {} : { params: spec.contact.params }),
          },
        }),
    headers: [
      ...(spec.headers ?? []),
      ...(extra.authorization ?? []),
      ...(extra.userAgent === undefined ? [] : [{ name: 'User-Agent', value: extra.userAgent }]),
    ],
    ...(spec.body === undefined ? {} : { body: spec.body }),
  });
}

function hostOnly(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
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

  build(spec: RequestSpec, connection: ConnectionSide, authorization: readonly HeaderField[] = []): SipRequest {
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
      const body = spec.body?.content ?? new Uint8Array(0);
      const authorization = authenticator.authorize(spec.method, spec.uri, body, attempt);
      const request = this.build(spec, connection, authorization);
      const response = await transactions.send(request, connection);
      if (response.status === 401 || response.status === 407) {
        authenticator.challenged(response, attempt);
        continue;
      }
      // RFC 3263 §4.3: a 503 means "try the next server" when there is one.
      if (response.status === 503 && failovers === 0 && flow.alternatives > 0) {
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
