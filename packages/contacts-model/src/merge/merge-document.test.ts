import { describe, expect, it } from 'vitest';
import { deriveResourceLists } from '../derive/documents.js';
import { readAddressBook } from '../document/read.js';
import { renameContact, updateContact } from '../operations/contact.js';
import { ALICE, fixture } from '../test-support/fixtures.js';
import { mergeJournal } from './merge.js';

describe('mergeJournal on documents', () => {
  it('replays my edits on their newer document and keeps what another client added there', () => {
    const original = fixture('blink-resource-lists.xml');
    const base = readAddressBook(original);
    let edit = renameContact(base, 'id0c0c', 'Carol C.');
    const ops = [...edit.ops];
    edit = updateContact(edit.book, 'id0b0b', { blinkAttributes: { preferred_media: 'video' } });
    ops.push(...edit.ops);

    // Another client added its own list, a foreign element inside Bob and a foreign attribute in Bob's bag.
    const theirXml = original
      .replace(
        '<rl:list name="oma_buddylist"/>',
        '<rl:list name="oma_buddylist"/><rl:list name="other_client" xmlns:o="urn:example:o"><o:cfg v="1"/></rl:list>',
      )
      .replace(
        '<addressbook:name>Bob Builder</addressbook:name>',
        '<addressbook:name>Bob Builder</addressbook:name><o:pet xmlns:o="urn:example:o">cat</o:pet>',
      )
      .replace(
        '<blink:attribute name="auto_answer">false</blink:attribute>',
        '<blink:attribute name="auto_answer">false</blink:attribute><blink:attribute name="o-client">kept</blink:attribute>',
      );
    const merged = mergeJournal(base, readAddressBook(theirXml), ops);
    expect(merged.conflicts).toEqual([]);
    const xml = deriveResourceLists(merged.book, ALICE);
    // Their list is written back exactly as they wrote it.
    expect(xml).toContain('<rl:list name="other_client" xmlns:o="urn:example:o"><o:cfg v="1"/></rl:list>');
    expect(xml).toContain(
      '<addressbook:name>Bob Builder</addressbook:name><o:pet xmlns:o="urn:example:o">cat</o:pet><addressbook:uris default="idu1">',
    );
    expect(xml).toContain(
      '<blink:attributes><blink:attribute name="preferred_media">video</blink:attribute>' +
        '<blink:attribute name="auto_answer">false</blink:attribute><blink:attribute name="o-client">kept</blink:attribute>' +
        '</blink:attributes>',
    );
    expect(xml).toContain('<addressbook:name>Carol C.</addressbook:name>');
  });

  it('inserts children a contact lacked at Blink positions', () => {
    const book = readAddressBook(fixture('foreign-resource-lists.xml'));
    const xml = deriveResourceLists(updateContact(book, 'erin', { dialog: { subscribe: true } }).book, ALICE);
    // Erin had no <dialog>: it goes after <uris>, before <presence>.
    expect(xml).toMatch(
      /<\/ab:uris><ab:dialog><ab:policy>default<\/ab:policy><ab:subscribe>true<\/ab:subscribe><\/ab:dialog><ab:presence>/,
    );
  });
});
