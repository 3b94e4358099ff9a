import type { SubscriptionState } from '../header/event.js';

/** What a subscriber does after `terminated` (RFC 6665 §4.1.3). */
export type TerminationAction = { readonly kind: 'resubscribe'; readonly afterMs: number } | { readonly kind: 'stop' };

/** Maps a terminated Subscription-State to the subscriber's next step (RFC 6665 §4.1.3, §4.2.2). */
export function actionForTermination(
  state: Pick<SubscriptionState, 'reason' | 'retryAfter'>,
  probationDefaultMs = 30_000,
): TerminationAction {
  switch (state.reason) {
    // The subscription was ended for a reason that says nothing about a new one: try again at once.
    case 'deactivated':
    case 'timeout':
    case undefined:
      return { kind: 'resubscribe', afterMs: (state.retryAfter ?? 0) * 1000 };
    // "Try again later": after retry-after when given.
    case 'probation':
      return {
        kind: 'resubscribe',
        afterMs: state.retryAfter === undefined ? probationDefaultMs : state.retryAfter * 1000,
      };
    // rejected / noresource / giveup / invariant: a new SUBSCRIBE would fail the same way; report and stop.
    default:
      return { kind: 'stop' };
  }
}
