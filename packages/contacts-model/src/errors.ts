/** Stable error codes of `@simplekit/contacts-model`; callers branch on these, not on classes or messages. */
export type ContactsModelErrorCode =
  | 'CONTACTS_PARSE'
  | 'CONTACTS_NOT_FOUND'
  | 'CONTACTS_DUPLICATE_ID'
  | 'CONTACTS_INVALID'
  | 'CONTACTS_OPTIONS';

/** Base class of every error this package throws. */
export class ContactsModelError extends Error {
  readonly code: ContactsModelErrorCode;
  override readonly name: string = 'ContactsModelError';
  constructor(code: ContactsModelErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** A document that is not XML, not a resource-lists / rls-services / pres-rules document, or too large. */
export class ContactsParseError extends ContactsModelError {
  override readonly name = 'ContactsParseError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONTACTS_PARSE', message, options);
  }
}

/** An operation names a contact, URI, group or policy element that the address book does not hold. */
export class ContactsNotFoundError extends ContactsModelError {
  override readonly name = 'ContactsNotFoundError';
  readonly kind: string;
  readonly id: string;
  constructor(kind: string, id: string) {
    super('CONTACTS_NOT_FOUND', `no ${kind} with id ${JSON.stringify(id)}`);
    this.kind = kind;
    this.id = id;
  }
}

/** An operation would add an item whose id is already taken. */
export class ContactsDuplicateIdError extends ContactsModelError {
  override readonly name = 'ContactsDuplicateIdError';
  readonly kind: string;
  readonly id: string;
  constructor(kind: string, id: string) {
    super('CONTACTS_DUPLICATE_ID', `a ${kind} with id ${JSON.stringify(id)} already exists`);
    this.kind = kind;
    this.id = id;
  }
}

/** A value the address book cannot hold (an empty id or URI, a policy outside allow/block/default, …). */
export class ContactsInvalidError extends ContactsModelError {
  override readonly name = 'ContactsInvalidError';
  constructor(message: string) {
    super('CONTACTS_INVALID', message);
  }
}

/** Options of `deriveDocuments` that cannot work (no XUI, an XCAP root that is not a URL). */
export class ContactsOptionsError extends ContactsModelError {
  override readonly name = 'ContactsOptionsError';
  constructor(message: string) {
    super('CONTACTS_OPTIONS', message);
  }
}
