import { describe, expect, it } from 'vitest';
import { actionForTermination } from './subscription-state.js';

describe('what to do after terminated (RFC 6665 §4.1.3)', () => {
  it('maps termination reasons to actions', () => {
    expect(actionForTermination({ reason: 'deactivated' })).toEqual({
      kind: 'resubscribe',
      afterMs: 0,
    });
    expect(actionForTermination({ reason: 'timeout' })).toEqual({
      kind: 'resubscribe',
      afterMs: 0,
    });
    expect(actionForTermination({})).toEqual({ kind: 'resubscribe', afterMs: 0 });
    expect(actionForTermination({ reason: 'probation' }, 5000)).toEqual({
      kind: 'resubscribe',
      afterMs: 5000,
    });
    for (const reason of ['rejected', 'noresource', 'giveup', 'invariant', 'something-new']) {
      expect(actionForTermination({ reason })).toEqual({ kind: 'stop' });
    }
  });
});
