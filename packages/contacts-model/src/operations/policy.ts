import { ContactsDuplicateIdError, ContactsNotFoundError } from '../errors.js';
import { policyData } from '../journal/data.js';
import type { PolicyChanges } from '../journal/ops.js';
import type { AddressBook, PolicyElement } from '../model/types.js';
import {
  type BagUpdates,
  type HandlingUpdates,
  isEmptyChange,
  minimalBagChanges,
  minimalHandlingChanges,
} from './changes-input.js';
import { type BagInputs, bagsFrom, type HandlingInput, handlingFrom } from './inputs.js';
import { checkId, checkText, checkUri, commit, newItemId, type OperationResult } from './result.js';

export interface NewPolicy extends BagInputs {
  readonly id?: string;
  readonly uri: string;
  readonly name?: string;
  readonly presence?: HandlingInput;
  readonly dialog?: HandlingInput;
}

export interface PolicyUpdate extends BagUpdates, HandlingUpdates {
  readonly uri?: string;
  readonly name?: string;
}

export function requirePolicy(book: AddressBook, id: string): PolicyElement {
  const policy = book.policies.get(id);
  if (policy === undefined) throw new ContactsNotFoundError('policy element', id);
  return policy;
}

/** Adds a `<policy-element>` for an address that is not a contact. */
export function addPolicy(book: AddressBook, input: NewPolicy): OperationResult {
  const id = checkId(input.id ?? newItemId(), 'policy element');
  if (book.policies.has(id)) throw new ContactsDuplicateIdError('policy element', id);
  const policy: PolicyElement = {
    id,
    uri: checkUri(input.uri, 'policy element'),
    name: checkText(input.name ?? '', 'policy element name'),
    presence: handlingFrom(input.presence, 'policy element presence'),
    dialog: handlingFrom(input.dialog, 'policy element dialog'),
    ...bagsFrom(input),
  };
  return commit(book, [{ op: 'add-policy', policy: policyData(policy) }]);
}

export function updatePolicy(book: AddressBook, id: string, update: PolicyUpdate): OperationResult {
  const policy = requirePolicy(book, id);
  const changes: PolicyChanges = {
    ...(update.uri !== undefined && update.uri !== policy.uri && { uri: checkUri(update.uri, 'policy element') }),
    ...(update.name !== undefined &&
      update.name !== policy.name && { name: checkText(update.name, 'policy element name') }),
    ...minimalHandlingChanges(policy, update, 'policy element'),
    ...minimalBagChanges(policy, update),
  };
  if (isEmptyChange(changes)) return { book, ops: [] };
  return commit(book, [{ op: 'update-policy', id, changes }]);
}

export function removePolicy(book: AddressBook, id: string): OperationResult {
  requirePolicy(book, id);
  return commit(book, [{ op: 'remove-policy', id }]);
}
