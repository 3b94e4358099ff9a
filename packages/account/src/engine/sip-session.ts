import type { AccountConfig } from '../config/config.js';
import type { Clock, TimerHandle } from '../host/clock.js';
import type { SipNotify, SipPublication, SipSubscription, SipUserAgentPort } from '../ports/sip.js';
import { healthCodeOf } from '../state/health-code.js';
import type { AccountHealth, Health } from '../state/types.js';
import type { HealthExtra } from './snapshot.js';

type HealthKey = Exclude<keyof AccountHealth, 'storage'>;

export interface SipSessionHooks {
  setHealth(component: HealthKey, state: Health['state'], reason?: string, extra?: HealthExtra): void;
  /** The body to publish now (built from own state, host info and the GRUU). */
  presenceBody(gruu: string | undefined): string;
  /** Whether the RLS service exists (the rls-services document was written or read). */
  rlsServiceReady(): boolean;
  onPresenceNotify(notify: SipNotify): void;
  onPresenceNewDialog(): void;
  onWatcherInfoNotify(notify: SipNotify): void;
  onWatcherInfoNewDialog(): void;
  /** A reconnect or a resubscription: documents may have changed while we were away. */
  onReconnected(): void;
  problem(context: string, error: unknown): void;
}

const RETRY_MS = [1000, 2000, 4000, 8000, 15_000, 30_000];

/**
 * The SIP side of the account: register (learning the GRUU), publish our presence, subscribe to the RLS presence
 * list, to our own `presence.winfo` and to `xcap-diff`. Each step that fails is retried on its own with backoff,
 * and health says why it is not up. Reconnection and in-dialog recovery are the user agent's job; this layer
 * restarts what the user agent reports as terminated.
 */
export class SipSession {
  readonly #ua: SipUserAgentPort;
  readonly #config: AccountConfig;
  readonly #clock: Clock;
  readonly #hooks: SipSessionHooks;
  readonly #rlsUri: string;
  #gruu: string | undefined;
  #registered = false;
  #publication: SipPublication | undefined;
  #publishing: Promise<void> = Promise.resolve();
  #publishDirty = false;
  readonly #subscriptions = new Map<'presenceList' | 'watcherInfo' | 'xcapDiff', SipSubscription>();
  readonly #starting = new Set<string>();
  readonly #timers = new Map<string, TimerHandle>();
  readonly #attempts = new Map<string, number>();
  readonly #restartedAt = new Map<string, number>();
  #stopped = false;
  readonly #off: () => void;

  constructor(options: {
    readonly ua: SipUserAgentPort;
    readonly config: AccountConfig;
    readonly clock: Clock;
    readonly rlsUri: string;
    readonly hooks: SipSessionHooks;
  }) {
    this.#ua = options.ua;
    this.#config = options.config;
    this.#clock = options.clock;
    this.#hooks = options.hooks;
    this.#rlsUri = options.rlsUri;
    this.#off = this.#ua.onEvent((event) => {
      switch (event.type) {
        case 'disconnected':
          this.#hooks.setHealth('connection', 'failed', `${event.reason}; reconnecting in ${event.retryInMs} ms`, {
            code: event.code ?? 'unreachable',
          });
          this.#registered = false;
          this.#hooks.setHealth('registration', 'working', 'connection lost');
          this.#hooks.setHealth('publication', 'working', 'connection lost');
          break;
        case 'reconnected':
          this.#hooks.setHealth('connection', 'ok', 'reconnected');
          this.#hooks.onReconnected();
          break;
        case 'recovered':
          // Reports of several reconnects may arrive out of order: a late one from a flow that failed must not undo
          // a registration that a later flow (or a `registered` event since the loss) has restored.
          if (event.registered) {
            const wasRegistered = this.#registered;
            this.#registered = true;
            if (!wasRegistered) this.#setGruu(this.#gruu, 'reconnect');
          } else if (!this.#registered) {
            this.#hooks.setHealth('registration', 'failed', event.failures.join('; '), { code: 'other' });
          }
          if (event.failures.length === 0) this.#hooks.setHealth('publication', 'ok', 'restored after reconnect');
          else {
            // Something was not restored (often the publication: the server forgot our entity-tag). Publishing
            // again falls back to an initial PUBLISH if the modify fails.
            this.#hooks.setHealth('publication', 'working', `not restored: ${event.failures.join('; ')}`);
            this.republish();
          }
          break;
        case 'registered':
          this.#registered = true;
          this.#setGruu(event.gruu, event.cause);
          break;
        case 'registration-failed':
          this.#registered = false;
          this.#hooks.setHealth('registration', 'failed', event.reason, { code: event.code ?? 'other' });
          break;
      }
    });
  }

  get gruu(): string | undefined {
    return this.#gruu;
  }

  start(): void {
    this.#hooks.setHealth('connection', 'working', 'connecting');
    void this.#step('register', () => this.#register());
  }

  /** Publishes the current state (again); coalesces calls made while a PUBLISH is in flight. */
  republish(): void {
    if (!this.#registered || this.#stopped) return;
    this.#publishDirty = true;
    this.#publishing = this.#publishing.then(async () => {
      if (!this.#publishDirty || this.#stopped) return;
      this.#publishDirty = false;
      await this.#step('publish', () => this.#publish());
    });
  }

  /** Starts the RLS subscription when it is not running (after the rls-services document appeared). */
  ensurePresenceList(): void {
    if (this.#registered && !this.#subscriptions.has('presenceList')) {
      void this.#step('presenceList', () => this.#subscribePresenceList());
    }
  }

  /**
   * Replaces a subscription with a new one, whose first NOTIFY is a full state (RFC 6665 §4.2.1.2): used after a
   * version gap in RLMI or watcherinfo. At most once per 10 s per subscription, so a confused notifier cannot make
   * us loop.
   */
  resubscribe(key: 'presenceList' | 'watcherInfo'): void {
    const subscription = this.#subscriptions.get(key);
    const now = this.#clock.now();
    if (!subscription || this.#stopped || now - (this.#restartedAt.get(key) ?? Number.NEGATIVE_INFINITY) < 10_000) {
      return;
    }
    this.#restartedAt.set(key, now);
    this.#subscriptions.delete(key);
    void subscription
      .unsubscribe()
      .catch((error: unknown) => this.#hooks.problem(key, error))
      .then(() => this.#retry(key));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#off();
    for (const t of this.#timers.values()) this.#clock.clearTimeout(t);
    this.#timers.clear();
    await this.#publishing.catch(() => undefined);
    const subs = [...this.#subscriptions.values()];
    this.#subscriptions.clear();
    await Promise.allSettled(subs.map((s) => s.unsubscribe()));
    await this.#publication?.remove().catch((e: unknown) => this.#hooks.problem('unpublish', e));
    this.#publication = undefined;
    await this.#ua.close().catch((e: unknown) => this.#hooks.problem('close', e));
    for (const c of ['registration', 'publication', 'presenceList', 'watcherInfo', 'xcapDiff'] as const) {
      this.#hooks.setHealth(c, 'stopped');
    }
    this.#hooks.setHealth('connection', 'stopped');
  }

  /** Runs one step; a failure is recorded in health and retried with backoff. */
  async #step(name: string, work: () => Promise<void>): Promise<void> {
    if (this.#stopped || this.#starting.has(name)) return;
    this.#starting.add(name);
    try {
      await work();
      this.#attempts.delete(name);
    } catch (error) {
      const attempt = this.#attempts.get(name) ?? 0;
      this.#attempts.set(name, attempt + 1);
      const delay = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)] ?? 30_000;
      this.#hooks.problem(name, error);
      if (!this.#stopped && !this.#timers.has(name)) {
        this.#timers.set(
          name,
          this.#clock.setTimeout(() => {
            this.#timers.delete(name);
            void this.#retry(name);
          }, delay),
        );
      }
      return;
    } finally {
      this.#starting.delete(name);
    }
  }

  #retry(name: string): Promise<void> {
    switch (name) {
      case 'register':
        return this.#step(name, () => this.#register());
      case 'publish':
        this.republish();
        return Promise.resolve();
      case 'presenceList':
        return this.#step(name, () => this.#subscribePresenceList());
      case 'watcherInfo':
        return this.#step(name, () => this.#subscribeWatcherInfo());
      default:
        return Promise.resolve();
    }
  }

  async #register(): Promise<void> {
    this.#hooks.setHealth('registration', 'working', 'registering');
    try {
      const registration = await this.#ua.register({ expires: this.#config.expiresSeconds });
      this.#hooks.setHealth('connection', 'ok');
      this.#registered = true;
      this.#setGruu(registration.gruu, 'initial');
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'registration failed';
      this.#hooks.setHealth('registration', 'failed', reason, { code: healthCodeOf(error) });
      throw error;
    }
    this.republish();
    this.ensurePresenceList();
    if (!this.#subscriptions.has('watcherInfo')) void this.#step('watcherInfo', () => this.#subscribeWatcherInfo());
    if (!this.#subscriptions.has('xcapDiff')) void this.#step('xcapDiff', () => this.#subscribeXcapDiff());
  }

  #setGruu(gruu: string | undefined, cause: string): void {
    const changed = gruu !== this.#gruu;
    this.#gruu = gruu;
    this.#hooks.setHealth(
      'registration',
      'ok',
      cause === 'initial' ? undefined : `registered (${cause})`,
      gruu ? { gruu } : {},
    );
    // The GRUU is part of what we publish (the tuple's contact): a new one means a new body.
    if (changed && this.#publication) this.republish();
  }

  async #publish(): Promise<void> {
    const body = this.#hooks.presenceBody(this.#gruu);
    this.#hooks.setHealth('publication', 'working', this.#publication ? 'updating' : 'publishing');
    try {
      if (this.#publication) await this.#publication.update(body);
      else {
        this.#publication = await this.#ua.publish({
          event: 'presence',
          contentType: 'application/pidf+xml',
          body,
          expires: this.#config.expiresSeconds,
        });
      }
      this.#hooks.setHealth('publication', 'ok');
    } catch (error) {
      // A failed modify (e.g. the server lost our ETag after a restart) starts over with an initial PUBLISH.
      this.#publication = undefined;
      this.#hooks.setHealth('publication', 'failed', error instanceof Error ? error.message : 'PUBLISH failed', {
        code: healthCodeOf(error),
      });
      throw error;
    }
  }

  async #subscribePresenceList(): Promise<void> {
    if (!this.#hooks.rlsServiceReady()) {
      this.#hooks.setHealth('presenceList', 'idle', 'waiting for the rls-services document', { code: 'waiting' });
      return;
    }
    this.#hooks.onPresenceNewDialog();
    await this.#subscribe(
      'presenceList',
      {
        target: this.#rlsUri,
        event: 'presence',
        accept: ['multipart/related', 'application/rlmi+xml', 'application/pidf+xml'],
        eventList: true,
        onNotify: (n) => this.#hooks.onPresenceNotify(n),
        onNewDialog: () => this.#hooks.onPresenceNewDialog(),
      },
      true,
    );
  }

  async #subscribeWatcherInfo(): Promise<void> {
    this.#hooks.onWatcherInfoNewDialog();
    await this.#subscribe(
      'watcherInfo',
      {
        target: this.#config.address,
        event: 'presence.winfo',
        accept: ['application/watcherinfo+xml'],
        onNotify: (n) => this.#hooks.onWatcherInfoNotify(n),
        onNewDialog: () => this.#hooks.onWatcherInfoNewDialog(),
      },
      true,
    );
  }

  async #subscribeXcapDiff(): Promise<void> {
    // RFC 5875. Servers without xcap-diff content (Kamailio 5.x) accept and never notify: the periodic refetch
    // covers them; a NOTIFY with a body triggers a refetch now.
    await this.#subscribe('xcapDiff', {
      target: this.#config.address,
      event: 'xcap-diff',
      accept: ['application/xcap-diff+xml'],
      onNotify: (n) => {
        if (n.body.byteLength > 0) this.#hooks.onReconnected();
      },
    }).catch((error: unknown) => {
      this.#hooks.setHealth('xcapDiff', 'failed', 'not offered; documents are refetched periodically', {
        code: 'not-supported',
      });
      this.#hooks.problem('xcap-diff', error);
    });
  }

  /**
   * Subscribes and reports `key` ok. With `stateInNotify` (the presence list, the watcher list) ok waits for the
   * dialog's first NOTIFY as well: the 2xx only says the SUBSCRIBE was accepted, and the state a reader of the
   * snapshot asks for arrives with that NOTIFY, which may follow the 2xx (RFC 6665 §4.1.2.4). Until it has been
   * applied the health says so, instead of an empty list passing for the server's answer.
   */
  async #subscribe(
    key: 'presenceList' | 'watcherInfo' | 'xcapDiff',
    options: Omit<Parameters<SipUserAgentPort['subscribe']>[0], 'expires' | 'onTerminated'>,
    stateInNotify = false,
  ): Promise<void> {
    this.#hooks.setHealth(key, 'working', 'subscribing');
    let notified = false;
    let current: SipSubscription | undefined;
    const onNotify = (notify: SipNotify): void => {
      options.onNotify(notify);
      if (notified || !stateInNotify) return;
      notified = true;
      // Before the 2xx `current` is unset and the code after the await reports ok; a late NOTIFY of a dialog that
      // was replaced meanwhile says nothing about the new one.
      if (current !== undefined && !this.#stopped && this.#subscriptions.get(key) === current) {
        this.#hooks.setHealth(key, 'ok');
      }
    };
    try {
      const subscription = await this.#ua.subscribe({
        ...options,
        onNotify,
        expires: this.#config.expiresSeconds,
        onTerminated: (reason, retryAfter) => {
          this.#subscriptions.delete(key);
          if (this.#stopped) return;
          this.#hooks.setHealth(key, 'failed', `terminated: ${reason}`, {
            code: reason === 'noresource' ? 'not-supported' : 'rejected',
          });
          // RFC 6665 §4.1.3: after `rejected` or `noresource` an immediate retry is pointless; wait longer (a
          // document write or the periodic refetch may fix the cause meanwhile).
          const delay =
            retryAfter !== undefined
              ? retryAfter * 1000
              : reason === 'rejected' || reason === 'noresource'
                ? 30_000
                : 1000;
          const name = key;
          if (!this.#timers.has(name)) {
            this.#timers.set(
              name,
              this.#clock.setTimeout(() => {
                this.#timers.delete(name);
                void this.#retry(name);
              }, delay),
            );
          }
        },
      });
      if (this.#stopped) {
        await subscription.unsubscribe().catch(() => undefined);
        return;
      }
      this.#subscriptions.set(key, subscription);
      current = subscription;
      if (notified || !stateInNotify) this.#hooks.setHealth(key, 'ok');
      else this.#hooks.setHealth(key, 'working', 'waiting for the first NOTIFY', { code: 'waiting' });
    } catch (error) {
      this.#hooks.setHealth(key, 'failed', error instanceof Error ? error.message : 'SUBSCRIBE failed', {
        code: healthCodeOf(error),
      });
      throw error;
    }
  }
}
