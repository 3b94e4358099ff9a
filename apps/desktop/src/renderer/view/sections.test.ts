import { describe, expect, it } from 'vitest';
import { contact, snapshot } from '../../test-support/snapshot.js';
import { contactIconOf, contactSections } from './sections.js';

describe('contactSections', () => {
  const bob = contact('bob', 'Bob', { availability: 'available' }, ['g1']);
  const carol = contact('carol', 'Carol', {}, []);
  const dave = contact('dave', 'Dave', {}, ['g1']);
  const s = snapshot({
    contacts: [dave, carol, bob],
    groups: [{ id: 'g1', name: 'Friends', contactIds: ['dave', 'bob'] }],
    newContactRequests: [{ uri: 'sip:erin@example.com', status: 'pending' }],
    blocked: [{ uri: 'sip:dave@example.com', contactId: 'dave', name: 'Dave' }, { uri: 'sip:spam@example.com' }],
  });

  it('puts New Contact Requests on top, then the groups, ungrouped contacts and Blocked last', () => {
    expect(contactSections(s).map((x) => x.title)).toEqual(['New Contact Requests', 'Friends', 'Contacts', 'Blocked']);
  });

  it('shows a blocked contact only under Blocked, and sorts tiles by name', () => {
    const sections = contactSections(s);
    const friends = sections[1];
    expect(friends?.kind === 'group' ? friends.contacts.map((c) => c.name) : []).toEqual(['Bob']);
    const blocked = sections[3];
    expect(blocked?.kind === 'blocked' ? blocked.entries.map((e) => e.contact?.name ?? e.entry.uri) : []).toEqual([
      'Dave',
      'sip:spam@example.com',
    ]);
  });

  it('shows an empty Contacts section when the address book has no groups and no contacts', () => {
    expect(contactSections(snapshot())).toEqual([
      { kind: 'group', key: 'ungrouped', title: 'Contacts', groupId: null, contacts: [] },
    ]);
  });
});

describe('contactIconOf', () => {
  it("takes the fetched icon of one of the contact's addresses", () => {
    const bob = contact('bob', 'Bob');
    expect(contactIconOf(bob, {})).toBeUndefined();
    expect(contactIconOf(bob, { 'sip:bob@example.com': 'data:image/png;base64,AA==' })).toBe(
      'data:image/png;base64,AA==',
    );
  });
});
