import { carryIndex } from '../derive/index-cache.js';
import { dropContact, dropGroup, dropPolicy, putContact, putGroup, putPolicy } from '../model/book.js';
import type { AddressBook, Contact } from '../model/types.js';
import { changeContact, changeGroup, changePolicy, changeUri } from './changes.js';
import type { JournalOp } from './ops.js';

/**
 * What replaying one operation did: `applied` changed the book; `unchanged` found the book already as the operation
 * wants it; `missing` found no target (contact, URI, group, policy element) and did nothing; `exists` found an item
 * with the added id already there and kept that item.
 */
export type ApplyOutcome = 'applied' | 'unchanged' | 'missing' | 'exists';

export interface ApplyResult {
  readonly book: AddressBook;
  readonly outcome: ApplyOutcome;
}

function result(before: AddressBook, after: AddressBook): ApplyResult {
  return { book: after, outcome: after === before ? 'unchanged' : 'applied' };
}

function onContact(book: AddressBook, id: string, change: (contact: Contact) => Contact): ApplyResult {
  const contact = book.contacts.get(id);
  if (contact === undefined) return { book, outcome: 'missing' };
  const next = change(contact);
  return next === contact ? { book, outcome: 'unchanged' } : { book: putContact(book, next), outcome: 'applied' };
}

/** The contacts and policy elements whose derived contribution an operation may change. */
function affected(op: JournalOp): { contacts: string[]; policies: string[] } {
  switch (op.op) {
    case 'add-contact':
      return { contacts: [op.contact.id], policies: [] };
    case 'update-contact':
    case 'remove-contact':
      return { contacts: [op.id], policies: [] };
    case 'add-uri':
    case 'update-uri':
    case 'remove-uri':
      return { contacts: [op.contactId], policies: [] };
    case 'add-policy':
      return { contacts: [], policies: [op.policy.id] };
    case 'update-policy':
    case 'remove-policy':
      return { contacts: [], policies: [op.id] };
    default:
      return { contacts: [], policies: [] };
  }
}

/**
 * Replays one journal operation leniently, the way a journal is replayed on a freshly fetched document: a target
 * that no longer exists makes the operation a no-op (reported as `missing`), never an error.
 */
export function applyOp(book: AddressBook, op: JournalOp): ApplyResult {
  const result = replay(book, op);
  if (result.book !== book) carryIndex(book, result.book, affected(op));
  return result;
}

function replay(book: AddressBook, op: JournalOp): ApplyResult {
  switch (op.op) {
    case 'add-contact': {
      if (book.contacts.has(op.contact.id)) return { book, outcome: 'exists' };
      return result(book, putContact(book, op.contact));
    }
    case 'update-contact':
      return onContact(book, op.id, (c) => changeContact(c, op.changes));
    case 'remove-contact':
      return book.contacts.has(op.id) ? result(book, dropContact(book, op.id)) : { book, outcome: 'missing' };
    case 'add-uri': {
      const contact = book.contacts.get(op.contactId);
      if (contact === undefined) return { book, outcome: 'missing' };
      if (contact.uris.some((u) => u.id === op.uri.id)) return { book, outcome: 'exists' };
      return result(book, putContact(book, { ...contact, uris: [...contact.uris, op.uri] }));
    }
    case 'update-uri': {
      const contact = book.contacts.get(op.contactId);
      const index = contact?.uris.findIndex((u) => u.id === op.id) ?? -1;
      const uri = contact?.uris[index];
      if (contact === undefined || uri === undefined) return { book, outcome: 'missing' };
      const next = changeUri(uri, op.changes);
      if (next === uri) return { book, outcome: 'unchanged' };
      const uris = contact.uris.map((u, i) => (i === index ? next : u));
      return result(book, putContact(book, { ...contact, uris }));
    }
    case 'remove-uri': {
      const contact = book.contacts.get(op.contactId);
      if (contact === undefined || !contact.uris.some((u) => u.id === op.id)) return { book, outcome: 'missing' };
      return result(book, putContact(book, { ...contact, uris: contact.uris.filter((u) => u.id !== op.id) }));
    }
    case 'add-group':
      if (book.groups.has(op.group.id)) return { book, outcome: 'exists' };
      return result(book, putGroup(book, op.group));
    case 'update-group': {
      const group = book.groups.get(op.id);
      if (group === undefined) return { book, outcome: 'missing' };
      const next = changeGroup(group, op.changes);
      return next === group ? { book, outcome: 'unchanged' } : result(book, putGroup(book, next));
    }
    case 'remove-group':
      return book.groups.has(op.id) ? result(book, dropGroup(book, op.id)) : { book, outcome: 'missing' };
    case 'add-group-member': {
      const group = book.groups.get(op.groupId);
      if (group === undefined || !book.contacts.has(op.contactId)) return { book, outcome: 'missing' };
      if (group.contactIds.includes(op.contactId)) return { book, outcome: 'unchanged' };
      return result(book, putGroup(book, { ...group, contactIds: [...group.contactIds, op.contactId] }));
    }
    case 'remove-group-member': {
      const group = book.groups.get(op.groupId);
      if (group === undefined) return { book, outcome: 'missing' };
      if (!group.contactIds.includes(op.contactId)) return { book, outcome: 'unchanged' };
      return result(book, putGroup(book, { ...group, contactIds: group.contactIds.filter((c) => c !== op.contactId) }));
    }
    case 'add-policy':
      if (book.policies.has(op.policy.id)) return { book, outcome: 'exists' };
      return result(book, putPolicy(book, op.policy));
    case 'update-policy': {
      const policy = book.policies.get(op.id);
      if (policy === undefined) return { book, outcome: 'missing' };
      const next = changePolicy(policy, op.changes);
      return next === policy ? { book, outcome: 'unchanged' } : result(book, putPolicy(book, next));
    }
    case 'remove-policy':
      return book.policies.has(op.id) ? result(book, dropPolicy(book, op.id)) : { book, outcome: 'missing' };
  }
}

/** Replays a whole journal in order; see {@link applyOp}. */
export function applyJournal(book: AddressBook, ops: readonly JournalOp[]): AddressBook {
  let current = book;
  for (const op of ops) current = applyOp(current, op).book;
  return current;
}
