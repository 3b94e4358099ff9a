import type { Clock, TimerHandle } from '../clock/clock.js';
import type { Dialog } from '../dialog/dialog.js';
import type { SipRequest } from '../message/types.js';
import type { ServerTransaction } from '../transaction/server.js';

/** How long an ended dialog's NOTIFYs are still expected: RFC 6665 Timer N (64·T1) after the un-SUBSCRIBE. */
const LINGER_MS = 64 * 500;

/**
 * Dialogs this subscription has un-SUBSCRIBEd. RFC 6665 §4.1.2.3: the notifier answers an un-SUBSCRIBE with a NOTIFY
 * (`terminated`); it is acknowledged with 200, not refused with 481 as a stranger's would be, and reported to nobody.
 */
export class EndingDialogs {
  readonly #clock: Clock;
  readonly #dialogs = new Map<string, { readonly localTag: string; readonly timer: TimerHandle }>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  add(dialog: Dialog): void {
    this.#forget(dialog.callId);
    const timer = this.#clock.setTimeout(() => this.#dialogs.delete(dialog.callId), LINGER_MS);
    this.#dialogs.set(dialog.callId, { localTag: dialog.localTag, timer });
  }

  /** Whether `request` is a NOTIFY in one of these dialogs (headers that do not parse belong to nobody). */
  matches(request: SipRequest): boolean {
    if (this.#dialogs.size === 0 || request.method.toUpperCase() !== 'NOTIFY') return false;
    try {
      const entry = this.#dialogs.get(request.headers.callId());
      return entry !== undefined && request.headers.to().tag === entry.localTag;
    } catch {
      return false;
    }
  }

  /** Acknowledges a NOTIFY that {@link matches}; the terminal one ends the wait. */
  handle(transaction: ServerTransaction): void {
    transaction.respond(200);
    try {
      if (transaction.request.headers.subscriptionState()?.state === 'terminated') {
        this.#forget(transaction.request.headers.callId());
      }
    } catch {
      // A broken Subscription-State changes nothing: the entry lapses on its own.
    }
  }

  #forget(callId: string): void {
    const entry = this.#dialogs.get(callId);
    if (entry === undefined) return;
    this.#clock.clearTimeout(entry.timer);
    this.#dialogs.delete(callId);
  }
}
