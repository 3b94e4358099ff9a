import { PersistentMap } from './persistent-map.js';
import type { AddressBook, Contact, Group, PolicyElement } from './types.js';

// Copy-on-write updates of the three maps through PersistentMap, so one edit costs far less than a copy of 10,000
// entries. A replaced entry keeps its position, so document order survives edits.

function withEntry<T>(map: ReadonlyMap<string, T>, id: string, value: T): ReadonlyMap<string, T> {
  return PersistentMap.from(map).with(id, value);
}

function withoutEntry<T>(map: ReadonlyMap<string, T>, id: string): ReadonlyMap<string, T> {
  return PersistentMap.from(map).without(id);
}

export function putContact(book: AddressBook, contact: Contact): AddressBook {
  return { ...book, contacts: withEntry(book.contacts, contact.id, contact) };
}

export function putGroup(book: AddressBook, group: Group): AddressBook {
  return { ...book, groups: withEntry(book.groups, group.id, group) };
}

export function putPolicy(book: AddressBook, policy: PolicyElement): AddressBook {
  return { ...book, policies: withEntry(book.policies, policy.id, policy) };
}

/** Removes a contact and, as Blink does, its id from every group. */
export function dropContact(book: AddressBook, id: string): AddressBook {
  let groups = PersistentMap.from(book.groups);
  for (const group of book.groups.values()) {
    if (!group.contactIds.includes(id)) continue;
    groups = groups.with(group.id, { ...group, contactIds: group.contactIds.filter((c) => c !== id) });
  }
  return { ...book, contacts: withoutEntry(book.contacts, id), groups };
}

export function dropGroup(book: AddressBook, id: string): AddressBook {
  return { ...book, groups: withoutEntry(book.groups, id) };
}

export function dropPolicy(book: AddressBook, id: string): AddressBook {
  return { ...book, policies: withoutEntry(book.policies, id) };
}

/** Contacts that have `uri` among their URIs, in document order. */
export function contactsWithUri(book: AddressBook, uri: string): Contact[] {
  const out: Contact[] = [];
  for (const contact of book.contacts.values()) {
    if (contact.uris.some((u) => u.uri === uri)) out.push(contact);
  }
  return out;
}

/** Policy elements for `uri`, in document order. */
export function policiesWithUri(book: AddressBook, uri: string): PolicyElement[] {
  const out: PolicyElement[] = [];
  for (const policy of book.policies.values()) if (policy.uri === uri) out.push(policy);
  return out;
}
