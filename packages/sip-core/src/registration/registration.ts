import type { TimerHandle } from '../clock/clock.js';
import { SipError } from '../errors.js';
import { newCallId, newTag } from '../transaction/ids.js';
import type { RequestSpec } from '../transaction/request-sender.js';
import { TypedEmitter } from '../transport/emitter.js';
import { integerHeader, parseAddress } from '../transport/wire-headers.js';
import { headerList, type WireResponse } from '../transport/wire-message.js';
import { quoteDisplayName, refreshDelayMs, type UserContext } from '../ua/context.js';
import { SipRequestError } from './errors.js';

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
}

export type RegistrationEvents = {
  state: [state: RegistrationState];
  registered: [info: RegistrationInfo];
  unregistered: [];
  /** A REGISTER failed; a refresh or reconnect will try again unless the error is an AuthenticationError. */
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
  readonly #callId = newCallId();
  readonly #fromTag = newTag();
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
    const attempt = this.#register('reconnect');
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
      if (response.status >= 300) throw new SipRequestError('REGISTER', response.status, response.reason);
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
        const min = integerHeader(response, 'min-expires');
        if (min !== undefined && min > this.#expires) {
          this.#expires = min;
          continue;
        }
      }
      if (response.status < 200 || response.status >= 300) {
        throw new SipRequestError('REGISTER', response.status, response.reason);
      }
      const sentContact = headerList(request, 'contact')[0] ?? '';
      return this.#readBinding(response, parseAddress(sentContact).uri, cause);
    }
  }

  #readBinding(response: WireResponse, sentUri: string, cause: RegistrationInfo['cause']): RegistrationInfo {
    const instance = `<${this.#options.instanceId}>`;
    const contacts = headerList(response, 'contact').map(parseAddress);
    // RFC 5626 §6: our binding is the one with our instance id; without outbound support, the one with our URI.
    const mine =
      contacts.find((c) => c.params.get('+sip.instance') === instance && c.uri.includes(hostPortOf(sentUri))) ??
      contacts.find((c) => c.uri === sentUri) ??
      contacts.find((c) => c.params.get('+sip.instance') === instance);
    const expires = Number(mine?.params.get('expires') ?? integerHeader(response, 'expires') ?? this.#expires);
    const pub = mine?.params.get('pub-gruu');
    const temp = mine?.params.get('temp-gruu');
    return {
      expires: Number.isFinite(expires) && expires > 0 ? expires : this.#expires,
      contact: mine?.uri ?? sentUri,
      ...(pub ? { pubGruu: pub } : {}),
      ...(temp ? { tempGruu: temp } : {}),
      cause,
    };
  }

  #spec(expires: number): RequestSpec {
    const aor = this.#ctx.aor;
    const registrar = this.#options.registrar ?? `sip:${domainOf(aor)}`;
    const name = quoteDisplayName(this.#ctx.displayName);
    return {
      method: 'REGISTER',
      uri: registrar,
      from: `${name}<${aor}>;tag=${this.#fromTag}`,
      to: `${name}<${aor}>`,
      callId: this.#callId,
      nextCSeq: () => ++this.#cseq,
      routes: this.#ctx.outboundRoutes,
      contact: {
        uriParams: ';ob',
        headerParams: `;+sip.instance="<${this.#options.instanceId}>";reg-id=${this.#options.regId ?? 1};expires=${expires}`,
      },
      // RFC 5627 §4.1 / RFC 5626 §4.2.1: ask for GRUUs and announce outbound and path support.
      headers: [['Supported', 'gruu, outbound, path']],
    };
  }

  #setState(state: RegistrationState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.emit('state', state);
  }
}

function hostPortOf(uri: string): string {
  return (
    uri
      .replace(/^sips?:/i, '')
      .replace(/^[^@]*@/, '')
      .split(';')[0] ?? uri
  );
}
