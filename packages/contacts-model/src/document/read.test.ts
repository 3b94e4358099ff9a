import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContactsModelError } from '../errors.js';
import { fixture } from '../test-support/fixtures.js';
import { readAddressBook } from './read.js';

describe('readAddressBook', () => {
  it('reads groups, contacts, URIs, policies and both attribute bags of a Blink document', () => {
    const book = readAddressBook(fixture('blink-resource-lists.xml'));
    expect([...book.groups.keys()]).toEqual(['id7a1c2b3d']);
    expect([...book.contacts.keys()]).toEqual(['id0b0b', 'id0c0c']);
    expect([...book.policies.keys()]).toEqual(['idp1']);
    const group = book.groups.get('id7a1c2b3d');
    expect(group?.name).toBe('Friends');
    expect(group?.contactIds).toEqual(['id0b0b', 'id0c0c']);
    expect(group?.blinkAttributes).toEqual([
      { name: 'position', value: '0' },
      { name: 'expanded', value: 'true' },
    ]);
    const bob = book.contacts.get('id0b0b');
    expect(bob).toMatchObject({
      name: 'Bob Builder',
      defaultUri: 'idu1',
      presence: { policy: 'allow', subscribe: true },
      dialog: { policy: 'default', subscribe: false },
      attributes: [
        { name: 'organization', value: 'Builders Inc' },
        { name: 'keys', value: null },
      ],
      blinkAttributes: [
        { name: 'preferred_media', value: 'audio' },
        { name: 'auto_answer', value: 'false' },
      ],
    });
    expect(bob?.uris.map((u) => [u.id, u.uri, u.type])).toEqual([
      ['idu1', 'sip:bob@example.org', 'SIP'],
      ['idu2', 'tel:+31201234567', 'Tel'],
    ]);
    expect(book.contacts.get('id0c0c')?.uris[1]).toMatchObject({ uri: 'xmpp:carol@jabber.example.com', type: 'XMPP' });
    expect(book.policies.get('idp1')).toMatchObject({
      uri: 'sip:spam@example.net',
      name: '',
      presence: { policy: 'block', subscribe: false },
    });
  });

  it('generates the same ids for items without one on every read, and drops members that name no contact', () => {
    const first = readAddressBook(fixture('foreign-resource-lists.xml'));
    const second = readAddressBook(fixture('foreign-resource-lists.xml'));
    const ids = [...first.contacts.keys()];
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe('erin');
    expect(ids[1]).toMatch(/^id[0-9a-f]{16}$/);
    expect([...second.contacts.keys()]).toEqual(ids);
    const noId = first.contacts.get(ids[1] ?? '');
    expect(noId?.uris[0]?.id).toMatch(/^id[0-9a-f]{16}$/);
    expect(noId?.presence).toEqual({ policy: 'default', subscribe: false });
    expect(first.groups.get('g1')?.contactIds).toEqual(['erin']);
    expect(first.contacts.get('erin')?.presence).toEqual({ policy: 'allow', subscribe: true });
  });

  it('gives a URI whose id repeats an earlier one of its contact a generated id, however many URIs it has', () => {
    const uris = (ids: readonly string[]) =>
      ids.map((id, i) => `<uri id="${id}" uri="sip:u${i}@example.org"/>`).join('');
    const xml = (ids: readonly string[]) =>
      '<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list name="sipsimple_addressbook">' +
      `<contact xmlns="urn:ag-projects:xml:ns:addressbook" id="c1"><name>C</name><uris>${uris(ids)}</uris>` +
      '</contact></list></resource-lists>';
    for (const count of [3, 12]) {
      const ids = Array.from({ length: count }, (_, i) => `u${i}`);
      // The last URI repeats the first id (in a short list and past the switch to a set), another repeats the last.
      const repeated = [...ids, 'u0', `u${count - 1}`];
      const read =
        readAddressBook(xml(repeated))
          .contacts.get('c1')
          ?.uris.map((u) => u.id) ?? [];
      expect(read.slice(0, count)).toEqual(ids);
      expect(read).toHaveLength(count + 2);
      for (const generated of read.slice(count)) expect(generated).toMatch(/^id[0-9a-f]{16}$/);
      expect(new Set(read).size).toBe(count + 2);
    }
  });

  it('reads an empty server as an empty book', () => {
    for (const empty of [null, undefined, '']) {
      const book = readAddressBook(empty);
      expect(book.contacts.size + book.groups.size + book.policies.size).toBe(0);
      expect(book.document).toBeUndefined();
    }
  });

  it('reads a resource-lists document without an address book list as an empty book that keeps the document', () => {
    const book = readAddressBook(fixture('other-client-oma.xml'));
    expect(book.contacts.size).toBe(0);
    expect(book.document?.name.local).toBe('resource-lists');
  });

  it('rejects other roots and malformed XML with CONTACTS_PARSE', () => {
    expect(() => readAddressBook('<ruleset xmlns="urn:ietf:params:xml:ns:common-policy"/>')).toThrow(
      expect.objectContaining({ code: 'CONTACTS_PARSE' }),
    );
    expect(() => readAddressBook('<rl:resource-lists xmlns:rl="urn:ietf:params:xml:ns:resource-lists">')).toThrow(
      expect.objectContaining({ code: 'CONTACTS_PARSE' }),
    );
    expect(() => readAddressBook('<!DOCTYPE x [<!ENTITY a "b">]><x/>')).toThrow(ContactsModelError);
  });

  it('throws nothing but ContactsModelError on arbitrary input', () => {
    const base = fixture('blink-resource-lists.xml');
    fc.assert(
      fc.property(fc.nat(base.length), fc.string({ maxLength: 20 }), (cut, noise) => {
        const input = base.slice(0, cut) + noise + base.slice(cut + noise.length);
        try {
          readAddressBook(input);
        } catch (error) {
          if (!(error instanceof ContactsModelError)) throw error;
        }
      }),
      { seed: 42, numRuns: 150 },
    );
  });
});
