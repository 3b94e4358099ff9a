import { describe } from 'vitest';
import { itRefusesXmlBombs } from '../../../proof/security/expect-refused.js';
import { ADDRESS_BOOK_XML_LIMITS, readAddressBook } from './document/read.js';
import { ContactsModelError } from './errors.js';

describe('XML bombs against the address book reader', () => {
  itRefusesXmlBombs({
    name: 'readAddressBook',
    root: { local: 'resource-lists', ns: 'urn:ietf:params:xml:ns:resource-lists' },
    // The address book allows 64 MB and 2,000,000 elements: the bombs are sized past those.
    limits: ADDRESS_BOOK_XML_LIMITS,
    // Refusing the 2,000,001st element means reading two million first (~3 s on a loaded 2-core machine): the
    // price of the limit the package chose for 10,000-contact books, linear, not an amplification.
    budgetMs: 10_000,
    parse: (document) => readAddressBook(document),
    bytes: (document) => readAddressBook(document),
    isTypedError: (error) => error instanceof ContactsModelError,
  });
});
