import type {
  SipNotify,
  SipPublication,
  SipPublishOptions,
  SipSubscribeOptions,
  SipSubscription,
  SipUserAgentEvent,
  SipUserAgentPort,
} from '../ports/sip.js';

export interface FakeSubscription {
  readonly options: SipSubscribeOptions;
  active: boolean;
  notify(body: Uint8Array | string, contentType: string, state?: SipNotify['state']): void;
  terminate(reason: string, retryAfter?: number): void;
}

/** A SIP user agent that records what the engine asks and lets a test play the server. */
export class FakeSipUserAgent implements SipUserAgentPort {
  readonly published: string[] = [];
  readonly subscriptions: FakeSubscription[] = [];
  readonly log: string[] = [];
  gruu: string | undefined = 'sip:alice@example.com;gr=urn:uuid:test';
  failRegister: string | undefined;
  failSubscribe = new Set<string>();
  /**
   * Like a real notifier, answer each accepted SUBSCRIBE with a NOTIFY without a body (RFC 6665 §4.1.2.4); a test
   * turns it off to play the time between the 2xx and the first NOTIFY itself.
   */
  initialNotify = true;
  closed = false;
  publication: { removed: boolean } | undefined;
  readonly #listeners = new Set<(e: SipUserAgentEvent) => void>();

  async register(options: { readonly expires: number }) {
    this.log.push(`REGISTER ${options.expires}`);
    if (this.failRegister) throw new Error(this.failRegister);
    return this.gruu !== undefined ? { gruu: this.gruu, expires: options.expires } : { expires: options.expires };
  }

  async publish(options: SipPublishOptions): Promise<SipPublication> {
    this.log.push('PUBLISH');
    this.published.push(options.body);
    const state = { removed: false };
    this.publication = state;
    return {
      update: async (body) => {
        this.log.push('PUBLISH (modify)');
        this.published.push(body);
      },
      remove: async () => {
        this.log.push('PUBLISH (remove)');
        state.removed = true;
      },
    };
  }

  async subscribe(options: SipSubscribeOptions): Promise<SipSubscription> {
    this.log.push(`SUBSCRIBE ${options.event} ${options.target}`);
    if (this.failSubscribe.has(options.event)) throw new Error(`489 Bad Event (${options.event})`);
    const sub: FakeSubscription = {
      options,
      active: true,
      notify: (body, contentType, state = 'active') =>
        options.onNotify({
          body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
          contentType,
          state,
        }),
      terminate: (reason, retryAfter) => {
        sub.active = false;
        options.onTerminated(reason, retryAfter);
      },
    };
    this.subscriptions.push(sub);
    if (this.initialNotify)
      queueMicrotask(() => sub.active && sub.notify(new Uint8Array(0), options.accept?.[0] ?? ''));
    return {
      unsubscribe: async () => {
        this.log.push(`UNSUBSCRIBE ${options.event}`);
        sub.active = false;
      },
    };
  }

  subscription(event: SipSubscribeOptions['event']): FakeSubscription | undefined {
    return this.subscriptions.filter((s) => s.options.event === event && s.active).at(-1);
  }

  onEvent(listener: (e: SipUserAgentEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: SipUserAgentEvent): void {
    for (const l of this.#listeners) l(event);
  }

  async close(): Promise<void> {
    this.log.push('close');
    this.closed = true;
  }
}
