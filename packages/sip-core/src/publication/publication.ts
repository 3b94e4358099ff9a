import type { TimerHandle } from '../clock/clock.js';
import { SipError } from '../errors.js';
import type { HeaderField } from '../header/header-list.js';
import { generateCallId, generateTag } from '../message/ids.js';
import { AuthenticationError, SipRequestError } from '../transaction/errors.js';
import type { RequestSpec } from '../transaction/request-sender.js';
import { TypedEmitter } from '../transport/emitter.js';
import { ownAddress, refreshDelayMs, retryDelayMs, type UserContext } from '../ua/context.js';

export type PublicationState = 'idle' | 'publishing' | 'published' | 'removed' | 'failed';

export interface PublicationInfo {
  /** The entity-tag the compositor gave us (RFC 3903 §4.1.2 SIP-ETag). */
  readonly etag: string;
  readonly expires: number;
  /** `initial` also covers a fresh start after a 412 or a reconnect whose refresh failed. */
  readonly kind: 'initial' | 'refresh' | 'modify';
}

export type PublicationEvents = {
  state: [state: PublicationState];
  published: [info: PublicationInfo];
  removed: [];
  failed: [error: SipError];
};

export interface PublicationOptions {
  readonly event: string;
  readonly contentType: string;
  readonly body: Uint8Array;
  /** Requested lifetime in seconds (default 600). */
  readonly expires?: number;
  /** Presentity URI; the user's AoR by default (RFC 3903 §4: PUBLISH goes to the resource published). */
  readonly target?: string;
  /**
   * Entity-tag of a publication made earlier (e.g. before the application restarted): the first PUBLISH then
   * modifies it with SIP-If-Match instead of creating a new one, and falls back to an initial PUBLISH if the
   * compositor no longer knows it.
   */
  readonly etag?: string;
  /** Wait before retrying a failed refresh or change (default 30 s). */
  readonly retryAfterFailureMs?: number;
}

/**
 * RFC 3903 event state publication: initial PUBLISH with a body, refreshes with SIP-If-Match and no body,
 * modifications with SIP-If-Match and a body, removal with Expires 0. At most one PUBLISH is in flight; changes
 * made meanwhile are coalesced into the next one.
 */
export class Publication extends TypedEmitter<PublicationEvents> {
  readonly #ctx: UserContext;
  readonly #options: PublicationOptions;
  readonly #callId = generateCallId();
  readonly #fromTag = generateTag();
  #cseq = 0;
  #expires: number;
  #body: Uint8Array;
  #etag: string | undefined;
  #dirty = true;
  #refreshDue = false;
  #removeWanted = false;
  #state: PublicationState = 'idle';
  #timer: TimerHandle | undefined;
  #running: Promise<void> | undefined;
  #info: PublicationInfo | undefined;
  #sent = 0;

  constructor(ctx: UserContext, options: PublicationOptions) {
    super();
    this.#ctx = ctx;
    this.#options = options;
    this.#expires = options.expires ?? 600;
    this.#body = options.body;
    this.#etag = options.etag;
  }

  get state(): PublicationState {
    return this.#state;
  }

  get etag(): string | undefined {
    return this.#etag;
  }

  /** Number of PUBLISH requests sent so far (authentication retries excluded). */
  get requestsSent(): number {
    return this.#sent;
  }

  /** Sends the initial PUBLISH. */
  start(): Promise<PublicationInfo> {
    return this.#kick();
  }

  /** Replaces the published document; coalesced with other changes while a PUBLISH is in flight. */
  update(body: Uint8Array): Promise<PublicationInfo> {
    this.#body = body;
    this.#dirty = true;
    this.#removeWanted = false;
    return this.#kick();
  }

  /** Refreshes now (the timer does this before expiry). */
  refresh(): Promise<PublicationInfo> {
    this.#refreshDue = true;
    return this.#kick();
  }

  /** After a lost connection: refresh, or start over when the compositor forgot us. */
  restore(): Promise<PublicationInfo> | undefined {
    if (this.#state === 'removed' || this.#state === 'idle') return undefined;
    const attempt = this.refresh();
    attempt.catch(() => undefined);
    return attempt;
  }

  /** RFC 3903 §4.5: removes the published state (Expires 0 with SIP-If-Match). */
  async remove(): Promise<void> {
    this.#removeWanted = true;
    this.#ctx.clock.clearTimeout(this.#timer);
    await this.#run();
  }

  #kick(): Promise<PublicationInfo> {
    return this.#run().then(() => {
      if (this.#info === undefined) throw new SipError('PUBLICATION_REMOVED', 'the publication was removed');
      return this.#info;
    });
  }

  #run(): Promise<void> {
    if (this.#running === undefined) {
      this.#running = this.#loop().finally(() => {
        this.#running = undefined;
      });
      this.#running.catch((error: unknown) => {
        this.#setState('failed');
        // A refresh or change that failed is tried again later, unless the credentials are wrong or it never
        // got published at all (then the caller decides).
        if (!(error instanceof AuthenticationError) && !this.#removeWanted && this.#info !== undefined) {
          this.#ctx.clock.clearTimeout(this.#timer);
          this.#timer = this.#ctx.clock.setTimeout(
            () => {
              this.refresh().catch(() => undefined);
            },
            retryDelayMs(error, this.#options.retryAfterFailureMs),
          );
        }
        this.emit(
          'failed',
          error instanceof SipError ? error : new SipError('PUBLISH_FAILED', String(error), { cause: error }),
        );
      });
    }
    return this.#running;
  }

  async #loop(): Promise<void> {
    let restarts = 0;
    while (
      this.#removeWanted ? this.#etag !== undefined : this.#dirty || this.#refreshDue || this.#etag === undefined
    ) {
      if (this.#removeWanted) {
        await this.#publish('remove');
        continue;
      }
      const kind: PublicationInfo['kind'] = this.#etag === undefined ? 'initial' : this.#dirty ? 'modify' : 'refresh';
      const outcome = await this.#publish(kind);
      if (outcome === 'restart') {
        // RFC 3903 §6 step 5: 412 means the compositor lost our entity; start again with an initial PUBLISH.
        if (++restarts > 2)
          throw new SipError('PUBLISH_RESTART_LOOP', 'the compositor keeps forgetting the publication');
        this.#etag = undefined;
        this.#dirty = true;
      }
    }
    if (this.#removeWanted) {
      this.#info = undefined;
      this.#setState('removed');
      this.emit('removed');
    }
  }

  async #publish(kind: PublicationInfo['kind'] | 'remove'): Promise<'done' | 'restart'> {
    this.#setState(kind === 'remove' ? this.#state : 'publishing');
    const withBody = kind === 'initial' || kind === 'modify';
    const body = this.#body;
    if (withBody) this.#dirty = false;
    if (kind === 'refresh') this.#refreshDue = false;
    const expires = kind === 'remove' ? 0 : this.#expires;
    const headers: HeaderField[] = [
      { name: 'Event', value: this.#options.event },
      { name: 'Expires', value: String(expires) },
    ];
    if (this.#etag !== undefined) headers.push({ name: 'SIP-If-Match', value: this.#etag });
    this.#sent++;
    const { response } = await this.#ctx.sender.send(this.#spec(headers, withBody ? body : undefined));
    if (response.status >= 200 && response.status < 300) {
      if (kind === 'remove') {
        this.#etag = undefined;
        return 'done';
      }
      const etag = response.headers.sipETag();
      if (etag === undefined || etag === '') {
        throw new SipError('PUBLISH_NO_ETAG', 'a 2xx to PUBLISH must carry SIP-ETag (RFC 3903 §6 step 8)');
      }
      this.#etag = etag;
      const granted = response.headers.expires() ?? this.#expires;
      this.#info = { etag, expires: granted, kind };
      this.#schedule(granted);
      this.#setState('published');
      this.emit('published', this.#info);
      return 'done';
    }
    if (withBody) this.#dirty = true;
    if (kind === 'remove' && (response.status === 412 || response.status === 481)) {
      // Nothing left to remove on the server.
      this.#etag = undefined;
      return 'done';
    }
    // 412 Conditional Request Failed (RFC 3903 §11.2.1). Kamailio answers a stale SIP-If-Match with 500 instead;
    // we treat that the same way when we sent SIP-If-Match, so the publication recovers on that server too.
    if (this.#etag !== undefined && (response.status === 412 || response.status === 500)) return 'restart';
    // RFC 3903 §6 / RFC 3261 §21.4.17: retry with the Min-Expires the server asks for.
    if (response.status === 423) {
      const min = response.headers.minExpires();
      if (min !== undefined && min > this.#expires) {
        this.#expires = min;
        if (kind === 'refresh') this.#refreshDue = true;
        return 'done';
      }
    }
    throw SipRequestError.fromResponse('PUBLISH', response);
  }

  #schedule(expires: number): void {
    this.#ctx.clock.clearTimeout(this.#timer);
    this.#timer = this.#ctx.clock.setTimeout(() => {
      this.refresh().catch(() => undefined);
    }, refreshDelayMs(expires));
  }

  #spec(headers: HeaderField[], body: Uint8Array | undefined): RequestSpec {
    const target = this.#options.target ?? this.#ctx.aor;
    return {
      method: 'PUBLISH',
      uri: target,
      from: { ...ownAddress(this.#ctx), tag: this.#fromTag },
      to: { uri: target },
      callId: this.#callId,
      nextCSeq: () => ++this.#cseq,
      routes: this.#ctx.outboundRoutes,
      headers,
      ...(body === undefined ? {} : { body: { contentType: this.#options.contentType, content: body } }),
    };
  }

  #setState(state: PublicationState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.emit('state', state);
  }
}
