/**
 * What the engine needs from a SIP user agent. `@simplekit/sip-core`'s `createUserAgent(...)` (transports,
 * transactions, registration/publication/subscription state machines) is adapted to this shape by
 * `createSipCoreUserAgent`; tests drive a fake. The user agent owns refreshes (REGISTER, PUBLISH with SIP-If-Match,
 * re-SUBSCRIBE) and authentication; the engine owns what to do when something is lost.
 */
export interface SipUserAgentPort {
  registration(options: { readonly expires: number; readonly instanceId: string }): SipRegistrationPort;
  /** RFC 3903 publication of the `presence` event with `application/pidf+xml` bodies. */
  publication(options: { readonly event: 'presence'; readonly expires: number }): SipPublicationPort;
  /** RFC 6665 subscription; `eventlist` adds `Supported: eventlist` (RFC 4662 §4). */
  subscription(options: SipSubscriptionOptions): SipSubscriptionPort;
  /** Connection to the server (or outbound proxy) went down or came back. */
  onConnectionChange(listener: (change: ConnectionChange) => void): () => void;
  close(): Promise<void>;
}

export type ConnectionChange = { readonly up: true } | { readonly up: false; readonly reason: string };

export interface SipRegistrationPort {
  /** Registers (RFC 3261 §10, with `+sip.instance` and `Supported: gruu`); resolves with the GRUU when given. */
  register(): Promise<{ readonly gruu?: string }>;
  unregister(): Promise<void>;
  /** A refresh failed or the registration was terminated by the server. */
  onLost(listener: (reason: string) => void): () => void;
}

export interface SipPublicationPort {
  /** Publishes a new body (initial PUBLISH or modify with SIP-If-Match, RFC 3903 §4.4). */
  publish(body: string, contentType: string): Promise<void>;
  /** Removes the publication (Expires: 0, RFC 3903 §4.5). */
  unpublish(): Promise<void>;
  onLost(listener: (reason: string) => void): () => void;
}

export interface SipSubscriptionOptions {
  readonly target: string;
  readonly event: 'presence' | 'presence.winfo' | 'xcap-diff';
  readonly accept: readonly string[];
  readonly expires: number;
  readonly eventlist?: boolean;
}

export interface SipNotify {
  readonly body: Uint8Array;
  readonly contentType: string | undefined;
  /** RFC 6665 §4.1.3 Subscription-State. */
  readonly state: 'active' | 'pending' | 'terminated';
  readonly reason?: string;
}

export interface SipSubscriptionPort {
  /** Sends the SUBSCRIBE; resolves on a 2xx. A new dialog restarts RLMI versions (RFC 4662 §5.2). */
  subscribe(): Promise<void>;
  /** Re-SUBSCRIBE within the dialog, which makes the notifier send a full state (RFC 6665 §4.2.1.2). */
  refresh(): Promise<void>;
  unsubscribe(): Promise<void>;
  onNotify(listener: (notify: SipNotify) => void): () => void;
  /** The subscription ended without us asking (terminated NOTIFY, failed refresh, lost connection). */
  onTerminated(listener: (reason: string) => void): () => void;
}
