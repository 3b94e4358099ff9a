import { ContactsDuplicateIdError, ContactsNotFoundError } from '../errors.js';
import { groupData } from '../journal/data.js';
import type { GroupChanges, JournalOp } from '../journal/ops.js';
import type { AddressBook, Group } from '../model/types.js';
import { type BagUpdates, isEmptyChange, minimalBagChanges } from './changes-input.js';
import { requireContact } from './contact.js';
import { type BagInputs, bagsFrom } from './inputs.js';
import { checkId, checkText, commit, newItemId, type OperationResult } from './result.js';

export interface NewGroup extends BagInputs {
  readonly id?: string;
  readonly name: string;
  readonly contactIds?: readonly string[];
}

export interface GroupUpdate extends BagUpdates {
  readonly name?: string;
}

function requireGroup(book: AddressBook, id: string): Group {
  const group = book.groups.get(id);
  if (group === undefined) throw new ContactsNotFoundError('group', id);
  return group;
}

export function addGroup(book: AddressBook, input: NewGroup): OperationResult {
  const id = checkId(input.id ?? newItemId(), 'group');
  if (book.groups.has(id)) throw new ContactsDuplicateIdError('group', id);
  const contactIds = [...new Set(input.contactIds ?? [])];
  for (const contactId of contactIds) requireContact(book, contactId);
  const group: Group = { id, name: checkText(input.name, 'group name'), contactIds, ...bagsFrom(input) };
  return commit(book, [{ op: 'add-group', group: groupData(group) }]);
}

export function updateGroup(book: AddressBook, id: string, update: GroupUpdate): OperationResult {
  const group = requireGroup(book, id);
  const changes: GroupChanges = {
    ...(update.name !== undefined && update.name !== group.name && { name: checkText(update.name, 'group name') }),
    ...minimalBagChanges(group, update),
  };
  if (isEmptyChange(changes)) return { book, ops: [] };
  return commit(book, [{ op: 'update-group', id, changes }]);
}

export function renameGroup(book: AddressBook, id: string, name: string): OperationResult {
  return updateGroup(book, id, { name });
}

/** Removes a group; its contacts stay in the address book. */
export function removeGroup(book: AddressBook, id: string): OperationResult {
  requireGroup(book, id);
  return commit(book, [{ op: 'remove-group', id }]);
}

export function addGroupMember(book: AddressBook, groupId: string, contactId: string): OperationResult {
  const group = requireGroup(book, groupId);
  requireContact(book, contactId);
  if (group.contactIds.includes(contactId)) return { book, ops: [] };
  return commit(book, [{ op: 'add-group-member', groupId, contactId }]);
}

export function removeGroupMember(book: AddressBook, groupId: string, contactId: string): OperationResult {
  const group = requireGroup(book, groupId);
  if (!group.contactIds.includes(contactId)) return { book, ops: [] };
  return commit(book, [{ op: 'remove-group-member', groupId, contactId }]);
}

/** Moves a contact from one group to another (drag and drop): a member removal plus a member addition. */
export function moveContact(
  book: AddressBook,
  contactId: string,
  fromGroupId: string,
  toGroupId: string,
): OperationResult {
  requireContact(book, contactId);
  const from = requireGroup(book, fromGroupId);
  const to = requireGroup(book, toGroupId);
  if (fromGroupId === toGroupId) return { book, ops: [] };
  const ops: JournalOp[] = [];
  if (from.contactIds.includes(contactId)) ops.push({ op: 'remove-group-member', groupId: fromGroupId, contactId });
  if (!to.contactIds.includes(contactId)) ops.push({ op: 'add-group-member', groupId: toGroupId, contactId });
  return commit(book, ops);
}
