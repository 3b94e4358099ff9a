import type { AddressBook, Contact, Group, PolicyElement } from './types.js';

// Copy-on-write updates of the three maps. A replaced entry keeps its position (Map.set on an existing key), so
// document order survives edits.

function withEntry<T>(map: ReadonlyMap<string, T>, id: string, value: T): Map<string, T> {
  const next = new Map(map);
  next.set(id, value);
  return next;
}

function withoutEntry<T>(map: ReadonlyMap<string, T>, id: string): Map<string, T> {
  const next = new Map(map);
  next.delete(id);
  return next;
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
  let groups: Map<string, Group> | undefined;
  for (const group of book.groups.values()) {
    if (!group.contactIds.includes(id)) continue;
    groups ??= new Map(book.groups);
    groups.set(group.id, { ...group, contactIds: group.contactIds.filter((c) => c !== id) });
  }
  return { ...book, contacts: withoutEntry(book.contacts, id), groups: groups ?? book.groups };
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
