import { describe, expect, it } from 'vitest';
import { contact } from '../../test-support/snapshot.js';
import { lineAt, NOTE_ROTATION_MS, tileLines } from './rotation.js';

describe('note rotation', () => {
  it("rotates every 10 seconds by default, as Blink's tiles do", () => {
    expect(NOTE_ROTATION_MS).toBe(10_000);
  });

  it('cycles through the lines, one per tick', () => {
    const lines = ['at lunch', 'on the phone', 'Waiting for authorisation'];
    expect([0, 1, 2, 3, 4].map((t) => lineAt(lines, t, 'away'))).toEqual([
      'at lunch',
      'on the phone',
      'Waiting for authorisation',
      'at lunch',
      'on the phone',
    ]);
  });

  it('shows the status word when there is no note', () => {
    expect(lineAt([], 3, 'extended-away')).toBe('Extended away');
  });

  it('adds a pending authorisation to the notes and skips empty notes', () => {
    expect(tileLines(contact('bob', 'Bob', { notes: ['busy day', ' '], pending: true }))).toEqual([
      'busy day',
      'Waiting for authorisation',
    ]);
    expect(tileLines(contact('bob', 'Bob', { notes: ['one'] }))).toEqual(['one']);
  });
});
