import {
  addContact,
  addGroup,
  addGroupMember,
  blockWatcher,
  emptyAddressBook,
  type AddressBook as ModelBook,
} from '@simplekit/contacts-model';
import { describe, expect, it } from 'vitest';
import { addressBookView, blockedView, requestsView } from './book-view.js';
import { bestAvailability, deriveContacts, deriveWatching } from './derive.js';
import { EMPTY_ADDRESS_BOOK, type PresenceView, type Watcher } from './types.js';

function modelBook(): ModelBook {
  let book = emptyAddressBook();
  book = addGroup(book, { id: 'g', name: 'Friends' }).book;
  book = addContact(book, {
    id: 'bob',
    name: 'Bob',
    uris: [
      { id: 'u1', uri: 'sip:bob@x', type: 'SIP' },
      { id: 'u2', uri: 'sip:bob2@x' },
    ],
    defaultUri: 'first',
    presence: { policy: 'allow', subscribe: true },
  }).book;
  book = addGroupMember(book, 'g', 'bob').book;
  book = addContact(book, {
    id: 'eve',
    name: 'Eve',
    uris: [{ id: 'u3', uri: 'sip:eve@x' }],
    presence: { policy: 'block', subscribe: false },
  }).book;
  return book;
}

function view(uri: string, availability: PresenceView['availability'], note?: string): PresenceView {
  return {
    uri,
    subscription: 'active',
    availability,
    notes: note ? [note] : [],
    devices: [],
    documents: [],
    updatedAt: 1,
  };
}

describe('address book view', () => {
  it('shows contacts with URI labels, switches and groups', () => {
    const book = addressBookView(modelBook(), EMPTY_ADDRESS_BOOK);
    expect(book.contacts[0]).toEqual({
      id: 'bob',
      name: 'Bob',
      uris: [
        { id: 'u1', uri: 'sip:bob@x', type: 'SIP' },
        { id: 'u2', uri: 'sip:bob2@x' },
      ],
      defaultUri: 'u1',
      presence: { policy: 'allow', subscribe: true },
      dialog: { policy: 'default', subscribe: false },
      attributes: {},
    });
    expect(book.groups).toEqual([{ id: 'g', name: 'Friends', contactIds: ['bob'] }]);
  });

  it('keeps unchanged entries and the whole view when nothing changed', () => {
    const first = addressBookView(modelBook(), EMPTY_ADDRESS_BOOK);
    expect(addressBookView(modelBook(), first)).toBe(first);
    const renamed = addContact(modelBook(), { id: 'carol', name: 'Carol' }).book;
    const second = addressBookView(renamed, first);
    expect(second.contacts[0]).toBe(first.contacts[0]);
    expect(second.contacts).toHaveLength(3);
  });
});

describe('derived state', () => {
  const book = addressBookView(modelBook(), EMPTY_ADDRESS_BOOK);

  it('attaches the best availability and every note of a contact', () => {
    const contacts = deriveContacts(
      book,
      { 'sip:bob@x': view('sip:bob@x', 'away', 'lunch'), 'sip:bob2@x': view('sip:bob2@x', 'available', 'hi') },
      [],
    );
    expect(contacts[0]).toMatchObject({ id: 'bob', groupIds: ['g'], live: { availability: 'available' } });
    expect(contacts[0]?.live.notes).toEqual(['lunch', 'hi']);
    expect(contacts[1]?.live).toMatchObject({ availability: 'offline', byUri: [] });
  });

  it('keeps the identity of contacts whose presence did not change', () => {
    const first = deriveContacts(book, { 'sip:bob@x': view('sip:bob@x', 'away') }, []);
    const second = deriveContacts(
      book,
      { 'sip:bob@x': view('sip:bob@x', 'away'), 'sip:eve@x': view('sip:eve@x', 'busy') },
      first,
    );
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(deriveContacts(book, { 'sip:bob@x': view('sip:bob@x', 'away') }, first)).toBe(first);
  });

  it('lists pending watchers without a decision as New Contact Requests and active ones as watching', () => {
    const watchers: Watcher[] = [
      { uri: 'sip:carol@x', status: 'pending' },
      { uri: 'sip:eve@x', status: 'pending' },
      { uri: 'sip:bob@x', status: 'active' },
    ];
    expect(requestsView(modelBook(), watchers, []).map((w) => w.uri)).toEqual(['sip:carol@x']);
    expect(deriveWatching(watchers, [], []).map((w) => w.uri)).toEqual(['sip:bob@x']);
  });

  it('leaves a blocked watcher out of "watching" although the server keeps its subscription active', () => {
    const watchers: Watcher[] = [
      { uri: 'sip:bob@x', status: 'active' },
      { uri: 'sip:mallory@x', status: 'active' },
    ];
    expect(deriveWatching(watchers, [{ uri: 'sip:mallory@x' }], []).map((w) => w.uri)).toEqual(['sip:bob@x']);
  });

  it('puts blocked contacts and blocked watchers in Blocked', () => {
    const b = blockWatcher(modelBook(), 'sip:mallory@x').book;
    expect(blockedView(b, [])).toEqual([{ uri: 'sip:eve@x', name: 'Eve', contactId: 'eve' }, { uri: 'sip:mallory@x' }]);
  });

  it('ranks availabilities from most to least reachable', () => {
    expect(bestAvailability(['offline', 'away', 'busy'])).toBe('busy');
    expect(bestAvailability([])).toBe('offline');
  });
});
