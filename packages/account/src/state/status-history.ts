import type { Availability, StatusHistoryEntry } from './types.js';

/**
 * The last `size` distinct status + note combinations, newest first, as Blink's status menu offers them. Picking a
 * combination again moves it to the top instead of duplicating it; `offline` is never remembered (it is not a
 * status one would pick again from the history).
 */
export function recordStatus(
  history: readonly StatusHistoryEntry[],
  status: Availability,
  note: string,
  at: number,
  size: number,
): readonly StatusHistoryEntry[] {
  if (status === 'offline') return history;
  const first = history[0];
  if (first && first.status === status && first.note === note) return history;
  const rest = history.filter((e) => !(e.status === status && e.note === note));
  return Object.freeze([Object.freeze({ status, note, at }), ...rest].slice(0, size));
}
