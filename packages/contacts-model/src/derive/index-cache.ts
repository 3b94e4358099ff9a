import type { AddressBook } from '../model/types.js';
import { DerivationIndex } from './index-state.js';

const INDEX = Symbol('contacts-model.derivation-index');

type Indexed = { [INDEX]?: DerivationIndex };

/**
 * The derivation index of a book, built on first use and kept on the book as a non-enumerable property. The index
 * is internal and mutable: an edit moves it from the old book to the new one and updates it for what changed, so a
 * chain of edits never rebuilds it. A book that lost its index to a successor rebuilds one when asked.
 */
export function indexOf(book: AddressBook): DerivationIndex {
  const existing = (book as Indexed)[INDEX];
  if (existing !== undefined) return existing;
  const index = DerivationIndex.build(book);
  if (!Object.isExtensible(book)) return index;
  Object.defineProperty(book, INDEX, { value: index, enumerable: false, configurable: true, writable: true });
  return index;
}

/** Moves the index of `before` (if it has one) to `after`, updated for the contacts and policies that changed. */
export function carryIndex(
  before: AddressBook,
  after: AddressBook,
  changed: { readonly contacts: readonly string[]; readonly policies: readonly string[] },
): void {
  const index = (before as Indexed)[INDEX];
  if (index === undefined || (after as Indexed)[INDEX] !== undefined || !Object.isExtensible(after)) return;
  for (const id of changed.contacts) {
    const old = before.contacts.get(id);
    const next = after.contacts.get(id);
    if (old === next) continue;
    if (old !== undefined) index.contact(old, -1);
    if (next !== undefined) index.contact(next, 1);
  }
  for (const id of changed.policies) {
    const old = before.policies.get(id);
    const next = after.policies.get(id);
    if (old === next) continue;
    if (old !== undefined) index.policy(old, -1);
    if (next !== undefined) index.policy(next, 1);
  }
  Object.defineProperty(before, INDEX, { value: undefined, enumerable: false, configurable: true, writable: true });
  Object.defineProperty(after, INDEX, { value: index, enumerable: false, configurable: true, writable: true });
}
