import type { Availability } from '@simplekit/account';

/** The statuses of the status menu, in Blink's order. */
export const STATUS_CHOICES: readonly Availability[] = ['available', 'away', 'extended-away', 'busy', 'offline'];

const LABELS: Readonly<Record<Availability, string>> = {
  available: 'Available',
  away: 'Away',
  'extended-away': 'Extended away',
  busy: 'Busy',
  offline: 'Offline',
};

export function statusLabel(status: Availability): string {
  return LABELS[status];
}

/** Two letters for an avatar without an icon: the initials of the name, else of the address's user part. */
export function initialsOf(name: string): string {
  // An address stands for its user part: `dave@example.com` is "DA", not "DE".
  const bare = name.replace(/^[a-z]+:/i, '');
  const words = (bare.includes('@') && !bare.includes(' ') ? (bare.split('@')[0] ?? bare) : bare)
    .split(/[\s@._-]+/)
    .filter((w) => w !== '');
  const letters = words.length >= 2 ? `${words[0]?.[0] ?? ''}${words[1]?.[0] ?? ''}` : (words[0] ?? '?').slice(0, 2);
  return letters.toUpperCase();
}

/** A stable hue for an avatar background, from the name. */
export function hueOf(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) % 360;
  return h;
}

/** The address without its scheme, as tiles show it. */
export function displayAddress(uri: string): string {
  return uri.replace(/^sips?:/i, '');
}
