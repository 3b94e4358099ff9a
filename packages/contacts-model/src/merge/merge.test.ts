import { describe, expect, it } from 'vitest';
import type { JournalOp } from '../journal/ops.js';
import { type AddressBook, emptyAddressBook } from '../model/types.js';
import { addContact, removeContact, renameContact, updateContact } from '../operations/contact.js';
import { addGroup, addGroupMember } from '../operations/group.js';
import { mergeJournal } from './merge.js';

function base(): AddressBook {
  let book = emptyAddressBook();
  book = addContact(book, { id: 'bob', name: 'Bob', uris: [{ id: 'u1', uri: 'sip:bob@x' }] }).book;
  book = addContact(book, { id: 'carol', name: 'Carol' }).book;
  book = addContact(book, { id: 'dave', name: 'Dave' }).book;
  return addGroup(book, { id: 'friends', name: 'Friends' }).book;
}

/** Runs edits, collecting the journal. */
function edit(book: AddressBook, ...steps: ((b: AddressBook) => { book: AddressBook; ops: readonly JournalOp[] })[]) {
  const ops: JournalOp[] = [];
  for (const step of steps) {
    const result = step(book);
    book = result.book;
    ops.push(...result.ops);
  }
  return { book, ops };
}

describe('mergeJournal', () => {
  it('keeps both sides when they edit different fields of the same contact', () => {
    const mine = edit(
      base(),
      (b) => renameContact(b, 'bob', 'Robert'),
      (b) => updateContact(b, 'bob', { attributes: { a: '1' } }),
    );
    const theirs = edit(base(), (b) =>
      updateContact(b, 'bob', { presence: { policy: 'allow' }, attributes: { b: '2' } }),
    );
    const merged = mergeJournal(base(), theirs.book, mine.ops);
    expect(merged.conflicts).toEqual([]);
    expect(merged.book.contacts.get('bob')).toMatchObject({
      name: 'Robert',
      presence: { policy: 'allow', subscribe: false },
      attributes: [
        { name: 'b', value: '2' },
        { name: 'a', value: '1' },
      ],
    });
  });

  it('settles a same-field conflict for mine by default and for theirs on request', () => {
    const mine = edit(base(), (b) => renameContact(b, 'bob', 'Mine'));
    const theirs = edit(base(), (b) => renameContact(b, 'bob', 'Theirs'));
    const byMine = mergeJournal(base(), theirs.book, mine.ops);
    expect(byMine.book.contacts.get('bob')?.name).toBe('Mine');
    expect(byMine.conflicts).toEqual([{ kind: 'field', op: mine.ops[0], field: 'name', resolution: 'mine' }]);
    const byTheirs = mergeJournal(base(), theirs.book, mine.ops, { fieldConflicts: 'theirs' });
    expect(byTheirs.book.contacts.get('bob')?.name).toBe('Theirs');
    expect(byTheirs.ops).toEqual([]);
  });

  it('drops edits of a contact the other side deleted, or restores it on request', () => {
    const mine = edit(
      base(),
      (b) => renameContact(b, 'bob', 'Robert'),
      (b) => addGroupMember(b, 'friends', 'bob'),
    );
    const theirs = edit(base(), (b) => removeContact(b, 'bob'));
    const dropped = mergeJournal(base(), theirs.book, mine.ops);
    expect(dropped.book.contacts.has('bob')).toBe(false);
    expect(dropped.conflicts.map((c) => [c.kind, c.resolution])).toEqual([
      ['edited-deleted', 'deleted'],
      ['edited-deleted', 'deleted'],
    ]);
    const kept = mergeJournal(base(), theirs.book, mine.ops, { deleteVersusEdit: 'keep' });
    expect(kept.book.contacts.get('bob')?.name).toBe('Robert');
    expect(kept.book.groups.get('friends')?.contactIds).toEqual(['bob']);
  });

  it('deletes a contact the other side edited, or keeps it on request', () => {
    const mine = edit(base(), (b) => removeContact(b, 'carol'));
    const theirs = edit(base(), (b) => renameContact(b, 'carol', 'Caroline'));
    const deleted = mergeJournal(base(), theirs.book, mine.ops);
    expect(deleted.book.contacts.has('carol')).toBe(false);
    expect(deleted.conflicts).toEqual([{ kind: 'deleted-edited', op: mine.ops[0], resolution: 'deleted' }]);
    const kept = mergeJournal(base(), theirs.book, mine.ops, { deleteVersusEdit: 'keep' });
    expect(kept.book.contacts.get('carol')?.name).toBe('Caroline');
    expect(kept.ops).toEqual([]);
  });

  it('merges concurrent membership changes and additions', () => {
    const mine = edit(
      base(),
      (b) => addGroupMember(b, 'friends', 'carol'),
      (b) => addContact(b, { id: 'erin', name: 'Erin' }),
    );
    const theirs = edit(base(), (b) => addGroupMember(b, 'friends', 'dave'));
    const merged = mergeJournal(base(), theirs.book, mine.ops);
    expect(merged.book.groups.get('friends')?.contactIds).toEqual(['dave', 'carol']);
    expect(merged.book.contacts.has('erin')).toBe(true);
    expect(merged.ops).toEqual(mine.ops);
  });

  it('keeps their copy when my journal adds an id they already hold', () => {
    const mine = edit(base(), (b) => addContact(b, { id: 'erin', name: 'Erin' }));
    const theirs = edit(mine.book, (b) => renameContact(b, 'erin', 'Erin T.'));
    const merged = mergeJournal(base(), theirs.book, mine.ops);
    expect(merged.book.contacts.get('erin')?.name).toBe('Erin T.');
    expect(merged.conflicts.map((c) => c.kind)).toEqual(['added-exists']);
  });
});
