import type { HealthCode } from '../state/health-code.js';

/**
 * What the engine needs from a SIP user agent, shaped after `@simplekit/sip-core`'s `UserAgent` (which registers,
 * publishes and subscribes, authenticates, reconnects after a loss and restores all three by itself). An adapter
 * turns a sip-core user agent into this port; tests drive a fake. The engine owns what the user sees: health,
 * GRUU, the publication body, and what to do with each NOTIFY.
 */
export interface SipUserAgentPort {
  /** REGISTER with `+sip.instance` and `Supported: gruu` (RFC 5626, RFC 5627); kept registered until closed. */
  register(options: { readonly expires: number }): Promise<SipRegistration>;
  /** RFC 3903 PUBLISH; the publication refreshes itself until removed. */
  publish(options: SipPublishOptions): Promise<SipPublication>;
  /**
   * RFC 6665 SUBSCRIBE. Listeners are given up front because a NOTIFY may arrive before the 2xx (RFC 6665
   * §4.1.2.4); resolves once the SUBSCRIBE is accepted.
   */
  subscribe(options: SipSubscribeOptions): Promise<SipSubscription>;
  /** Connection and recovery events. */
  onEvent(listener: (event: SipUserAgentEvent) => void): () => void;
  /** Unsubscribes, unpublishes, unregisters and closes the connection. */
  close(): Promise<void>;
}

export interface SipRegistration {
  /** RFC 5627 public GRUU, else the temporary one. */
  readonly gruu?: string;
  readonly expires: number;
}

export type SipUserAgentEvent =
  | {
      readonly type: 'disconnected';
      readonly reason: string;
      readonly retryInMs: number;
      /** Why, when the user agent knows (see `HealthCode`). */
      readonly code?: HealthCode;
    }
  | { readonly type: 'reconnected' }
  /** After a reconnect: what could be restored. */
  | { readonly type: 'recovered'; readonly registered: boolean; readonly failures: readonly string[] }
  | { readonly type: 'registered'; readonly gruu?: string; readonly cause: 'initial' | 'refresh' | 'reconnect' }
  | { readonly type: 'registration-failed'; readonly reason: string; readonly code?: HealthCode };

export interface SipPublishOptions {
  readonly event: 'presence';
  readonly contentType: string;
  readonly body: string;
  readonly expires: number;
}

export interface SipPublication {
  /** Modifies the published state (RFC 3903 §4.4, with SIP-If-Match). */
  update(body: string): Promise<void>;
  /** Removes it (RFC 3903 §4.5, Expires: 0). */
  remove(): Promise<void>;
}

export interface SipNotify {
  readonly body: Uint8Array;
  readonly contentType: string | undefined;
  /** RFC 6665 §4.1.3 Subscription-State. */
  readonly state: 'active' | 'pending' | 'terminated';
}

export interface SipSubscribeOptions {
  readonly target: string;
  readonly event: 'presence' | 'presence.winfo' | 'xcap-diff';
  readonly accept?: readonly string[];
  readonly expires: number;
  /** RFC 4662 §4: `Supported: eventlist`. */
  readonly eventList?: boolean;
  readonly onNotify: (notify: SipNotify) => void;
  /** A new dialog replaces the old one (resubscription after `deactivated`, a reconnect): RLMI versions restart. */
  readonly onNewDialog?: () => void;
  /** The subscription ended without us asking; `retryAfter` in seconds when the notifier said so. */
  readonly onTerminated: (reason: string, retryAfter?: number) => void;
}

export interface SipSubscription {
  unsubscribe(): Promise<void>;
}
