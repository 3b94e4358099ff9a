import type {
  SipNotify,
  SipPublication,
  SipSubscribeOptions,
  SipSubscription,
  SipUserAgentEvent,
  SipUserAgentPort,
} from '../ports/sip.js';
import { healthCodeOf } from '../state/health-code.js';

/*
 * The part of `@simplekit/sip-core`'s `UserAgent` this adapter uses, written out structurally so that tests can
 * drive the adapter with a small stand-in; a sip-core `UserAgent` is assignable to `SipCoreUserAgentLike` (the SIP
 * integration tests pass real ones).
 */

type Off = () => void;

export interface SipCoreNotification {
  readonly state: { readonly state: string; readonly reason?: string; readonly retryAfter?: number };
  readonly contentType?: string;
  readonly body: Uint8Array;
}

export interface SipCorePublicationLike {
  update(body: Uint8Array): Promise<unknown>;
  remove(): Promise<void>;
}

export interface SipCoreSubscriptionLike {
  readonly lastNotification: SipCoreNotification | undefined;
  on(event: 'notify', listener: (notification: SipCoreNotification) => void): Off;
  on(event: 'resubscribing', listener: (reason: string, afterMs: number) => void): Off;
  on(
    event: 'terminated',
    listener: (termination: { readonly reason?: string; readonly retryAfter?: number; readonly error?: Error }) => void,
  ): Off;
  stop(): Promise<void>;
}

export interface SipCoreUserAgentLike {
  register(options?: { expires?: number }): Promise<{
    readonly expires: number;
    readonly pubGruu?: string;
    readonly tempGruu?: string;
  }>;
  publish(
    event: string,
    contentType: string,
    body: string | Uint8Array,
    options?: { expires?: number },
  ): Promise<SipCorePublicationLike>;
  subscribe(
    target: string,
    event: string,
    options?: { accept?: readonly string[]; expires?: number; eventList?: boolean },
  ): Promise<SipCoreSubscriptionLike>;
  on(event: 'disconnected', listener: (error: Error, retryInMs: number) => void): Off;
  on(event: 'reconnected', listener: () => void): Off;
  on(
    event: 'recovered',
    listener: (report: { readonly registered: boolean; readonly failures: readonly Error[] }) => void,
  ): Off;
  on(
    event: 'registered',
    listener: (info: {
      readonly pubGruu?: string;
      readonly tempGruu?: string;
      readonly cause: 'initial' | 'refresh' | 'reconnect';
    }) => void,
  ): Off;
  on(event: 'registrationFailed', listener: (error: Error) => void): Off;
  close(): Promise<void>;
}

const encoder = new TextEncoder();

function notifyOf(n: SipCoreNotification): SipNotify {
  const state = n.state.state === 'active' || n.state.state === 'pending' ? n.state.state : 'terminated';
  return { body: n.body, contentType: n.contentType, state };
}

/** Adapts a sip-core user agent to the engine's `SipUserAgentPort`. */
export function adaptSipCoreUserAgent(ua: SipCoreUserAgentLike): SipUserAgentPort {
  return {
    async register({ expires }) {
      const info = await ua.register({ expires });
      const gruu = info.pubGruu ?? info.tempGruu;
      return gruu !== undefined ? { gruu, expires: info.expires } : { expires: info.expires };
    },
    async publish(options): Promise<SipPublication> {
      const publication = await ua.publish(options.event, options.contentType, options.body, {
        expires: options.expires,
      });
      return {
        update: async (body) => {
          await publication.update(encoder.encode(body));
        },
        remove: () => publication.remove(),
      };
    },
    async subscribe(options: SipSubscribeOptions): Promise<SipSubscription> {
      const subscription = await ua.subscribe(options.target, options.event, {
        expires: options.expires,
        ...(options.accept ? { accept: options.accept } : {}),
        ...(options.eventList ? { eventList: true } : {}),
      });
      // sip-core hands the subscription over once the SUBSCRIBE is accepted; a NOTIFY that came first (RFC 6665
      // §4.1.2.4 allows it) is its `lastNotification`.
      const early = subscription.lastNotification;
      if (early) options.onNotify(notifyOf(early));
      let stopping = false;
      const offs = [
        subscription.on('notify', (n) => options.onNotify(notifyOf(n))),
        subscription.on('resubscribing', () => options.onNewDialog?.()),
        subscription.on('terminated', (t) => {
          for (const off of offs) off();
          if (!stopping) options.onTerminated(t.reason ?? t.error?.message ?? 'terminated', t.retryAfter);
        }),
      ];
      return {
        unsubscribe: async () => {
          stopping = true;
          await subscription.stop();
        },
      };
    },
    onEvent(listener: (event: SipUserAgentEvent) => void) {
      const offs = [
        ua.on('disconnected', (error, retryInMs) =>
          listener({ type: 'disconnected', reason: error.message, retryInMs, code: healthCodeOf(error) }),
        ),
        ua.on('reconnected', () => listener({ type: 'reconnected' })),
        ua.on('recovered', (report) =>
          listener({
            type: 'recovered',
            registered: report.registered,
            failures: report.failures.map((e) => e.message),
          }),
        ),
        ua.on('registered', (info) => {
          const gruu = info.pubGruu ?? info.tempGruu;
          listener({ type: 'registered', cause: info.cause, ...(gruu !== undefined ? { gruu } : {}) });
        }),
        ua.on('registrationFailed', (error) =>
          listener({ type: 'registration-failed', reason: error.message, code: healthCodeOf(error) }),
        ),
      ];
      return () => {
        for (const off of offs) off();
      };
    },
    close: () => ua.close(),
  };
}
