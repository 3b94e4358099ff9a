import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionForTermination, parseSubscriptionState } from './subscription-state.js';

describe('Subscription-State (RFC 6665 §8.2.3)', () => {
  it('parses state, expires, reason and retry-after, case-insensitively', () => {
    expect(parseSubscriptionState('Active;Expires=599')).toEqual({ state: 'active', expires: 599 });
    expect(parseSubscriptionState('terminated;reason=Probation;retry-after=30')).toEqual({
      state: 'terminated',
      reason: 'probation',
      retryAfter: 30,
    });
    expect(parseSubscriptionState('pending; expires = 10')).toEqual({ state: 'pending', expires: 10 });
    expect(parseSubscriptionState('terminated;expires=abc')).toEqual({ state: 'terminated' });
  });

  it('maps termination reasons to actions', () => {
    expect(actionForTermination({ state: 'terminated', reason: 'deactivated' })).toEqual({
      kind: 'resubscribe',
      afterMs: 0,
    });
    expect(actionForTermination({ state: 'terminated', reason: 'timeout' })).toEqual({
      kind: 'resubscribe',
      afterMs: 0,
    });
    expect(actionForTermination({ state: 'terminated' })).toEqual({ kind: 'resubscribe', afterMs: 0 });
    expect(actionForTermination({ state: 'terminated', reason: 'probation' }, 5000)).toEqual({
      kind: 'resubscribe',
      afterMs: 5000,
    });
    for (const reason of ['rejected', 'noresource', 'giveup', 'invariant', 'something-new']) {
      expect(actionForTermination({ state: 'terminated', reason })).toEqual({ kind: 'stop' });
    }
  });

  it('never throws on any header value (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (value) => {
        const parsed = parseSubscriptionState(value);
        expect(typeof parsed.state).toBe('string');
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
