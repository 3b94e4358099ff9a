import { describe, expect, it } from 'vitest';
import { displayAddress, hueOf, initialsOf, statusLabel } from './status.js';

describe('status words and avatars', () => {
  it('labels every status', () => {
    expect(['available', 'away', 'extended-away', 'busy', 'offline'].map((s) => statusLabel(s as never))).toEqual([
      'Available',
      'Away',
      'Extended away',
      'Busy',
      'Offline',
    ]);
  });

  it('takes initials from a name, or from the user part of an address', () => {
    expect(initialsOf('Dave Lister')).toBe('DL');
    expect(initialsOf('dave@simplekit.test')).toBe('DA');
    expect(initialsOf('sip:carol.d@example.com')).toBe('CD');
    expect(initialsOf('')).toBe('?');
  });

  it('gives a name a stable hue and shows addresses without their scheme', () => {
    expect(hueOf('Dave')).toBe(hueOf('Dave'));
    expect(hueOf('Dave')).toBeGreaterThanOrEqual(0);
    expect(hueOf('Dave')).toBeLessThan(360);
    expect(displayAddress('sips:bob@example.com')).toBe('bob@example.com');
  });
});
