import { deepEqual, share, shareArray } from '../store/sharing.js';
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

/** Every address whose presence policy is `block`: contacts first, then policies for non-contacts. */
export function deriveBlocked(book: AddressBook, previous: readonly BlockedEntry[]): readonly BlockedEntry[] {
  const out: BlockedEntry[] = [];
  const seen = new Set<string>();
  for (const c of book.contacts) {
    if (c.presence.policy !== 'block') continue;
    for (const u of c.uris) {
      if (seen.has(u.uri)) continue;
      seen.add(u.uri);
      out.push({ uri: u.uri, name: c.name, contactId: c.id });
    }
  }
  for (const p of book.policies) {
    if (p.presence.policy !== 'block' || seen.has(p.uri)) continue;
    seen.add(p.uri);
    out.push(p.name !== undefined ? { uri: p.uri, name: p.name } : { uri: p.uri });
  }
  return share(previous, Object.freeze(out));
}

/** The decision the address book holds for a watcher's address, if any. */
export function policyFor(book: AddressBook, uri: string): 'allow' | 'block' | undefined {
  for (const c of book.contacts) {
    if (c.presence.policy !== 'default' && c.uris.some((u) => u.uri === uri)) return c.presence.policy;
  }
  for (const p of book.policies) if (p.uri === uri && p.presence.policy !== 'default') return p.presence.policy;
  return undefined;
}

/**
 * "New Contact Requests": watchers waiting for authorisation (RFC 3857 `pending`/`waiting`) about whom the address
 * book holds no decision yet. Once the user allows or blocks, the entry leaves the group before the server's next
 * watcherinfo says so.
 */
export function deriveRequests(book: AddressBook, watchers: readonly Watcher[], previous: readonly Watcher[]) {
  const next = watchers.filter(
    (w) => (w.status === 'pending' || w.status === 'waiting') && policyFor(book, w.uri) === undefined,
  );
  return shareArray(previous, next);
}

/** "People watching my presence": active watchers. */
export function deriveWatching(watchers: readonly Watcher[], previous: readonly Watcher[]): readonly Watcher[] {
  return shareArray(
    previous,
    watchers.filter((w) => w.status === 'active'),
  );
}
