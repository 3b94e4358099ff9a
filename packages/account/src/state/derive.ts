import { deepEqual, shareArray } from '../store/sharing.js';
import type {
  AddressBook,
  Availability,
  BlockedEntry,
  Contact,
  ContactEntry,
  ContactPresence,
  PresenceView,
  Watcher,
} from './types.js';

// Which availability wins when a contact has several addresses (or devices): the most reachable one.
const RANK: Readonly<Record<Availability, number>> = {
  available: 0,
  busy: 1,
  away: 2,
  'extended-away': 3,
  offline: 4,
};

export function bestAvailability(values: Iterable<Availability>): Availability {
  let best: Availability = 'offline';
  for (const v of values) if (RANK[v] < RANK[best]) best = v;
  return best;
}

const NO_PRESENCE: ContactPresence = Object.freeze({
  availability: 'offline',
  notes: Object.freeze([]),
  devices: Object.freeze([]),
  byUri: Object.freeze([]),
  pending: false,
});

/** A contact's live presence from the presence of each of its addresses. */
export function contactPresence(
  entry: ContactEntry,
  presence: Readonly<Record<string, PresenceView>>,
): ContactPresence {
  const views: PresenceView[] = [];
  for (const u of entry.uris) {
    const view = presence[u.uri];
    if (view) views.push(view);
  }
  if (views.length === 0) return NO_PRESENCE;
  const notes = [...new Set(views.flatMap((v) => v.notes))];
  const icon = views.find((v) => v.icon !== undefined)?.icon;
  return Object.freeze({
    availability: bestAvailability(views.map((v) => v.availability)),
    notes: Object.freeze(notes),
    ...(icon !== undefined ? { icon } : {}),
    devices: Object.freeze(views.flatMap((v) => v.devices)),
    byUri: Object.freeze(views),
    pending: views.some((v) => v.subscription === 'pending'),
  });
}

/**
 * The contacts with their groups and live presence. A contact whose entry, groups and presence did not change is
 * the very object of `previous`, so a list view re-renders only the tiles that changed.
 */
export function deriveContacts(
  book: AddressBook,
  presence: Readonly<Record<string, PresenceView>>,
  previous: readonly Contact[],
): readonly Contact[] {
  const old = new Map(previous.map((c) => [c.id, c]));
  const groupsOf = new Map<string, string[]>();
  for (const g of book.groups) {
    for (const id of g.contactIds) groupsOf.set(id, [...(groupsOf.get(id) ?? []), g.id]);
  }
  const next = book.contacts.map((entry): Contact => {
    const before = old.get(entry.id);
    const groupIds = groupsOf.get(entry.id) ?? [];
    const live = contactPresence(entry, presence);
    if (before) {
      const { groupIds: bg, live: bl, ...beforeEntry } = before;
      const sameGroups = deepEqual(bg, groupIds);
      const sameLive = deepEqual(bl, live);
      if (sameGroups && sameLive && deepEqual(beforeEntry, entry)) return before;
      return Object.freeze({ ...entry, groupIds: sameGroups ? bg : groupIds, live: sameLive ? bl : live });
    }
    return Object.freeze({ ...entry, groupIds: Object.freeze(groupIds), live });
  });
  return shareArray(previous, next);
}

/**
 * "People watching my presence": active watchers. A watcher under a polite block (RFC 5025 §3.2.1) stays active on
 * the server but sees nothing of us, so it shows under "Blocked" only.
 */
export function deriveWatching(
  watchers: readonly Watcher[],
  blocked: readonly BlockedEntry[],
  previous: readonly Watcher[],
): readonly Watcher[] {
  const blockedUris = new Set(blocked.map((b) => b.uri));
  return shareArray(
    previous,
    watchers.filter((w) => w.status === 'active' && !blockedUris.has(w.uri)),
  );
}
