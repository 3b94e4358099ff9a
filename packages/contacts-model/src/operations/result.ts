import { randomUUID } from 'node:crypto';
import { ContactsInvalidError } from '../errors.js';
import { applyOp } from '../journal/apply.js';
import type { JournalOp } from '../journal/ops.js';
import type { AddressBook, PolicyValue } from '../model/types.js';
import { isPolicyValue } from '../model/types.js';

/** What every operation returns: the new book and the journal operations that reproduce the edit elsewhere. */
export interface OperationResult {
  readonly book: AddressBook;
  /** Empty when the edit changed nothing. */
  readonly ops: readonly JournalOp[];
}

/** Applies already validated operations and returns them as the journal entries of the edit. */
export function commit(book: AddressBook, ops: readonly JournalOp[]): OperationResult {
  let current = book;
  for (const op of ops) current = applyOp(current, op).book;
  return { book: current, ops };
}

// xs:ID is an NCName (python-sipsimple validates ids as such); this accepts the ASCII subset we generate and the
// non-ASCII letters other writers may use.
const NCNAME = /^[\p{L}_][\p{L}\p{N}_.\-\u00B7]*$/u;

/** A fresh id for a new contact, URI, group or policy element: an NCName, as `xs:ID` requires. */
export function newItemId(): string {
  return `id${randomUUID().replaceAll('-', '')}`;
}

export function checkId(id: string, what: string): string {
  if (!NCNAME.test(id)) throw new ContactsInvalidError(`${what} id ${JSON.stringify(id)} is not an XML NCName`);
  return id;
}

export function checkUri(uri: string, what: string): string {
  if (uri.trim().length === 0) throw new ContactsInvalidError(`${what} URI is empty`);
  return checkText(uri, `${what} URI`);
}

// XML 1.0 §2.2 Char: text the documents can hold (no C0 controls but TAB/LF/CR, no lone surrogates, no U+FFFE/F).
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Rejects text an XML document cannot carry, before it reaches the journal. */
export function checkText(value: string, what: string): string {
  if (NOT_XML_CHAR.test(value)) throw new ContactsInvalidError(`${what} contains a character XML cannot represent`);
  return value;
}

export function checkPolicy(value: string | undefined, what: string): PolicyValue | undefined {
  if (value === undefined) return undefined;
  if (!isPolicyValue(value))
    throw new ContactsInvalidError(`${what} policy ${JSON.stringify(value)} is not allow, block or default`);
  return value;
}
