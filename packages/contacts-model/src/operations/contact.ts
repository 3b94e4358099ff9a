import { ContactsDuplicateIdError, ContactsInvalidError, ContactsNotFoundError } from '../errors.js';
import { contactData } from '../journal/data.js';
import type { ContactChanges } from '../journal/ops.js';
import type { AddressBook, Contact, ContactUri } from '../model/types.js';
import {
  type BagUpdates,
  type HandlingUpdates,
  isEmptyChange,
  minimalBagChanges,
  minimalHandlingChanges,
} from './changes-input.js';
import { type BagInputs, bagsFrom, type HandlingInput, handlingFrom } from './inputs.js';
import { checkId, checkText, checkUri, commit, newItemId, type OperationResult } from './result.js';

export interface NewContactUri extends BagInputs {
  readonly id?: string;
  readonly uri: string;
  /** As Blink's UI names it: `SIP`, `XMPP`, `Tel`, …; `null` or absent for none. */
  readonly type?: string | null;
}

export interface NewContact extends BagInputs {
  readonly id?: string;
  readonly name: string;
  readonly uris?: readonly NewContactUri[];
  /** Id of the default URI, or `'first'` for the first of `uris`. */
  readonly defaultUri?: string | null;
  readonly presence?: HandlingInput;
  readonly dialog?: HandlingInput;
}

export interface ContactUpdate extends BagUpdates, HandlingUpdates {
  readonly name?: string;
  readonly defaultUri?: string | null;
}

export function contactUriFrom(input: NewContactUri): ContactUri {
  return {
    id: checkId(input.id ?? newItemId(), 'URI'),
    uri: checkUri(input.uri, 'contact'),
    type: input.type == null ? null : checkText(input.type, 'URI type'),
    ...bagsFrom(input),
  };
}

/** Adds a contact (and its URIs). Throws `CONTACTS_DUPLICATE_ID` when the id is taken. */
export function addContact(book: AddressBook, input: NewContact): OperationResult {
  const id = checkId(input.id ?? newItemId(), 'contact');
  if (book.contacts.has(id)) throw new ContactsDuplicateIdError('contact', id);
  const uris = (input.uris ?? []).map(contactUriFrom);
  if (new Set(uris.map((u) => u.id)).size !== uris.length) throw new ContactsInvalidError('duplicate URI ids');
  const defaultUri = input.defaultUri === 'first' ? (uris[0]?.id ?? null) : (input.defaultUri ?? null);
  const contact: Contact = {
    id,
    name: checkText(input.name, 'contact name'),
    uris,
    defaultUri,
    presence: handlingFrom(input.presence, 'contact presence'),
    dialog: handlingFrom(input.dialog, 'contact dialog'),
    ...bagsFrom(input),
  };
  return commit(book, [{ op: 'add-contact', contact: contactData(contact) }]);
}

export function requireContact(book: AddressBook, id: string): Contact {
  const contact = book.contacts.get(id);
  if (contact === undefined) throw new ContactsNotFoundError('contact', id);
  return contact;
}

/** Changes name, default URI, presence/dialog handling or attributes; the journal gets only what changed. */
export function updateContact(book: AddressBook, id: string, update: ContactUpdate): OperationResult {
  const contact = requireContact(book, id);
  const changes: ContactChanges = {
    ...(update.name !== undefined && update.name !== contact.name && { name: checkText(update.name, 'contact name') }),
    ...(update.defaultUri !== undefined &&
      update.defaultUri !== contact.defaultUri && { defaultUri: update.defaultUri }),
    ...minimalHandlingChanges(contact, update, 'contact'),
    ...minimalBagChanges(contact, update),
  };
  if (isEmptyChange(changes)) return { book, ops: [] };
  return commit(book, [{ op: 'update-contact', id, changes }]);
}

/** Renames a contact. */
export function renameContact(book: AddressBook, id: string, name: string): OperationResult {
  return updateContact(book, id, { name });
}

/** Removes a contact and its membership in every group. */
export function removeContact(book: AddressBook, id: string): OperationResult {
  requireContact(book, id);
  return commit(book, [{ op: 'remove-contact', id }]);
}
