import { presenceRlsUri } from '@simplekit/contacts-model';
import type { AccountConfig } from '../config/config.js';
import type { Clock } from '../host/clock.js';
import type { HostInfo } from '../host/host-info.js';
import { watchIdle } from '../host/idle-watch.js';
import type { SipUserAgentPort } from '../ports/sip.js';
import { IDLE_THRESHOLD_SECONDS, ownPresenceBody } from '../presence/own-document.js';
import type { OwnPresence } from '../state/types.js';
import { SipSession, type SipSessionHooks } from './sip-session.js';

/** How often the host's idle time is looked at. */
const IDLE_POLL_MS = 15_000;

export interface SipWiring extends Omit<SipSessionHooks, 'presenceBody'> {
  readonly ua: SipUserAgentPort;
  readonly config: AccountConfig;
  readonly clock: Clock;
  readonly host: HostInfo;
  readonly instanceId: string;
  /** Our own state as it is now, for each PUBLISH. */
  readonly own: () => OwnPresence;
  readonly note: (context: string, message: string) => void;
}

/**
 * Starts the SIP side of an account: the session (register, publish, subscribe to the RLS list
 * `sip:<user>+presence@<domain>`, winfo and xcap-diff) with a publication body built from own state, host
 * information and the GRUU, and — when the account publishes idle state — the idle watch that republishes when the
 * user goes idle or comes back.
 */
export function startSipSession(w: SipWiring): { session: SipSession; stopIdleWatch: (() => void) | undefined } {
  const session = new SipSession({
    ua: w.ua,
    config: w.config,
    clock: w.clock,
    rlsUri: presenceRlsUri(w.config.address),
    hooks: {
      setHealth: w.setHealth,
      presenceBody: (gruu) =>
        ownPresenceBody({
          config: w.config,
          own: w.own(),
          host: w.host,
          instanceId: w.instanceId,
          ...(gruu !== undefined ? { gruu } : {}),
          now: w.clock.now(),
        }),
      rlsServiceReady: w.rlsServiceReady,
      onPresenceNotify: w.onPresenceNotify,
      onPresenceNewDialog: w.onPresenceNewDialog,
      onWatcherInfoNotify: w.onWatcherInfoNotify,
      onWatcherInfoNewDialog: w.onWatcherInfoNewDialog,
      onReconnected: w.onReconnected,
      problem: w.problem,
    },
  });
  session.start();
  const stopIdleWatch = w.config.switches.publishIdle
    ? watchIdle({
        clock: w.clock,
        host: w.host,
        thresholdSeconds: IDLE_THRESHOLD_SECONDS,
        pollMs: IDLE_POLL_MS,
        onChange: (idle) => {
          w.note('idle', idle ? 'the user is idle' : 'the user is back');
          session.republish();
        },
      })
    : undefined;
  return { session, stopIdleWatch };
}
