import { DEFAULT_XML_LIMITS } from '@simplekit/xml';
import { describe } from 'vitest';
import { itRefusesXmlBombs } from '../../../proof/security/expect-refused.js';
import { deriveDocuments } from './derive/documents.js';
import { ADDRESS_BOOK_XML_LIMITS, readAddressBook } from './document/read.js';
import { ContactsModelError } from './errors.js';
import { emptyAddressBook } from './model/types.js';

const isContactsError = (error: unknown): boolean => error instanceof ContactsModelError;
const location = { xui: 'sip:alice@example.com', xcapRoot: 'http://127.0.0.1/xcap-root' };

describe('XML bombs against every contacts-model XML entry point', () => {
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
    isTypedError: isContactsError,
  });
  // The server's current rls-services and pres-rules documents, read to keep their foreign content.
  itRefusesXmlBombs({
    name: 'deriveDocuments({ rlsServices })',
    root: { local: 'rls-services', ns: 'urn:ietf:params:xml:ns:rls-services' },
    limits: DEFAULT_XML_LIMITS,
    parse: (document) => deriveDocuments(emptyAddressBook(), { ...location, rlsServices: document }),
    isTypedError: isContactsError,
  });
  itRefusesXmlBombs({
    name: 'deriveDocuments({ presRules })',
    root: { local: 'ruleset', ns: 'urn:ietf:params:xml:ns:common-policy' },
    limits: DEFAULT_XML_LIMITS,
    parse: (document) => deriveDocuments(emptyAddressBook(), { ...location, presRules: document }),
    isTypedError: isContactsError,
  });
});
