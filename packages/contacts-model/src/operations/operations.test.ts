import { describe, expect, it } from 'vitest';
import { emptyAddressBook } from '../model/types.js';
import { addContact, removeContact, updateContact } from './contact.js';
import { addGroup, addGroupMember, moveContact, removeGroup, renameGroup } from './group.js';
import { addPolicy, updatePolicy } from './policy.js';
import { addContactUri, removeContactUri, updateContactUri } from './uri.js';

function start() {
  let book = emptyAddressBook();
  book = addContact(book, {
    id: 'bob',
    name: 'Bob',
    uris: [{ id: 'u1', uri: 'sip:bob@example.org', type: 'SIP' }],
  }).book;
  book = addContact(book, { id: 'carol', name: 'Carol' }).book;
  book = addGroup(book, { id: 'friends', name: 'Friends', contactIds: ['bob'] }).book;
  book = addGroup(book, { id: 'work', name: 'Work' }).book;
  return book;
}

describe('contact operations', () => {
  it('adds a contact with defaults and journals the whole contact', () => {
    const { book, ops } = addContact(emptyAddressBook(), { id: 'dave', name: 'Dave', uris: [{ uri: 'sip:d@x' }] });
    const dave = book.contacts.get('dave');
    expect(dave?.presence).toEqual({ policy: 'default', subscribe: false });
    expect(dave?.uris[0]?.id).toMatch(/^id[0-9a-f]{32}$/);
    expect(ops).toEqual([{ op: 'add-contact', contact: expect.objectContaining({ id: 'dave', name: 'Dave' }) }]);
  });

  it('never changes the book it was given', () => {
    const book = start();
    const before = JSON.stringify([...book.contacts.values()]);
    updateContact(book, 'bob', { name: 'Robert', presence: { policy: 'allow' } });
    removeContact(book, 'bob');
    expect(JSON.stringify([...book.contacts.values()])).toBe(before);
  });

  it('journals only the fields that change', () => {
    const book = start();
    const result = updateContact(book, 'bob', {
      name: 'Bob',
      presence: { policy: 'allow', subscribe: false },
      attributes: { organization: 'ACME', missing: undefined },
    });
    expect(result.ops).toEqual([
      {
        op: 'update-contact',
        id: 'bob',
        changes: { presencePolicy: 'allow', attributes: [{ name: 'organization', value: 'ACME' }] },
      },
    ]);
    expect(updateContact(result.book, 'bob', { presence: { policy: 'allow' } }).ops).toEqual([]);
  });

  it('removes a contact from every group', () => {
    const { book } = removeContact(start(), 'bob');
    expect(book.contacts.has('bob')).toBe(false);
    expect(book.groups.get('friends')?.contactIds).toEqual([]);
  });

  it('rejects unknown ids, duplicate ids, bad policies and bad ids with typed errors', () => {
    const book = start();
    expect(() => updateContact(book, 'nobody', { name: 'x' })).toThrow(
      expect.objectContaining({ code: 'CONTACTS_NOT_FOUND', kind: 'contact', id: 'nobody' }),
    );
    expect(() => addContact(book, { id: 'bob', name: 'again' })).toThrow(
      expect.objectContaining({ code: 'CONTACTS_DUPLICATE_ID' }),
    );
    expect(() => updateContact(book, 'bob', { presence: { policy: 'maybe' as 'allow' } })).toThrow(
      expect.objectContaining({ code: 'CONTACTS_INVALID' }),
    );
    expect(() => addContact(book, { id: '1abc', name: 'x' })).toThrow(
      expect.objectContaining({ code: 'CONTACTS_INVALID' }),
    );
    expect(() => addContactUri(book, 'bob', { uri: '  ' })).toThrow(
      expect.objectContaining({ code: 'CONTACTS_INVALID' }),
    );
  });
});

describe('URI operations', () => {
  it('adds a URI as default, updates its type and removes it', () => {
    let { book, ops } = addContactUri(
      start(),
      'bob',
      { id: 'u2', uri: 'xmpp:bob@jabber.org', type: 'XMPP' },
      { makeDefault: true },
    );
    expect(ops.map((o) => o.op)).toEqual(['add-uri', 'update-contact']);
    expect(book.contacts.get('bob')?.defaultUri).toBe('u2');
    ({ book, ops } = updateContactUri(book, 'bob', 'u2', { type: 'SIP' }));
    expect(ops).toEqual([{ op: 'update-uri', contactId: 'bob', id: 'u2', changes: { type: 'SIP' } }]);
    ({ book } = removeContactUri(book, 'bob', 'u2'));
    expect(book.contacts.get('bob')?.uris.map((u) => u.id)).toEqual(['u1']);
  });
});

describe('group operations', () => {
  it('renames, moves a contact between groups and removes a group without its contacts', () => {
    let book = renameGroup(start(), 'friends', 'Pals').book;
    expect(book.groups.get('friends')?.name).toBe('Pals');
    const moved = moveContact(book, 'bob', 'friends', 'work');
    expect(moved.ops).toEqual([
      { op: 'remove-group-member', groupId: 'friends', contactId: 'bob' },
      { op: 'add-group-member', groupId: 'work', contactId: 'bob' },
    ]);
    book = moved.book;
    expect(book.groups.get('friends')?.contactIds).toEqual([]);
    expect(book.groups.get('work')?.contactIds).toEqual(['bob']);
    expect(addGroupMember(book, 'work', 'bob').ops).toEqual([]);
    book = removeGroup(book, 'work').book;
    expect(book.groups.has('work')).toBe(false);
    expect(book.contacts.has('bob')).toBe(true);
  });
});

describe('policy operations', () => {
  it('adds and updates a policy element', () => {
    let { book } = addPolicy(emptyAddressBook(), { id: 'p1', uri: 'sip:x@y', presence: { policy: 'block' } });
    expect(book.policies.get('p1')).toMatchObject({
      uri: 'sip:x@y',
      name: '',
      presence: { policy: 'block', subscribe: false },
    });
    ({ book } = updatePolicy(book, 'p1', { presence: { policy: 'allow' }, name: 'X' }));
    expect(book.policies.get('p1')).toMatchObject({ name: 'X', presence: { policy: 'allow' } });
  });
});
