import { describe, expect, it } from 'vitest';
import { applyEdit } from './apply-edit.js';
import { bestAvailability, deriveBlocked, deriveContacts, deriveRequests, deriveWatching } from './derive.js';
import { type AddressBook, EMPTY_ADDRESS_BOOK, type PresenceView, type Watcher } from './types.js';

const book: AddressBook = [
  { op: 'addGroup' as const, id: 'g', name: 'Friends' },
  {
    op: 'addContact' as const,
    id: 'bob',
    name: 'Bob',
    uris: [
      { id: '1', uri: 'sip:bob@x' },
      { id: '2', uri: 'sip:bob2@x' },
    ],
    presence: { policy: 'allow' as const, subscribe: true },
    groupIds: ['g'],
  },
  {
    op: 'addContact' as const,
    id: 'eve',
    name: 'Eve',
    uris: [{ id: '1', uri: 'sip:eve@x' }],
    presence: { policy: 'block' as const, subscribe: false },
    groupIds: [],
  },
].reduce(applyEdit, EMPTY_ADDRESS_BOOK);

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

describe('derived state', () => {
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
    expect(deriveRequests(book, watchers, []).map((w) => w.uri)).toEqual(['sip:carol@x']);
    expect(deriveWatching(watchers, []).map((w) => w.uri)).toEqual(['sip:bob@x']);
  });

  it('puts blocked contacts and blocked policies in Blocked', () => {
    const b = applyEdit(book, { op: 'setPolicy', uri: 'sip:mallory@x', policy: 'block' });
    expect(deriveBlocked(b, [])).toEqual([
      { uri: 'sip:eve@x', name: 'Eve', contactId: 'eve' },
      { uri: 'sip:mallory@x' },
    ]);
  });

  it('ranks availabilities from most to least reachable', () => {
    expect(bestAvailability(['offline', 'away', 'busy'])).toBe('busy');
    expect(bestAvailability([])).toBe('offline');
  });
});
