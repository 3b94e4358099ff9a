import { describe, expect, it } from 'vitest';
import { recordStatus } from './status-history.js';

describe('status history', () => {
  it('keeps the newest combinations first and at most `size`', () => {
    let h = recordStatus([], 'available', '', 1, 2);
    h = recordStatus(h, 'away', 'lunch', 2, 2);
    h = recordStatus(h, 'busy', 'call', 3, 2);
    expect(h).toEqual([
      { status: 'busy', note: 'call', at: 3 },
      { status: 'away', note: 'lunch', at: 2 },
    ]);
  });

  it('moves a repeated combination to the top instead of duplicating it', () => {
    let h = recordStatus([], 'away', 'lunch', 1, 5);
    h = recordStatus(h, 'busy', '', 2, 5);
    h = recordStatus(h, 'away', 'lunch', 3, 5);
    expect(h.map((e) => `${e.status}/${e.note}@${e.at}`)).toEqual(['away/lunch@3', 'busy/@2']);
  });

  it('returns the same history when the combination is already on top, and never records offline', () => {
    const h = recordStatus([], 'away', 'x', 1, 5);
    expect(recordStatus(h, 'away', 'x', 9, 5)).toBe(h);
    expect(recordStatus(h, 'offline', 'gone', 9, 5)).toBe(h);
  });
});
