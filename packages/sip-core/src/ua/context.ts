import type { Clock } from '../clock/clock.js';
import type { AddressInit } from '../message/build.js';
import type { TraceSink } from '../trace/trace.js';
import { SipRequestError } from '../transaction/errors.js';
import type { SendsRequests } from '../transaction/request-sender.js';

/** What every client state machine of one account shares; built by `createUserAgent`, or by hand in tests. */
export interface UserContext {
  readonly sender: SendsRequests;
  readonly clock: Clock;
  /** The address of record, `sip:alice@example.com`. */
  readonly aor: string;
  readonly displayName?: string;
  /** Route header values for requests outside a dialog (the outbound proxy as a loose route). */
  readonly outboundRoutes: readonly string[];
  readonly trace: TraceSink;
}

/** When to refresh something that expires in `expires` seconds: halfway for short times, a minute early otherwise. */
export function refreshDelayMs(expires: number): number {
  return Math.max(expires * 500, (expires - 60) * 1000);
}

/** How long to wait before retrying after `error`: the server's Retry-After if it sent one, else `fallbackMs`. */
export function retryDelayMs(error: unknown, fallbackMs = 30_000): number {
  return error instanceof SipRequestError && error.retryAfter !== undefined ? error.retryAfter * 1000 : fallbackMs;
}

/** Our own address for From (and To of REGISTER/PUBLISH): the AoR with the display name, if any. */
export function ownAddress(ctx: UserContext): AddressInit {
  return ctx.displayName === undefined ? { uri: ctx.aor } : { uri: ctx.aor, displayName: ctx.displayName };
}
