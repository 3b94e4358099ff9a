import fc from 'fast-check';
import { describe, it } from 'vitest';
import { deriveResourceLists } from '../derive/documents.js';
import { contactData, groupData, policyData } from '../journal/data.js';
import { type AddressBook, emptyAddressBook } from '../model/types.js';
import { addContact, updateContact } from '../operations/contact.js';
import { addGroup } from '../operations/group.js';
import { addPolicy } from '../operations/policy.js';
import { ALICE, fixture } from '../test-support/fixtures.js';
import { readAddressBook } from './read.js';

// Text XML can carry (XML 1.0 Char), including markup characters, spaces and non-ASCII. Whitespace-only text is
// excluded: documents are read without whitespace-only text nodes (README, "Limits"), so it reads back empty.
const xmlText = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom('<', '>', '&', '"', "'", ' ', '%', ':', '@', '/', 'é', '😀', '\t', '\r', '\n'),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    ),
  })
  .filter((s) => !/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(s))
  .filter((s) => s === '' || s.trim() !== '');
const uri = fc
  .tuple(fc.constantFrom('sip:', 'xmpp:', 'tel:', ''), xmlText)
  .map(([scheme, rest]) => `${scheme}${rest}x`);
const policy = fc.constantFrom('allow', 'block', 'default') as fc.Arbitrary<'allow' | 'block' | 'default'>;
const bag = fc.dictionary(
  xmlText.filter((s) => s.length > 0 && s !== '__proto__'),
  fc.option(xmlText, { nil: null }),
  { maxKeys: 3 },
);
const contact = fc.record({
  name: xmlText,
  uris: fc.array(
    fc.record({ uri, type: fc.option(fc.constantFrom('SIP', 'XMPP', 'Tel'), { nil: null }), attributes: bag }),
    {
      maxLength: 3,
    },
  ),
  presence: fc.record({ policy, subscribe: fc.boolean() }),
  dialog: fc.record({ policy, subscribe: fc.boolean() }),
  attributes: bag,
  blinkAttributes: bag,
});

function plain(book: AddressBook): string {
  return JSON.stringify({
    contacts: [...book.contacts.values()].map(contactData),
    groups: [...book.groups.values()].map(groupData),
    policies: [...book.policies.values()].map(policyData),
  });
}

describe('resource-lists round trip', () => {
  it('reads back exactly the book it wrote, into an empty server and into a Blink document', () => {
    const blink = readAddressBook(fixture('blink-resource-lists.xml'));
    fc.assert(
      fc.property(
        fc.array(contact, { maxLength: 4 }),
        fc.array(fc.record({ uri, name: xmlText, presence: fc.record({ policy, subscribe: fc.boolean() }) }), {
          maxLength: 2,
        }),
        xmlText,
        fc.boolean(),
        fc.constantFrom('blink', 'plain') as fc.Arbitrary<'blink' | 'plain'>,
        (contacts, policies, groupName, intoBlink, uriStyle) => {
          let book = intoBlink ? blink : emptyAddressBook();
          const ids: string[] = [];
          for (const input of contacts) {
            const result = addContact(book, input);
            book = result.book;
            const op = result.ops[0];
            if (op?.op === 'add-contact') ids.push(op.contact.id);
          }
          for (const input of policies) book = addPolicy(book, input).book;
          book = addGroup(book, { name: groupName, contactIds: ids }).book;
          if (intoBlink) book = updateContact(book, 'id0b0b', { name: groupName, attributes: { keys: 'k' } }).book;
          const xml = deriveResourceLists(book, { ...ALICE, uriStyle });
          const again = readAddressBook(xml);
          if (plain(again) !== plain(book)) throw new Error(`round trip differs:\n${xml}`);
          if (deriveResourceLists(again, { ...ALICE, uriStyle }) !== xml) throw new Error('second write differs');
        },
      ),
      { seed: 42, numRuns: 150 },
    );
  });
});
