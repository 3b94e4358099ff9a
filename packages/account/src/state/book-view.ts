import {
  type Attributes,
  blockedItems,
  type AddressBook as ModelBook,
  pendingWatchers,
  sameAddress,
} from '@simplekit/contacts-model';
import { share, shareArray } from '../store/sharing.js';
import type { AddressBook, BlockedEntry, ContactEntry, GroupEntry, PolicyEntry, Watcher } from './types.js';

function record(bag: Attributes): Readonly<Record<string, string | null>> {
  return Object.freeze(Object.fromEntries(bag.map((a) => [a.name, a.value])));
}

/**
 * The address book as the engine shows it, from contacts-model's book. Entries equal to those of `previous` are
 * the very objects of `previous`.
 */
export function addressBookView(book: ModelBook, previous: AddressBook): AddressBook {
  const oldContacts = new Map(previous.contacts.map((c) => [c.id, c]));
  const contacts = [...book.contacts.values()].map((c) => {
    const entry: ContactEntry = {
      id: c.id,
      name: c.name,
      uris: c.uris.map((u) => ({ id: u.id, uri: u.uri, ...(u.type !== null ? { type: u.type } : {}) })),
      ...(c.defaultUri !== null ? { defaultUri: c.defaultUri } : {}),
      presence: { policy: c.presence.policy, subscribe: c.presence.subscribe },
      dialog: { policy: c.dialog.policy, subscribe: c.dialog.subscribe },
      attributes: record(c.attributes),
    };
    return share(oldContacts.get(c.id), entry);
  });
  const oldGroups = new Map(previous.groups.map((g) => [g.id, g]));
  const groups = [...book.groups.values()].map((g) =>
    share<GroupEntry>(oldGroups.get(g.id), { id: g.id, name: g.name, contactIds: [...g.contactIds] }),
  );
  const oldPolicies = new Map(previous.policies.map((p) => [p.id, p]));
  const policies = [...book.policies.values()].map((p) =>
    share<PolicyEntry>(oldPolicies.get(p.id), {
      id: p.id,
      uri: p.uri,
      ...(p.name !== '' ? { name: p.name } : {}),
      presence: { policy: p.presence.policy, subscribe: p.presence.subscribe },
    }),
  );
  const next: AddressBook = {
    contacts: shareArray(previous.contacts, contacts),
    groups: shareArray(previous.groups, groups),
    policies: shareArray(previous.policies, policies),
  };
  return next.contacts === previous.contacts && next.groups === previous.groups && next.policies === previous.policies
    ? previous
    : Object.freeze(next);
}

/** "Blocked": contacts and policy elements whose presence policy is `block` (contacts-model `blockedItems`). */
export function blockedView(book: ModelBook, previous: readonly BlockedEntry[]): readonly BlockedEntry[] {
  const { contacts, policies } = blockedItems(book);
  const out: BlockedEntry[] = [];
  for (const c of contacts) {
    for (const u of c.uris) {
      if (!out.some((e) => sameAddress(e.uri, u.uri))) out.push({ uri: u.uri, name: c.name, contactId: c.id });
    }
  }
  for (const p of policies) {
    if (!out.some((e) => sameAddress(e.uri, p.uri))) {
      out.push(p.name !== '' ? { uri: p.uri, name: p.name } : { uri: p.uri });
    }
  }
  return share(previous, Object.freeze(out));
}

/**
 * "New Contact Requests": watchers waiting for authorisation (RFC 3857 `pending`/`waiting`) about whom the book
 * holds no decision (contacts-model `pendingWatchers`). Once the user allows or blocks, the entry leaves the group
 * before the server's next watcherinfo says so.
 */
export function requestsView(
  book: ModelBook,
  watchers: readonly Watcher[],
  previous: readonly Watcher[],
): readonly Watcher[] {
  const waiting = watchers.filter((w) => w.status === 'pending' || w.status === 'waiting');
  const undecided = new Set(
    pendingWatchers(
      book,
      waiting.map((w) => w.uri),
    ),
  );
  return shareArray(
    previous,
    waiting.filter((w) => undecided.has(w.uri)),
  );
}
