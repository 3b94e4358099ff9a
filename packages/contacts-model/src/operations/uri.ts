import { ContactsDuplicateIdError, ContactsNotFoundError } from '../errors.js';
import { uriData } from '../journal/data.js';
import type { ContactUriChanges } from '../journal/ops.js';
import type { AddressBook } from '../model/types.js';
import { type BagUpdates, isEmptyChange, minimalBagChanges } from './changes-input.js';
import { contactUriFrom, type NewContactUri, requireContact } from './contact.js';
import { checkText, checkUri, commit, type OperationResult } from './result.js';

export interface ContactUriUpdate extends BagUpdates {
  readonly uri?: string;
  readonly type?: string | null;
}

/** Adds a URI to a contact; `makeDefault` also points `<uris default>` at it. */
export function addContactUri(
  book: AddressBook,
  contactId: string,
  input: NewContactUri,
  options: { makeDefault?: boolean } = {},
): OperationResult {
  const contact = requireContact(book, contactId);
  const uri = contactUriFrom(input);
  if (contact.uris.some((u) => u.id === uri.id)) throw new ContactsDuplicateIdError('URI', uri.id);
  const ops = [{ op: 'add-uri' as const, contactId, uri: uriData(uri) }];
  if (options.makeDefault === true && contact.defaultUri !== uri.id) {
    return commit(book, [...ops, { op: 'update-contact', id: contactId, changes: { defaultUri: uri.id } }]);
  }
  return commit(book, ops);
}

export function updateContactUri(
  book: AddressBook,
  contactId: string,
  uriId: string,
  update: ContactUriUpdate,
): OperationResult {
  const contact = requireContact(book, contactId);
  const uri = contact.uris.find((u) => u.id === uriId);
  if (uri === undefined) throw new ContactsNotFoundError('URI', uriId);
  const changes: ContactUriChanges = {
    ...(update.uri !== undefined && update.uri !== uri.uri && { uri: checkUri(update.uri, 'contact') }),
    ...(update.type !== undefined &&
      update.type !== uri.type && { type: update.type === null ? null : checkText(update.type, 'URI type') }),
    ...minimalBagChanges(uri, update),
  };
  if (isEmptyChange(changes)) return { book, ops: [] };
  return commit(book, [{ op: 'update-uri', contactId, id: uriId, changes }]);
}

/** Removes a URI. Like Blink, `<uris default>` is left as it is (it then names no URI). */
export function removeContactUri(book: AddressBook, contactId: string, uriId: string): OperationResult {
  const contact = requireContact(book, contactId);
  if (!contact.uris.some((u) => u.id === uriId)) throw new ContactsNotFoundError('URI', uriId);
  return commit(book, [{ op: 'remove-uri', contactId, id: uriId }]);
}
