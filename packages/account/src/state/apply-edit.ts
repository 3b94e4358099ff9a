import type { AddressBookEdit } from './edits.js';
import type { AddressBook, ContactEntry, GroupEntry, PolicyEntry } from './types.js';

/**
 * Applies one edit to the address book view. Idempotent: applying an edit twice gives what applying it once gave
 * (adding an existing contact updates it, removing a missing one does nothing), which is what journal replay after
 * a crash or a 412 relies on. Used for accounts kept locally (`xcapStorage: false`); with XCAP storage the edit is
 * applied to the documents by the address-book model and this view is derived from them.
 */
export function applyEdit(book: AddressBook, edit: AddressBookEdit): AddressBook {
  switch (edit.op) {
    case 'addContact': {
      const contact: ContactEntry = Object.freeze({
        id: edit.id,
        name: edit.name,
        uris: Object.freeze([...edit.uris]),
        ...(edit.defaultUri !== undefined ? { defaultUri: edit.defaultUri } : {}),
        presence: edit.presence,
        dialog: Object.freeze({ policy: 'default', subscribe: false }),
        attributes: Object.freeze({}),
      });
      const contacts = upsert(book.contacts, contact);
      // A contact's own policy supersedes a policy element for one of its addresses (Blink keeps one of them).
      const uris = new Set(contact.uris.map((u) => u.uri));
      const policies = book.policies.filter((p) => !uris.has(p.uri));
      let groups = book.groups;
      for (const groupId of edit.groupIds) groups = setMember(groups, groupId, edit.id, true);
      return { contacts, groups, policies: policies.length === book.policies.length ? book.policies : policies };
    }
    case 'updateContact': {
      const before = book.contacts.find((c) => c.id === edit.id);
      if (!before) return book;
      const after: ContactEntry = Object.freeze({
        ...before,
        ...(edit.name !== undefined ? { name: edit.name } : {}),
        ...(edit.uris !== undefined ? { uris: Object.freeze([...edit.uris]) } : {}),
        ...(edit.defaultUri !== undefined ? { defaultUri: edit.defaultUri } : {}),
        presence: edit.presence ? Object.freeze({ ...before.presence, ...edit.presence }) : before.presence,
        attributes: edit.attributes ? Object.freeze({ ...before.attributes, ...edit.attributes }) : before.attributes,
      });
      return { ...book, contacts: upsert(book.contacts, after) };
    }
    case 'removeContact': {
      if (!book.contacts.some((c) => c.id === edit.id)) return book;
      return {
        ...book,
        contacts: book.contacts.filter((c) => c.id !== edit.id),
        groups: book.groups.map((g) =>
          g.contactIds.includes(edit.id) ? { ...g, contactIds: g.contactIds.filter((id) => id !== edit.id) } : g,
        ),
      };
    }
    case 'addGroup': {
      const before = book.groups.find((g) => g.id === edit.id);
      const group: GroupEntry = { id: edit.id, name: edit.name, contactIds: before?.contactIds ?? [] };
      return { ...book, groups: upsert(book.groups, group) };
    }
    case 'renameGroup': {
      const before = book.groups.find((g) => g.id === edit.id);
      if (!before || before.name === edit.name) return book;
      return { ...book, groups: upsert(book.groups, { ...before, name: edit.name }) };
    }
    case 'removeGroup':
      return book.groups.some((g) => g.id === edit.id)
        ? { ...book, groups: book.groups.filter((g) => g.id !== edit.id) }
        : book;
    case 'setGroupMember': {
      if (edit.member && !book.contacts.some((c) => c.id === edit.contactId)) return book;
      const groups = setMember(book.groups, edit.groupId, edit.contactId, edit.member);
      return groups === book.groups ? book : { ...book, groups };
    }
    case 'setPolicy':
      return setPolicy(book, edit.uri, edit.policy, edit.name);
  }
}

function upsert<T extends { readonly id: string }>(items: readonly T[], item: T): readonly T[] {
  const i = items.findIndex((x) => x.id === item.id);
  if (i < 0) return [...items, item];
  const copy = [...items];
  copy[i] = item;
  return copy;
}

function setMember(groups: readonly GroupEntry[], groupId: string, contactId: string, member: boolean) {
  const group = groups.find((g) => g.id === groupId);
  if (!group || group.contactIds.includes(contactId) === member) return groups;
  const contactIds = member ? [...group.contactIds, contactId] : group.contactIds.filter((id) => id !== contactId);
  return upsert(groups, { ...group, contactIds });
}

/** A watcher decision: on the contact that has the address when there is one, else on a policy element. */
function setPolicy(book: AddressBook, uri: string, policy: PolicyEntry['presence']['policy'], name?: string) {
  const contact = book.contacts.find((c) => c.uris.some((u) => u.uri === uri));
  if (contact) {
    if (contact.presence.policy === policy) return book;
    const after = { ...contact, presence: { ...contact.presence, policy } };
    return { ...book, contacts: upsert(book.contacts, after) };
  }
  const existing = book.policies.find((p) => p.uri === uri);
  if (policy === 'default') {
    return existing ? { ...book, policies: book.policies.filter((p) => p.uri !== uri) } : book;
  }
  if (existing?.presence.policy === policy) return book;
  const entry: PolicyEntry = {
    id: existing?.id ?? policyId(uri),
    uri,
    ...(name !== undefined ? { name } : existing?.name !== undefined ? { name: existing.name } : {}),
    presence: { policy, subscribe: false },
  };
  return { ...book, policies: upsert(book.policies, entry) };
}

/** A policy element id derived from the URI, so two devices blocking the same watcher write the same element. */
export function policyId(uri: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < uri.length; i += 1) h = Math.imul(h ^ uri.charCodeAt(i), 0x01000193) >>> 0;
  return `policy-${h.toString(16).padStart(8, '0')}`;
}
