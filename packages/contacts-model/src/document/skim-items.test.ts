import { parseXml, type SkimInput } from '@simplekit/xml';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveResourceLists } from '../derive/documents.js';
import { contactData, groupData, policyData } from '../journal/data.js';
import { emptyAddressBook } from '../model/types.js';
import { addContact } from '../operations/contact.js';
import { addGroup } from '../operations/group.js';
import { ALICE, fixture } from '../test-support/fixtures.js';
import { ADDRESS_BOOK_XML_LIMITS, readAddressBook } from './read.js';
import { FewIds } from './read-items.js';
import { emptySkimMemo, type SkimTarget, skimItem } from './skim-items.js';

/** How many items of the document the skimmer reads itself (the rest go through the XML reader). */
function skimmedCount(xml: string): number {
  const target: SkimTarget = {
    groups: new Map(),
    contacts: new Map(),
    scopes: { group: { taken: new FewIds(), position: 0 }, contact: { taken: new Set(), position: 0 } },
    strings: new Map(),
    memo: emptySkimMemo(),
  };
  let count = 0;
  parseXml(xml, {
    ignoreWhitespace: true,
    limits: ADDRESS_BOOK_XML_LIMITS,
    hollow: {
      depth: 2,
      descend: (element, parent) =>
        parent !== undefined && element.attributes.some((a) => a.value === 'sipsimple_addressbook'),
      skim: (input: SkimInput) => {
        if (input.parent.name.local !== 'list') return undefined;
        const result = skimItem(input, target);
        if (result !== undefined) count++;
        return result;
      },
    },
  });
  return count;
}

/** Everything a read gives, as text: the model, and the document written back from it; or the error's code. */
function outcome(xml: string, skim: boolean): string {
  try {
    const book = readAddressBook(xml, { skim });
    return JSON.stringify({
      contacts: [...book.contacts.values()].map(contactData),
      groups: [...book.groups.values()].map(groupData),
      policies: [...book.policies.values()].map(policyData),
      written: deriveResourceLists(book, ALICE),
    });
  } catch (error) {
    return `${(error as Error).name} ${(error as { code?: string }).code ?? ''}`;
  }
}

function expectSameRead(xml: string): void {
  expect(outcome(xml, true)).toBe(outcome(xml, false));
}

const HEAD =
  '<rl:resource-lists xmlns:rl="urn:ietf:params:xml:ns:resource-lists" xmlns:ab="urn:ag-projects:xml:ns:addressbook"' +
  ' xmlns:ss="urn:ag-projects:sipsimple:xml:ns:addressbook" xmlns:bl="urn:ag-projects:blink:xml:ns:addressbook">' +
  '<rl:list name="sipsimple_addressbook">';
const TAIL = '</rl:list></rl:resource-lists>';
const CONTACT =
  '<ab:contact id="c1"><ab:name>Bob</ab:name><ab:uris default="u1"><ab:uri id="u1" uri="sip%3Abob%40example.org" type="SIP">' +
  '<ss:attributes/><bl:attributes/></ab:uri></ab:uris><ab:dialog><ab:policy>default</ab:policy><ab:subscribe>false</ab:subscribe>' +
  '</ab:dialog><ab:presence><ab:policy>allow</ab:policy><ab:subscribe>true</ab:subscribe></ab:presence><ss:attributes>' +
  '<ss:attribute name="organization">Builders</ss:attribute><ss:attribute name="keys" nil="true"/></ss:attributes>' +
  '<bl:attributes><bl:attribute name="preferred_media">audio</bl:attribute></bl:attributes></ab:contact>';
const GROUP =
  '<ab:group id="g1"><ab:name>Friends</ab:name><ab:contacts><ab:contact_id>c1</ab:contact_id></ab:contacts>' +
  '<ss:attributes/><bl:attributes/></ab:group>';

describe('skimming address-book items', () => {
  it("reads the contacts and groups of Blink's own documents straight from the text, as the reader would", () => {
    const blink = fixture('blink-resource-lists.xml');
    // One group and two contacts; the policy element goes through the reader.
    expect(skimmedCount(blink)).toBe(3);
    expectSameRead(blink);
    const book = readAddressBook(blink);
    expect(book.contacts.get('id0b0b')).toMatchObject({
      name: 'Bob Builder',
      defaultUri: 'idu1',
      presence: { policy: 'allow', subscribe: true },
      attributes: [
        { name: 'organization', value: 'Builders Inc' },
        { name: 'keys', value: null },
      ],
    });
    expect(book.contacts.get('id0b0b')?.uris.map((u) => [u.id, u.uri, u.type])).toEqual([
      ['idu1', 'sip:bob@example.org', 'SIP'],
      ['idu2', 'tel:+31201234567', 'Tel'],
    ]);
    const small = HEAD + GROUP + CONTACT + TAIL;
    expect(skimmedCount(small)).toBe(2);
    expectSameRead(small);
    expect(readAddressBook(small).contacts.get('c1')?.uris[0]?.source?.attributes).toEqual([
      { ns: null, local: 'id', prefix: null, value: 'u1' },
      { ns: null, local: 'uri', prefix: null, value: 'sip%3Abob%40example.org' },
      { ns: null, local: 'type', prefix: null, value: 'SIP' },
    ]);
  });

  it('reads other spellings of the same names: another prefix, the default namespace, items in any order', () => {
    const other = (HEAD + GROUP + CONTACT + TAIL).replaceAll('ab:', 'x:').replace('xmlns:ab=', 'xmlns:x=');
    expect(skimmedCount(other)).toBe(2);
    expectSameRead(other);
    const defaults = (HEAD + CONTACT + TAIL)
      .replaceAll('<ab:', '<')
      .replaceAll('</ab:', '</')
      .replace('xmlns:ab=', 'xmlns=');
    expect(skimmedCount(defaults)).toBe(1);
    expectSameRead(defaults);
    const shuffled = CONTACT.replace(
      /(<ab:name>.*<\/ab:name>)(<ab:uris.*<\/ab:uris>)(<ab:dialog>.*<\/ab:dialog>)/,
      '$3$2$1',
    );
    expect(skimmedCount(HEAD + shuffled + TAIL)).toBe(1);
    expectSameRead(HEAD + shuffled + TAIL);
    const pretty = (HEAD + GROUP + CONTACT + TAIL).replaceAll('><', '>\n    <');
    expect(skimmedCount(pretty)).toBe(2);
    expectSameRead(pretty);
  });

  const declined: [string, string, number][] = [
    ['a comment', CONTACT.replace('<ab:uris', '<!-- note --><ab:uris'), 0],
    ['a reference in a name', CONTACT.replace('Bob', 'Bob &amp; Co'), 0],
    ['a character reference in an attribute', CONTACT.replace('type="SIP"', 'type="S&#73;P"'), 0],
    ['CDATA', CONTACT.replace('Bob', '<![CDATA[Bob]]>'), 0],
    ['no id', CONTACT.replace(' id="c1"', ''), 0],
    ['an id with spaces', CONTACT.replace('id="c1"', 'id=" c1 "'), 0],
    ['a repeated id', `${CONTACT}${CONTACT.replace('Bob', 'Bobby')}`, 1],
    ['a URI without id', CONTACT.replace(' id="u1"', ''), 0],
    ['a foreign element', CONTACT.replace('</ab:contact>', '<other:x xmlns:other="urn:x"/></ab:contact>'), 0],
    ['a foreign attribute', CONTACT.replace('<ab:contact id="c1"', '<ab:contact id="c1" extra="1"'), 0],
    ['a namespace declaration', CONTACT.replace('<ab:name>', '<ab:name xmlns:y="urn:y">'), 0],
    ['text between elements', CONTACT.replace('<ab:uris', 'stray<ab:uris'), 0],
    ['a second name', CONTACT.replace('</ab:name>', '</ab:name><ab:name>Again</ab:name>'), 0],
    ['an attribute named twice in a bag', CONTACT.replace('name="keys"', 'name="organization"'), 0],
    ['a tab in an attribute value', CONTACT.replace('type="SIP"', 'type="S\tIP"'), 0],
    ['an empty contact', '<ab:contact id="c9"></ab:contact>', 0],
    ['a self-closing contact', '<ab:contact id="c9"/>', 0],
    ['a policy element', '<ab:policy-element id="p1" uri="sip%3Ax%40y"><ab:name/></ab:policy-element>', 0],
  ];
  it.each(declined)('leaves an item with %s to the reader, which reads the same book', (_what, item, skimmed) => {
    const xml = HEAD + item + TAIL;
    expect(skimmedCount(xml)).toBe(skimmed);
    expectSameRead(xml);
  });

  it('reads a remembered content again only where its end tag follows it', () => {
    const second = CONTACT.replaceAll('c1', 'c2').replaceAll('u1', 'u2');
    for (const broken of ['</ab:dialogue>', '</ab:dialog x>', '</ab:dialog', '</ab:dialog >']) {
      const xml = HEAD + CONTACT + second.replace('</ab:dialog>', broken) + TAIL;
      expectSameRead(xml);
    }
    expect(outcome(HEAD + CONTACT + second.replace('</ab:dialog>', '</ab:dialog >') + TAIL, true)).toContain('"c2"');
  });

  it('counts the elements of remembered contents towards the element limit, as the reader does', () => {
    const contacts = [1, 2, 3, 4].map((n) => CONTACT.replaceAll('c1', `c${n}`).replaceAll('u1', `u${n}`)).join('');
    const xml = HEAD + contacts + TAIL;
    const elements = xml.match(/<[^/!?]/g)?.length ?? 0;
    const outcomes = new Set<string>();
    for (let maxElements = elements - 30; maxElements <= elements + 1; maxElements++) {
      const limits = { maxElements };
      const read = (skim: boolean) => {
        try {
          return `${readAddressBook(xml, { skim, limits }).contacts.size}`;
        } catch (error) {
          return (error as { code?: string }).code ?? 'other';
        }
      };
      expect([maxElements, read(true)]).toEqual([maxElements, read(false)]);
      outcomes.add(read(true));
    }
    expect(outcomes).toEqual(new Set(['CONTACTS_PARSE', '4']));
  });

  it('never accepts what the reader rejects, nor reads anything differently (mutated documents)', () => {
    const base = HEAD + GROUP + CONTACT + CONTACT.replaceAll('c1', 'c2').replaceAll('u1', 'u2') + TAIL;
    const piece = fc.constantFrom('<', '>', '/', '"', "'", '=', '&', ':', ' ', '\n', 'a', ']]>', '<!--', 'ab:', 'x');
    const mutation = fc.oneof(
      fc.record({ at: fc.nat(base.length - 1), cut: fc.integer({ min: 1, max: 6 }), put: fc.constant('') }),
      fc.record({ at: fc.nat(base.length - 1), cut: fc.constant(0), put: piece }),
      fc.record({ at: fc.nat(base.length - 1), cut: fc.integer({ min: 0, max: 3 }), put: piece }),
    );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        let xml = base;
        for (const { at, cut, put } of mutations) xml = xml.slice(0, at) + put + xml.slice(at + cut);
        expectSameRead(xml);
      }),
      { seed: 42, numRuns: 1500 },
    );
  });

  it('gives the book the reader gives for generated address books, however they are indented', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '&', '<', '>', '"', "'", '%', 'é', ']') });
    const bag = fc.dictionary(
      text.filter((s) => s.trim().length > 0),
      fc.option(text, { nil: null }),
      { maxKeys: 3 },
    );
    const policy = fc.constantFrom('allow', 'block', 'default') as fc.Arbitrary<'allow' | 'block' | 'default'>;
    const contact = fc.record({
      name: text,
      uris: fc.array(fc.record({ uri: text.map((s) => `sip:${s}x`), attributes: bag }), { maxLength: 3 }),
      presence: fc.record({ policy, subscribe: fc.boolean() }),
      dialog: fc.record({ policy, subscribe: fc.boolean() }),
      attributes: bag,
      blinkAttributes: bag,
    });
    let skimmed = 0;
    fc.assert(
      fc.property(fc.array(contact, { maxLength: 5 }), fc.constantFrom('', '\n', '\n  ', ' '), (contacts, indent) => {
        let book = emptyAddressBook();
        for (const input of contacts) book = addContact(book, input).book;
        book = addGroup(book, { name: 'All', contactIds: [...book.contacts.keys()] }).book;
        const xml = deriveResourceLists(book, ALICE).replaceAll('><', `>${indent}<`);
        skimmed += skimmedCount(xml);
        expectSameRead(xml);
      }),
      { seed: 42, numRuns: 200 },
    );
    // Items whose text needs escaping go through the reader; the others must not.
    expect(skimmed).toBeGreaterThan(200);
  });
});
