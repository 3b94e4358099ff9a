import type { Availability, Contact } from '@simplekit/account';
import { statusLabel } from './status.js';

/** Blink rotates a tile's notes (and a pending authorisation) every 10 seconds. */
export const NOTE_ROTATION_MS = 10_000;

/** What a contact's second line cycles through: its notes, then "waiting for authorisation" while pending. */
export function tileLines(contact: Pick<Contact, 'live'>): readonly string[] {
  const lines = contact.live.notes.filter((n) => n.trim() !== '');
  return contact.live.pending ? [...lines, 'Waiting for authorisation'] : lines;
}

/** The line shown at rotation step `tick`, or the status word when there is nothing to say. */
export function lineAt(lines: readonly string[], tick: number, availability: Availability): string {
  if (lines.length === 0) return statusLabel(availability);
  return lines[((tick % lines.length) + lines.length) % lines.length] ?? '';
}
