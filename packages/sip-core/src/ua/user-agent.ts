import { type Clock, createSystemClock } from '../clock/clock.js';
import { SipError, SipParseError, SipUsageError } from '../errors.js';
import { Publication } from '../publication/publication.js';
import { deviceInstanceId } from '../registration/instance-id.js';
import { Registration, type RegistrationInfo } from '../registration/registration.js';
import { createDnsResolver, destinationOfUri, type SipDestination, type SipResolver } from '../resolver/resolver.js';
import { Subscription, type SubscriptionOptions } from '../subscription/subscription.js';
import { createFileTraceSink } from '../trace/file-sink.js';
import { nullTraceSink, type TraceSink } from '../trace/trace.js';
import type { TransactionTimers } from '../transaction/client.js';
import { DigestAuthenticator, type SipCredentials } from '../transaction/digest-auth.js';
import { TransactionLayer } from '../transaction/layer.js';
import { RequestSender } from '../transaction/request-sender.js';
import type { BackoffOptions } from '../transport/backoff.js';
import type { Endpoint, TlsClientOptions, TransportKind } from '../transport/connection.js';
import { TypedEmitter } from '../transport/emitter.js';
import type { TransportError } from '../transport/errors.js';
import { SipFlow } from '../transport/flow.js';
import { ConnectionPool } from '../transport/pool.js';
import { parseUri } from '../uri/parse.js';
import type { UserContext } from './context.js';
import { acceptRequestUri, answerUnmatchedRequest } from './incoming.js';

export interface UserAgentOptions {
  /** Address of record, `sip:alice@example.com`. */
  readonly aor: string;
  /** Credentials for the AoR's realm (or several realms). The username defaults to the AoR's user part. */
  readonly credentials:
    | { readonly username?: string; readonly password: string; readonly realm?: string }
    | readonly SipCredentials[];
  /** `tls` (default) or `tcp`; there is no UDP. */
  readonly transport?: TransportKind;
  /** SIP URI of an outbound proxy; requests are sent there with a loose Route (RFC 3261 §8.1.2). */
  readonly outboundProxy?: string;
  /** RFC 3263 resolver; DNS through `node:dns` by default. */
  readonly resolver?: SipResolver;
  readonly tls?: TlsClientOptions;
  /** A trace sink, or a file path for the default file sink. */
  readonly trace?: TraceSink | string;
  readonly clock?: Clock;
  /** RFC 5626 `+sip.instance` URN; by default {@link deviceInstanceId} of the AoR and this host (stable per device). */
  readonly instanceId?: string;
  readonly displayName?: string;
  readonly userAgent?: string;
  readonly reconnect?: BackoffOptions;
  readonly keepAlive?: { readonly intervalMs?: number; readonly pongTimeoutMs?: number } | false;
  readonly timers?: TransactionTimers;
}

export interface RecoveryReport {
  readonly registered: boolean;
  readonly republished: number;
  readonly resubscribed: number;
  readonly failures: readonly SipError[];
}

export type UserAgentEvents = {
  connected: [local: Endpoint, remote: Endpoint];
  disconnected: [error: TransportError, retryInMs: number];
  /** A lost connection came back; re-registering, re-publishing and re-subscribing starts now. */
  reconnected: [local: Endpoint, remote: Endpoint];
  /** Everything that was active before the loss has been restored (or has failed, see `failures`). */
  recovered: [report: RecoveryReport];
  registered: [info: RegistrationInfo];
  registrationFailed: [error: SipError];
};

const KNOWN_EVENTS = ['presence', 'presence.winfo', 'xcap-diff'];

type CredentialsOption = UserAgentOptions['credentials'];

function isCredentialList(c: CredentialsOption): c is readonly SipCredentials[] {
  return Array.isArray(c);
}

function credentialList(c: CredentialsOption, defaultUser: string): readonly SipCredentials[] {
  if (isCredentialList(c)) return c;
  return [
    {
      username: c.username ?? defaultUser,
      password: c.password,
      ...(c.realm === undefined ? {} : { realm: c.realm }),
    },
  ];
}

/**
 * One SIP account: a flow to its server, the transaction layer, Digest authentication, and the registration,
 * publications and subscriptions it runs. Reconnects after a loss and restores all three.
 */
export class UserAgent extends TypedEmitter<UserAgentEvents> {
  readonly context: UserContext;
  readonly flow: SipFlow;
  readonly transactions: TransactionLayer;
  readonly #pool: ConnectionPool;
  readonly #instanceId: string;
  #registration: Registration | undefined;
  readonly #publications = new Set<Publication>();
  readonly #subscriptions = new Set<Subscription>();
  #closed = false;
  /** Counts connections that came up: names the flow a restore is for. */
  #flowUps = 0;

  constructor(options: UserAgentOptions) {
    super();
    const clock = options.clock ?? createSystemClock();
    const trace =
      typeof options.trace === 'string'
        ? createFileTraceSink({ path: options.trace })
        : (options.trace ?? nullTraceSink);
    const transport = options.transport ?? 'tls';
    const aor = parseUri(options.aor);
    if (aor.kind !== 'sip' || aor.user === undefined) {
      throw new SipUsageError(
        'BAD_AOR',
        `the address of record must be a sip: or sips: URI with a user: ${options.aor}`,
      );
    }
    const user = aor.user;
    const domain = aor.host;
    this.#instanceId = options.instanceId ?? deviceInstanceId(options.aor);
    const destination: SipDestination = options.outboundProxy
      ? destinationOfUri(options.outboundProxy)
      : { host: domain, transport };
    this.#pool = new ConnectionPool({ clock, trace, ...(options.tls === undefined ? {} : { tls: options.tls }) });
    this.flow = new SipFlow({
      pool: this.#pool,
      resolver: options.resolver ?? createDnsResolver(),
      destination: { ...destination, transport: destination.transport ?? transport },
      clock,
      trace,
      ...(options.reconnect === undefined ? {} : { backoff: options.reconnect }),
      ...(options.keepAlive === undefined ? {} : { keepAlive: options.keepAlive }),
    });
    this.transactions = new TransactionLayer({
      clock,
      ...(options.timers === undefined ? {} : { timers: options.timers }),
    });
    const credentials = credentialList(options.credentials, user);
    const sender = new RequestSender({
      flow: this.flow,
      transactions: this.transactions,
      authenticator: new DigestAuthenticator({ credentials }),
      contactUser: user,
      ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }),
    });
    this.context = {
      sender,
      clock,
      aor: options.aor,
      ...(options.displayName === undefined ? {} : { displayName: options.displayName }),
      outboundRoutes: options.outboundProxy ? [`<${options.outboundProxy.replace(/;lr\b/i, '')};lr>`] : [],
      trace,
    };
    this.flow.on('message', (message, connection) => this.transactions.receive(message, connection));
    this.transactions.on('request', (transaction) => {
      try {
        if (!acceptRequestUri(transaction)) return;
        for (const subscription of this.#subscriptions) {
          if (subscription.matches(transaction.request)) {
            subscription.handleNotify(transaction);
            return;
          }
        }
        answerUnmatchedRequest(transaction, KNOWN_EVENTS);
      } catch (error) {
        // A header that only fails to parse deep in a handler (a broken Contact in a NOTIFY): answer, log, go on.
        trace.write({
          kind: 'note',
          timestamp: Date.now(),
          level: 'error',
          text: `cannot handle ${transaction.request.method}: ${error instanceof Error ? error.message : String(error)}`,
        });
        transaction.respond(error instanceof SipParseError ? 400 : 500);
      }
    });
    this.transactions.on('stray', (_message, reason) =>
      trace.write({ kind: 'note', timestamp: Date.now(), level: 'warning', text: `dropped a message: ${reason}` }),
    );
    this.flow.on('down', (error, retry) => this.emit('disconnected', error, retry));
    this.flow.on('up', (connection, reconnected) => {
      this.#flowUps++;
      if (!reconnected) {
        this.emit('connected', connection.local, connection.remote);
        return;
      }
      this.emit('reconnected', connection.local, connection.remote);
      void this.#recover();
    });
  }

  /** The `+sip.instance` URN in use. */
  get instanceId(): string {
    return this.#instanceId;
  }

  get registration(): Registration | undefined {
    return this.#registration;
  }

  /** Registers the AoR and keeps it registered. */
  register(options: { expires?: number; registrar?: string; regId?: number } = {}): Promise<RegistrationInfo> {
    if (this.#registration === undefined) {
      const registration = new Registration(this.context, { instanceId: this.#instanceId, ...options });
      registration.on('registered', (info) => {
        // RFC 5626 §4.4.1: the registrar says how often it needs to hear from this flow.
        this.flow.requireKeepAliveWithin(info.flowTimer === undefined ? undefined : info.flowTimer * 1000);
        this.emit('registered', info);
      });
      registration.on('failed', (error) => this.emit('registrationFailed', error));
      this.#registration = registration;
    }
    return this.#registration.start();
  }

  /** Publishes event state (RFC 3903); the returned publication refreshes itself until removed. */
  async publish(
    event: string,
    contentType: string,
    body: string | Uint8Array,
    options: { expires?: number; target?: string; etag?: string } = {},
  ): Promise<Publication> {
    const publication = new Publication(this.context, {
      event,
      contentType,
      body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
      ...options,
    });
    this.#publications.add(publication);
    publication.on('removed', () => this.#publications.delete(publication));
    try {
      await publication.start();
    } catch (error) {
      // The caller never gets this publication, so nothing may keep republishing it after a reconnect.
      this.#publications.delete(publication);
      throw error;
    }
    return publication;
  }

  /** Subscribes to an event package at `target`; resolves once the SUBSCRIBE is accepted. */
  async subscribe(
    target: string,
    event: string,
    options: Omit<SubscriptionOptions, 'target' | 'event'> = {},
  ): Promise<Subscription> {
    const subscription = new Subscription(this.context, { target, event, ...options });
    this.#subscriptions.add(subscription);
    // Keep answering the dialog's last NOTIFYs with 200 for a while (Timer F) rather than 481.
    subscription.on('terminated', () =>
      this.context.clock.setTimeout(() => this.#subscriptions.delete(subscription), 32_000),
    );
    await subscription.start();
    return subscription;
  }

  /** Unsubscribes, removes publications, unregisters, and closes the connection. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const connected = this.flow.connection !== undefined;
    if (connected) {
      await Promise.allSettled([
        ...[...this.#subscriptions].map((s) => s.stop()),
        ...[...this.#publications].map((p) => p.remove()),
      ]);
      await this.#registration?.stop().catch((error: unknown) =>
        this.context.trace.write({
          kind: 'note',
          timestamp: Date.now(),
          level: 'warning',
          text: `unregistering failed: ${error instanceof Error ? error.message : String(error)}`,
        }),
      );
    }
    this.flow.close();
    this.#pool.closeAll();
  }

  async #recover(): Promise<void> {
    const failures: SipError[] = [];
    const collect = (error: unknown): void => {
      failures.push(
        error instanceof SipError ? error : new SipError('RECOVERY_FAILED', String(error), { cause: error }),
      );
    };
    let registered = false;
    const registering = this.#registration?.restore();
    if (registering !== undefined) {
      await registering.then(() => {
        registered = true;
      }, collect);
    }
    const publications = [...this.#publications].map((p) => p.restore()).filter((p) => p !== undefined);
    // Read after the registration: a recovery that waited through another loss restores for the newest connection,
    // and the recovery of that connection then reuses it instead of building a second dialog.
    const flow = this.#flowUps;
    const subscriptions = [...this.#subscriptions].map((s) => s.restore(flow)).filter((s) => s !== undefined);
    const results = await Promise.allSettled([...publications, ...subscriptions]);
    for (const r of results) if (r.status === 'rejected') collect(r.reason);
    const ok = (list: readonly PromiseSettledResult<unknown>[]) => list.filter((r) => r.status === 'fulfilled').length;
    this.emit('recovered', {
      registered,
      republished: ok(results.slice(0, publications.length)),
      resubscribed: ok(results.slice(publications.length)),
      failures,
    });
  }
}

/** Creates a user agent for one account (see {@link UserAgentOptions}). */
export function createUserAgent(options: UserAgentOptions): UserAgent {
  return new UserAgent(options);
}
