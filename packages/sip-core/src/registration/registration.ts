import type { TimerHandle } from '../clock/clock.js';
import { SipError } from '../errors.js';
import type { ContactAddress } from '../header/contact.js';
import { generateCallId, generateTag } from '../message/ids.js';
import type { SipResponse } from '../message/types.js';
import { AuthenticationError, SipRequestError } from '../transaction/errors.js';
import type { RequestSpec } from '../transaction/request-sender.js';
import { TypedEmitter } from '../transport/emitter.js';
import { ownAddress, refreshDelayMs, retryDelayMs, type UserContext } from '../ua/context.js';
import { uriEquals } from '../uri/equal.js';

export type RegistrationState = 'unregistered' | 'registering' | 'registered' | 'unregistering';

export interface RegistrationInfo {
  /** Seconds the registrar granted. */
  readonly expires: number;
  /** The Contact the registrar holds for us. */
  readonly contact: string;
  /** RFC 5627 public GRUU, when the registrar supports GRUU. */
  readonly pubGruu?: string;
  /** RFC 5627 temporary GRUU (the latest one). */
  readonly tempGruu?: string;
  /** Why this registration happened. */
  readonly cause: 'initial' | 'refresh' | 'reconnect';
  /** RFC 5626 §4.4.1: the registrar's Flow-Timer (seconds): keep-alives must be sent at least this often. */
  readonly flowTimer?: number;
}

export type RegistrationEvents = {
  state: [state: RegistrationState];
  registered: [info: RegistrationInfo];
  unregistered: [];
  /** A REGISTER failed; a failed refresh is retried later (never after an AuthenticationError). */
  failed: [error: SipError];
};

export interface RegistrationOptions {
  /** Requested lifetime in seconds (default 600). */
  readonly expires?: number;
  /** Registrar URI; `sip:<domain of the AoR>` by default (RFC 3261 §10.2: Request-URI names the domain). */
  readonly registrar?: string;
  /** RFC 5626 `+sip.instance`: a stable URN per device, e.g. `urn:uuid:…`. */
  readonly instanceId: string;
  /** RFC 5626 `reg-id` (default 1). */
  readonly regId?: number;
  /** Wait before retrying a failed refresh (default 30 s). */
  readonly retryAfterFailureMs?: number;
}

function domainOf(aor: string): string {
  return (
    aor
      .replace(/^sips?:/i, '')
      .replace(/^[^@]*@/, '')
      .split(/[;>?]/)[0] ?? ''
  );
}

/**
 * RFC 3261 §10 registration with RFC 5626 instance/reg-id and RFC 5627 GRUU: registers, learns the GRUUs, refreshes
 * before expiry, retries a 423 with Min-Expires, re-registers after a connection loss and unregisters on stop.
 */
export class Registration extends TypedEmitter<RegistrationEvents> {
  readonly #ctx: UserContext;
  readonly #options: RegistrationOptions;
  readonly #callId = generateCallId();
  readonly #fromTag = generateTag();
  #cseq = 0;
  #expires: number;
  #state: RegistrationState = 'unregistered';
  #refreshTimer: TimerHandle | undefined;
  #wanted = false;
  #info: RegistrationInfo | undefined;
  #inFlight: Promise<RegistrationInfo> | undefined;

  constructor(ctx: UserContext, options: RegistrationOptions) {
    super();
    this.#ctx = ctx;
    this.#options = options;
    this.#expires = options.expires ?? 600;
  }

  get state(): RegistrationState {
    return this.#state;
  }

  get info(): RegistrationInfo | undefined {
    return this.#info;
  }

  /** Registers (or refreshes now) and keeps the registration alive until {@link stop}. */
  start(): Promise<RegistrationInfo> {
    this.#wanted = true;
    return this.#register('initial');
  }

  /** The flow came back after a loss: register again at once (RFC 5626 §4.4.1). */
  restore(): Promise<RegistrationInfo> | undefined {
    if (!this.#wanted) return undefined;
    // One REGISTER at a time on this Call-ID: a restore during an exchange waits for it (RFC 3261 §10.2.4).
    const pending = this.#inFlight;
    const attempt =
      pending === undefined
        ? this.#register('reconnect')
        : pending.catch(() => undefined).then(() => this.#register('reconnect'));
    attempt.catch(() => undefined);
    return attempt;
  }

  /** Removes our binding (Expires 0) and stops refreshing. */
  async stop(): Promise<void> {
    this.#wanted = false;
    this.#ctx.clock.clearTimeout(this.#refreshTimer);
    if (this.#state === 'unregistered') return;
    await this.#inFlight?.catch(() => undefined);
    this.#setState('unregistering');
    try {
      const { response } = await this.#ctx.sender.send(this.#spec(0));
      if (response.status >= 300) throw SipRequestError.fromResponse('REGISTER', response);
    } finally {
      this.#info = undefined;
      this.#setState('unregistered');
      this.emit('unregistered');
    }
  }

  #register(cause: RegistrationInfo['cause']): Promise<RegistrationInfo> {
    this.#ctx.clock.clearTimeout(this.#refreshTimer);
    const run = this.#exchange(cause);
    this.#inFlight = run;
    run.then(
      (info) => {
        if (this.#inFlight === run) this.#inFlight = undefined;
        this.#info = info;
        this.#setState('registered');
        this.emit('registered', info);
        if (this.#wanted) {
          this.#refreshTimer = this.#ctx.clock.setTimeout(() => {
            this.#register('refresh').catch(() => undefined);
          }, refreshDelayMs(info.expires));
        }
      },
      (error: unknown) => {
        if (this.#inFlight === run) this.#inFlight = undefined;
        this.#info = undefined;
        this.#setState('unregistered');
        // A wrong password or a failed first attempt goes back to the caller; a lost refresh is retried later
        // (after Retry-After when the server gave one), a wrong password never (no retry storm).
        if (error instanceof AuthenticationError || cause === 'initial') this.#wanted = false;
        else if (this.#wanted) {
          this.#refreshTimer = this.#ctx.clock.setTimeout(
            () => {
              this.#register('refresh').catch(() => undefined);
            },
            retryDelayMs(error, this.#options.retryAfterFailureMs),
          );
        }
        this.emit(
          'failed',
          error instanceof SipError ? error : new SipError('REGISTER_FAILED', String(error), { cause: error }),
        );
      },
    );
    return run;
  }

  async #exchange(cause: RegistrationInfo['cause']): Promise<RegistrationInfo> {
    if (this.#state !== 'registered') this.#setState('registering');
    for (let tries = 0; ; tries++) {
      const { response, request } = await this.#ctx.sender.send(this.#spec(this.#expires));
      // RFC 3261 §10.3 step 7 / §21.4.17: 423 carries the smallest lifetime the registrar accepts.
      if (response.status === 423 && tries < 2) {
        const min = response.headers.minExpires();
        if (min !== undefined && min > this.#expires) {
          this.#expires = min;
          continue;
        }
      }
      if (response.status < 200 || response.status >= 300) {
        throw SipRequestError.fromResponse('REGISTER', response);
      }
      const sent = request.headers.contact()[0];
      return this.#readBinding(response, sent === undefined || sent.star ? undefined : sent, cause);
    }
  }

  #readBinding(
    response: SipResponse,
    sent: ContactAddress | undefined,
    cause: RegistrationInfo['cause'],
  ): RegistrationInfo {
    const instance = `<${this.#options.instanceId}>`;
    // RFC 3261 §10.2.4: the registrar's Contact values are compared with ours by URI equality (§19.1.4), not as text
    // (a registrar may change case or reorder parameters).
    const isSent = (c: ContactAddress): boolean => sent !== undefined && uriEquals(c.uri, sent.uri);
    const contacts = response.headers.contact().filter((c): c is ContactAddress => !c.star);
    // RFC 5626 §6: our binding is the one with our instance id and this flow; else the one with our URI.
    const mine =
      contacts.find((c) => c.instance === instance && isSent(c)) ??
      contacts.find(isSent) ??
      contacts.find((c) => c.instance === instance);
    const expires = mine?.expires ?? response.headers.expires() ?? this.#expires;
    const flowTimer = readFlowTimer(response.headers.get('flow-timer'));
    return {
      expires: expires > 0 ? expires : this.#expires,
      contact: mine?.rawUri ?? sent?.rawUri ?? '',
      ...(mine?.pubGruu ? { pubGruu: mine.pubGruu } : {}),
      ...(mine?.tempGruu ? { tempGruu: mine.tempGruu } : {}),
      cause,
      ...(flowTimer === undefined ? {} : { flowTimer }),
    };
  }

  #spec(expires: number): RequestSpec {
    const registrar = this.#options.registrar ?? `sip:${domainOf(this.#ctx.aor)}`;
    const own = ownAddress(this.#ctx);
    return {
      method: 'REGISTER',
      uri: registrar,
      from: { ...own, tag: this.#fromTag },
      to: own,
      callId: this.#callId,
      nextCSeq: () => ++this.#cseq,
      routes: this.#ctx.outboundRoutes,
      contact: {
        uriParams: ';ob',
        params: { '+sip.instance': `<${this.#options.instanceId}>`, 'reg-id': this.#options.regId ?? 1, expires },
      },
      // RFC 5627 §4.1 / RFC 5626 §4.2.1: ask for GRUUs and announce outbound and path support.
      headers: [{ name: 'Supported', value: 'gruu, outbound, path' }],
    };
  }

  #setState(state: RegistrationState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.emit('state', state);
  }
}

/** RFC 5626 §10: `Flow-Timer = 1*DIGIT` (seconds); anything else, or 0, is ignored. */
function readFlowTimer(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d{1,9}\s*$/.test(value)) return undefined;
  const seconds = Number(value);
  return seconds > 0 ? seconds : undefined;
}
