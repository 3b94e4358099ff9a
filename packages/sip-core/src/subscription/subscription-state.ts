import { parseTokenWithParams } from '../transport/wire-headers.js';

/** RFC 6665 §4.1.3 termination reasons, plus whatever else a notifier sends. */
export type TerminationReason =
  | 'deactivated'
  | 'probation'
  | 'rejected'
  | 'timeout'
  | 'giveup'
  | 'noresource'
  | 'invariant'
  | (string & {});

export interface SubscriptionStateValue {
  readonly state: 'active' | 'pending' | 'terminated' | (string & {});
  readonly expires?: number;
  readonly reason?: TerminationReason;
  readonly retryAfter?: number;
}

/** Parses a Subscription-State value (RFC 6665 §8.2.3). */
export function parseSubscriptionState(value: string): SubscriptionStateValue {
  const { token, params } = parseTokenWithParams(value);
  const number = (name: string): number | undefined => {
    const v = params.get(name);
    return v != null && /^\d{1,10}$/.test(v) ? Number(v) : undefined;
  };
  const expires = number('expires');
  const retryAfter = number('retry-after');
  const reason = params.get('reason')?.toLowerCase();
  return {
    state: token,
    ...(expires === undefined ? {} : { expires }),
    ...(reason == null ? {} : { reason }),
    ...(retryAfter === undefined ? {} : { retryAfter }),
  };
}

/** What a subscriber does after `terminated` (RFC 6665 §4.1.3). */
export type TerminationAction = { readonly kind: 'resubscribe'; readonly afterMs: number } | { readonly kind: 'stop' };

export function actionForTermination(state: SubscriptionStateValue, probationDefaultMs = 30_000): TerminationAction {
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
