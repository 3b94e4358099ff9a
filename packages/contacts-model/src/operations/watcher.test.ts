import { describe, expect, it } from 'vitest';
import { deriveLists } from '../derive/lists.js';
import { emptyAddressBook } from '../model/types.js';
import { addContact } from './contact.js';
import { allowWatcher, blockedItems, blockWatcher, denyWatcher, pendingWatchers, unblockWatcher } from './watcher.js';

const withBob = () =>
  addContact(emptyAddressBook(), { id: 'bob', name: 'Bob', uris: [{ id: 'u1', uri: 'bob@example.org' }] }).book;

describe('watcher decisions', () => {
  it('allows a watcher that is a contact by setting the contact policy (address compared without scheme)', () => {
    const { book, ops } = allowWatcher(withBob(), 'sip:bob@EXAMPLE.org');
    expect(ops).toEqual([{ op: 'update-contact', id: 'bob', changes: { presencePolicy: 'allow' } }]);
    expect(deriveLists(book).presence.granted).toEqual(['bob@example.org']);
  });

  it('allows a stranger with a policy element', () => {
    const { book } = allowWatcher(emptyAddressBook(), 'sip:eve@example.org', { name: 'Eve' });
    expect([...book.policies.values()]).toEqual([
      expect.objectContaining({
        uri: 'sip:eve@example.org',
        name: 'Eve',
        presence: { policy: 'allow', subscribe: false },
      }),
    ]);
  });

  it('denies and blocks into the blocked list and the Blocked group', () => {
    let book = denyWatcher(withBob(), 'sip:spam@example.net').book;
    book = blockWatcher(book, 'sip:bob@example.org').book;
    expect(deriveLists(book).presence.blocked).toEqual(['bob@example.org', 'sip:spam@example.net']);
    const blocked = blockedItems(book);
    expect(blocked.contacts.map((c) => c.id)).toEqual(['bob']);
    expect(blocked.policies.map((p) => p.uri)).toEqual(['sip:spam@example.net']);
    // Blocking again changes nothing.
    expect(blockWatcher(book, 'sip:spam@example.net').ops).toEqual([]);
  });

  it('unblocks: contacts back to default, block-only policy elements removed', () => {
    let book = denyWatcher(withBob(), 'sip:spam@example.net').book;
    book = blockWatcher(book, 'sip:bob@example.org').book;
    book = unblockWatcher(unblockWatcher(book, 'sip:spam@example.net').book, 'sip:bob@example.org').book;
    expect(book.policies.size).toBe(0);
    expect(book.contacts.get('bob')?.presence.policy).toBe('default');
  });

  it('lists pending watchers the book has no decision about', () => {
    const book = denyWatcher(allowWatcher(withBob(), 'sip:bob@example.org').book, 'sip:spam@example.net').book;
    expect(pendingWatchers(book, ['sip:bob@example.org', 'sip:spam@example.net', 'sip:new@example.com'])).toEqual([
      'sip:new@example.com',
    ]);
  });
});
