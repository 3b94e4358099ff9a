import { attributeValue, isHollow } from '@simplekit/xml';
import { describe, expect, it } from 'vitest';
import { deriveResourceLists } from '../derive/documents.js';
import { updateContact } from '../operations/contact.js';
import { updateContactUri } from '../operations/uri.js';
import { ALICE } from '../test-support/fixtures.js';
import { readAddressBook } from './read.js';

const DOCUMENT =
  '<?xml version="1.0" encoding="UTF-8"?>' +
  '<rl:resource-lists xmlns:rl="urn:ietf:params:xml:ns:resource-lists" xmlns:ab="urn:ag-projects:xml:ns:addressbook" xmlns:x="urn:example:other">' +
  '<rl:list name="sipsimple_addressbook">' +
  '<ab:contact id="c1"><ab:name>Carol</ab:name><ab:uris default="u1">' +
  '<ab:uri id="u1" uri="sip%3Acarol%40example.org" type="SIP" x:label="work"><x:note>desk</x:note></ab:uri>' +
  '<ab:uri id="u2" uri="sip%3Acarol%40home.example.org" x:label="home"/>' +
  '</ab:uris></ab:contact>' +
  '</rl:list></rl:resource-lists>';

describe('URIs of contacts read from a large document', () => {
  it('give their source element on demand, read again from the contact', () => {
    const book = readAddressBook(DOCUMENT);
    const contact = book.contacts.get('c1');
    expect(contact?.source !== undefined && isHollow(contact.source)).toBe(true);
    const [first, second] = contact?.uris ?? [];
    expect(first?.source && attributeValue(first.source, 'label', 'urn:example:other')).toBe('work');
    expect(second?.source && attributeValue(second.source, 'label', 'urn:example:other')).toBe('home');
    // A copy made by spreading keeps the element.
    const copy = first === undefined ? undefined : { ...first };
    expect(copy?.source?.children.length).toBe(1);
  });

  it('keep foreign attributes and children through edits of the contact and of the URI itself', () => {
    const book = readAddressBook(DOCUMENT);
    const renamed = updateContact(book, 'c1', { name: 'Carol C.' }).book;
    const edited = updateContactUri(renamed, 'c1', 'u1', { uri: 'sip:carol@work.example.org' }).book;
    const xml = deriveResourceLists(edited, ALICE);
    expect(xml).toContain('<ab:name>Carol C.</ab:name>');
    expect(xml).toContain(
      '<ab:uri id="u1" uri="sip%3Acarol%40work.example.org" type="SIP" x:label="work"><x:note>desk</x:note></ab:uri>',
    );
    expect(xml).toContain('<ab:uri id="u2" uri="sip%3Acarol%40home.example.org" x:label="home"/>');
    const again = readAddressBook(xml);
    expect(again.contacts.get('c1')?.uris.map((u) => u.uri)).toEqual([
      'sip:carol@work.example.org',
      'sip:carol@home.example.org',
    ]);
  });
});
