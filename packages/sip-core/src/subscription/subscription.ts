import type { TimerHandle } from '../clock/clock.js';
import { Dialog } from '../dialog/dialog.js';
import { SipError } from '../errors.js';
import { type EventHeader, parseEvent, type SubscriptionState } from '../header/event.js';
import type { HeaderField } from '../header/header-list.js';
import { generateCallId, generateTag } from '../message/ids.js';
import type { SipRequest } from '../message/types.js';
import { SipRequestError, TransactionError } from '../transaction/errors.js';
import type { RequestSpec } from '../transaction/request-sender.js';
import type { ServerTransaction } from '../transaction/server.js';
import { TypedEmitter } from '../transport/emitter.js';
import { ownAddress, refreshDelayMs, type UserContext } from '../ua/context.js';
import { EndingDialogs } from './ending-dialogs.js';
import { dialogOf, isConnectionLoss, subscribeHeaders } from './requests.js';
import { actionForTermination } from './subscription-state.js';

export type SubscriptionStatus = 'init' | 'subscribing' | 'pending' | 'active' | 'terminated';

export interface Notification {
  readonly state: SubscriptionState;
  readonly contentType?: string;
  readonly body: Uint8Array;
  readonly request: SipRequest;
}

export interface SubscriptionTermination {
  readonly reason?: string;
  readonly retryAfter?: number;
  /** Set when a request failed (e.g. 403, 489, an authentication error). */
  readonly error?: SipError;
}

export type SubscriptionEvents = {
  state: [status: SubscriptionStatus];
  notify: [notification: Notification];
  /** A new SUBSCRIBE is being sent for `reason` (termination, 481 on refresh, reconnect). */
  resubscribing: [reason: string, afterMs: number];
  /** The subscription ended and will not be renewed. */
  terminated: [termination: SubscriptionTermination];
};

export interface SubscriptionOptions {
  /** Resource to subscribe to (a presentity, a resource list URI, the user's own AoR for winfo). */
  readonly target: string;
  /** Event package (RFC 6665 §7.2), e.g. `presence`, `presence.winfo`, `xcap-diff`. */
  readonly event: string;
  /** Accept values; a default per well-known package otherwise. */
  readonly accept?: readonly string[];
  /** Requested lifetime in seconds (default 600). */
  readonly expires?: number;
  /** RFC 4662: add `Supported: eventlist` to subscribe to a resource list. */
  readonly eventList?: boolean;
  readonly headers?: readonly HeaderField[];
  /**
   * Receives every NOTIFY from the first on. `UserAgent.subscribe()` resolves only after the 2xx, and the first
   * NOTIFY often comes before it (RFC 6665 §4.1.2.4), so a listener added afterwards can miss the full state.
   */
  readonly onNotify?: (notification: Notification) => void;
}

const TIMER_N_MS = 64 * 500;

/**
 * An RFC 6665 subscription for any event package: SUBSCRIBE, NOTIFY handling (also before the 2xx), refresh,
 * termination reasons and unsubscribe. Renewals after `deactivated`/`timeout`/`probation` start a new dialog.
 */
export class Subscription extends TypedEmitter<SubscriptionEvents> {
  readonly #ctx: UserContext;
  readonly options: SubscriptionOptions;
  #callId = generateCallId();
  #fromTag = generateTag();
  #cseq = 0;
  #dialog: Dialog | undefined;
  #expires: number;
  #status: SubscriptionStatus = 'init';
  #timer: TimerHandle | undefined;
  /** RFC 6665 §4.1.2.4 Timer N: the first NOTIFY must follow a 2xx within 64·T1. */
  #timerN: TimerHandle | undefined;
  #notified = false;
  #wanted = false;
  #generation = 0;
  #last: Notification | undefined;
  #restoring: { readonly flow: number; readonly attempt: Promise<void> } | undefined;
  readonly #ending: EndingDialogs;
  readonly #event: EventHeader;

  constructor(ctx: UserContext, options: SubscriptionOptions) {
    super();
    this.#ctx = ctx;
    this.#ending = new EndingDialogs(ctx.clock);
    this.options = options;
    this.#expires = options.expires ?? 600;
    // Validates the package name up front; throws SipParseError for a malformed one.
    this.#event = parseEvent(options.event, 0);
    if (options.onNotify !== undefined) this.on('notify', options.onNotify);
  }

  get status(): SubscriptionStatus {
    return this.#status;
  }

  /** The latest NOTIFY received (the first one often arrives before `start()` resolves). */
  get lastNotification(): Notification | undefined {
    return this.#last;
  }

  get dialog(): Dialog | undefined {
    return this.#dialog;
  }

  /** Sends the SUBSCRIBE; resolves once it is accepted (2xx), rejects on a final failure. */
  async start(): Promise<void> {
    this.#wanted = true;
    await this.#subscribe();
  }

  /**
   * After a lost connection the notifier's route to us is gone: subscribe again in a new dialog, and end the old one
   * (RFC 6665 §4.1.2.3) so that the notifier (an RLS with its back-end subscriptions above all) keeps no orphan until
   * it expires. `flow` names the connection the restore is for: a second restore for the same one (two reconnect
   * reports racing after a stall) reuses the first instead of abandoning the dialog it builds.
   */
  restore(flow?: number): Promise<void> | undefined {
    if (!this.#wanted) return undefined;
    const current = this.#restoring;
    if (flow !== undefined && current?.flow === flow) return current.attempt;
    this.emit('resubscribing', 'reconnect', 0);
    const abandoned = this.#status === 'terminated' ? undefined : this.#dialog;
    const attempt = this.#restart();
    if (abandoned !== undefined) this.#endAbandoned(abandoned);
    this.#restoring = flow === undefined ? undefined : { flow, attempt };
    attempt.catch(() => {
      // A failed restore is no reason to skip the next one for the same connection.
      if (this.#restoring?.attempt === attempt) this.#restoring = undefined;
    });
    return attempt;
  }

  /** Unsubscribes (SUBSCRIBE with Expires 0, RFC 6665 §4.1.2.3). */
  async stop(): Promise<void> {
    this.#wanted = false;
    this.#ctx.clock.clearTimeout(this.#timer);
    const dialog = this.#dialog;
    if (dialog !== undefined && this.#status !== 'terminated') {
      try {
        await this.#ctx.sender.send(this.#inDialogSpec(dialog, 0));
      } finally {
        this.#terminate({ reason: 'unsubscribed' });
      }
    } else this.#terminate({ reason: 'unsubscribed' });
  }

  /** Whether a NOTIFY belongs to this subscription (RFC 6665 §4.4.1: dialog identifiers and the Event header). */
  matches(request: SipRequest): boolean {
    if (request.method.toUpperCase() !== 'NOTIFY') return false;
    if (this.#ending.matches(request)) return true;
    try {
      const h = request.headers;
      if (h.callId() !== this.#callId || h.to().tag !== this.#fromTag) return false;
      if (this.#dialog !== undefined && h.from().tag !== this.#dialog.remoteTag) return false;
      const got = h.event();
      if (got === undefined) return false;
      return got.type === this.#event.type && got.id === this.#event.id;
    } catch {
      // A NOTIFY whose headers do not parse belongs to nobody; the UA answers it.
      return false;
    }
  }

  /** Handles a NOTIFY that {@link matches}: answers it, updates the dialog and the state. */
  handleNotify(transaction: ServerTransaction): void {
    const request = transaction.request;
    if (this.#ending.matches(request)) {
      this.#ending.handle(transaction);
      return;
    }
    if (this.#status === 'terminated') {
      // RFC 6665 §4.1.2.3: the NOTIFY that confirms an unsubscribe (or a late one) is acknowledged, nothing more.
      transaction.respond(200);
      return;
    }
    if (this.#dialog === undefined) {
      this.#dialog = Dialog.fromNotify(
        {
          callId: this.#callId,
          localTag: this.#fromTag,
          local: ownAddress(this.#ctx),
          remote: { uri: this.options.target },
          localSeq: this.#cseq,
        },
        request,
      );
      if (this.#dialog === undefined) {
        transaction.respond(400);
        return;
      }
    } else if (!this.#dialog.receiveRequest(request)) {
      // RFC 3261 §12.2.2: a lower CSeq than the last one is out of order.
      transaction.respond(500);
      return;
    }
    let state: SubscriptionState | undefined;
    let contentType: string | undefined;
    try {
      state = request.headers.subscriptionState();
      contentType = request.headers.get('content-type');
    } catch {
      state = undefined;
    }
    if (state === undefined) {
      // RFC 6665 §8.2.3: Subscription-State is mandatory in NOTIFY.
      transaction.respond(400);
      return;
    }
    transaction.respond(200);
    this.#notified = true;
    this.#ctx.clock.clearTimeout(this.#timerN);
    this.#last = {
      state,
      ...(contentType === undefined ? {} : { contentType }),
      body: request.body,
      request,
    };
    this.emit('notify', this.#last);
    if (state.state === 'terminated') {
      this.#onTerminated(state);
      return;
    }
    if (state.state === 'active') this.#setStatus('active');
    else if (state.state === 'pending') this.#setStatus('pending');
    // RFC 6665 §4.1.2.1: the notifier may shorten the subscription in any NOTIFY.
    if (state.expires !== undefined && state.expires < this.#expires) this.#schedule(state.expires);
  }

  async #subscribe(): Promise<void> {
    const generation = this.#generation;
    this.#setStatus('subscribing');
    for (let tries = 0; ; tries++) {
      let response: Awaited<ReturnType<UserContext['sender']['send']>>;
      try {
        response = await this.#ctx.sender.send(this.#initialSpec());
      } catch (error) {
        // A connection lost before the answer is no verdict of the notifier: stay wanted, so that the user agent's
        // next reconnect restores this subscription as it restores the registration and the publications.
        if (generation === this.#generation && !isConnectionLoss(error)) this.#fail(error);
        throw error;
      }
      const { response: res, request } = response;
      if (generation !== this.#generation) {
        // Superseded while in flight: a dialog this 2xx created is nobody's; end it rather than leave an orphan.
        if (res.status >= 200 && res.status < 300) this.#endAbandoned(dialogOf(request, res));
        return;
      }
      if (res.status === 423 && tries < 2) {
        const min = res.headers.minExpires();
        if (min !== undefined && min > this.#expires) {
          this.#expires = min;
          continue;
        }
      }
      if (res.status >= 300) {
        const error = SipRequestError.fromResponse('SUBSCRIBE', res);
        this.#fail(error);
        throw error;
      }
      this.#dialog ??= Dialog.fromResponse(request, res);
      // RFC 6665 §4.1.2.1: the Expires of the 2xx is the duration actually granted.
      this.#schedule(res.headers.expires() ?? this.#expires);
      if (this.#status === 'subscribing') this.#setStatus('pending');
      if (!this.#notified) {
        this.#timerN = this.#ctx.clock.setTimeout(() => {
          if (this.#notified || generation !== this.#generation) return;
          // No NOTIFY can reach us (typically a Contact the notifier cannot route to): report, do not loop.
          this.#fail(new SipError('NO_NOTIFY', `no NOTIFY within ${TIMER_N_MS} ms of the 2xx (RFC 6665 Timer N)`));
        }, TIMER_N_MS);
      }
      return;
    }
  }

  async #refresh(): Promise<void> {
    const dialog = this.#dialog;
    if (dialog === undefined || !this.#wanted) return;
    // Whether the notifier may still hold the dialog: only a 481 (or a lost connection, which the reconnect's
    // restore takes care of) says it is gone; after a timeout or another failure it is ended explicitly.
    let mayLive = false;
    try {
      const { response } = await this.#ctx.sender.send(this.#inDialogSpec(dialog, this.#expires));
      if (response.status >= 200 && response.status < 300) {
        this.#schedule(response.headers.expires() ?? this.#expires);
        return;
      }
      // RFC 6665 §4.1.2.2: 481 (and any other failure) ends the subscription; build a new one.
      this.emit('resubscribing', `refresh answered ${response.status}`, 0);
      mayLive = response.status !== 481;
    } catch (error) {
      if (!(error instanceof TransactionError)) {
        this.#fail(error);
        return;
      }
      this.emit('resubscribing', error.code, 0);
      mayLive = error.code === 'TIMEOUT';
    }
    const attempt = this.#restart();
    if (mayLive) this.#endAbandoned(dialog);
    await attempt.catch(() => undefined);
  }

  #onTerminated(state: SubscriptionState): void {
    this.#ctx.clock.clearTimeout(this.#timer);
    if (!this.#wanted) {
      this.#terminate({ ...(state.reason === undefined ? {} : { reason: state.reason }) });
      return;
    }
    const action = actionForTermination(state);
    if (action.kind === 'stop') {
      this.#wanted = false;
      this.#terminate({
        ...(state.reason === undefined ? {} : { reason: state.reason }),
        ...(state.retryAfter === undefined ? {} : { retryAfter: state.retryAfter }),
      });
      return;
    }
    this.emit('resubscribing', state.reason ?? 'terminated', action.afterMs);
    this.#dialog = undefined;
    this.#setStatus('subscribing');
    this.#timer = this.#ctx.clock.setTimeout(() => {
      this.#restart().catch(() => undefined);
    }, action.afterMs);
  }

  #restart(): Promise<void> {
    this.#ctx.clock.clearTimeout(this.#timer);
    this.#generation++;
    this.#notified = false;
    this.#ctx.clock.clearTimeout(this.#timerN);
    this.#callId = generateCallId();
    this.#fromTag = generateTag();
    this.#dialog = undefined;
    return this.#subscribe();
  }

  /** Best effort un-SUBSCRIBE of a dialog we no longer use (RFC 6665 §4.1.2.3); its answer changes nothing here. */
  #endAbandoned(dialog: Dialog | undefined): void {
    if (dialog === undefined) return;
    this.#ending.add(dialog);
    this.#ctx.sender.send(this.#inDialogSpec(dialog, 0)).catch(() => undefined);
  }

  #fail(error: unknown): void {
    this.#wanted = false;
    this.#terminate({
      error: error instanceof SipError ? error : new SipError('SUBSCRIBE_FAILED', String(error), { cause: error }),
    });
  }

  #terminate(termination: SubscriptionTermination): void {
    this.#ctx.clock.clearTimeout(this.#timer);
    this.#ctx.clock.clearTimeout(this.#timerN);
    if (this.#status === 'terminated') return;
    this.#setStatus('terminated');
    this.emit('terminated', termination);
  }

  #schedule(expires: number): void {
    this.#ctx.clock.clearTimeout(this.#timer);
    if (expires <= 0) return;
    this.#timer = this.#ctx.clock.setTimeout(() => {
      this.#refresh().catch(() => undefined);
    }, refreshDelayMs(expires));
  }

  #headers(expires: number): HeaderField[] {
    return subscribeHeaders(this.#event.type, this.options, expires);
  }

  #initialSpec(): RequestSpec {
    return {
      method: 'SUBSCRIBE',
      uri: this.options.target,
      from: { ...ownAddress(this.#ctx), tag: this.#fromTag },
      to: { uri: this.options.target },
      callId: this.#callId,
      nextCSeq: () => ++this.#cseq,
      routes: this.#ctx.outboundRoutes,
      contact: {},
      headers: this.#headers(this.#expires),
    };
  }

  #inDialogSpec(dialog: Dialog, expires: number): RequestSpec {
    return { ...dialog.requestSpec('SUBSCRIBE'), contact: {}, headers: this.#headers(expires) };
  }

  #setStatus(status: SubscriptionStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    this.emit('state', status);
  }
}
