import { describe, expect, it } from 'vitest';
import { readAddressBook } from '../document/read.js';
import { addContact, updateContact } from '../operations/contact.js';
import { addGroup, addGroupMember } from '../operations/group.js';
import { blockWatcher } from '../operations/watcher.js';
import { fixture } from '../test-support/fixtures.js';
import { applyJournal, applyOp } from './apply.js';
import { contactData } from './data.js';
import type { JournalOp } from './ops.js';

describe('journal', () => {
  it('replays after a JSON round trip to the same book', () => {
    const start = readAddressBook(fixture('blink-resource-lists.xml'));
    const ops: JournalOp[] = [];
    let book = start;
    for (const step of [
      (b: typeof book) => addContact(b, { id: 'dave', name: 'Dave', uris: [{ id: 'ud', uri: 'sip:dave@x' }] }),
      (b: typeof book) =>
        updateContact(b, 'id0b0b', { attributes: { organization: null }, dialog: { subscribe: true } }),
      (b: typeof book) => addGroup(b, { id: 'g2', name: 'New' }),
      (b: typeof book) => addGroupMember(b, 'g2', 'dave'),
      (b: typeof book) => blockWatcher(b, 'sip:troll@x'),
    ]) {
      const result = step(book);
      book = result.book;
      ops.push(...result.ops);
    }
    const replayed = applyJournal(start, JSON.parse(JSON.stringify(ops)) as JournalOp[]);
    expect([...replayed.contacts.values()].map(contactData)).toEqual([...book.contacts.values()].map(contactData));
    expect([...replayed.groups.keys()]).toEqual([...book.groups.keys()]);
    expect([...replayed.policies.values()].map((p) => p.uri)).toEqual(['sip:spam@example.net', 'sip:troll@x']);
  });

  it('reports missing targets and existing ids instead of throwing', () => {
    const book = readAddressBook(fixture('blink-resource-lists.xml'));
    expect(applyOp(book, { op: 'update-contact', id: 'nobody', changes: { name: 'x' } }).outcome).toBe('missing');
    expect(applyOp(book, { op: 'remove-uri', contactId: 'id0b0b', id: 'nope' }).outcome).toBe('missing');
    expect(applyOp(book, { op: 'add-group-member', groupId: 'id7a1c2b3d', contactId: 'ghost' }).outcome).toBe(
      'missing',
    );
    const bob = book.contacts.get('id0b0b');
    if (bob === undefined) throw new Error('fixture');
    expect(applyOp(book, { op: 'add-contact', contact: contactData(bob) }).outcome).toBe('exists');
    expect(applyOp(book, { op: 'update-contact', id: 'id0b0b', changes: { name: 'Bob Builder' } })).toEqual({
      book,
      outcome: 'unchanged',
    });
  });
});
