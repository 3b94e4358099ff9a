import fc from 'fast-check';
import { describe, it } from 'vitest';
import { contactData, groupData, policyData } from '../journal/data.js';
import type { JournalOp } from '../journal/ops.js';
import { type AddressBook, emptyAddressBook } from '../model/types.js';
import { addContact, removeContact, updateContact } from '../operations/contact.js';
import { addGroup, addGroupMember, removeGroupMember } from '../operations/group.js';
import type { OperationResult } from '../operations/result.js';
import { fieldOf, flattenChanges } from './fields.js';
import { type MergeOptions, mergeJournal } from './merge.js';

const IDS = ['c0', 'c1', 'c2', 'c3'];
const FIELDS = ['name', 'presencePolicy', 'presenceSubscribe', 'dialogPolicy', 'attributes.a', 'attributes.b'];

function baseBook(): AddressBook {
  let book = emptyAddressBook();
  for (const id of IDS) book = addContact(book, { id, name: id, attributes: { a: 'base' } }).book;
  return addGroup(book, { id: 'g', name: 'G', contactIds: ['c0'] }).book;
}

const edit = fc.oneof(
  fc.record({ k: fc.constant('name' as const), c: fc.nat(3), v: fc.constantFrom('x', 'y', 'z') }),
  fc.record({
    k: fc.constant('policy' as const),
    c: fc.nat(3),
    v: fc.constantFrom('allow', 'block', 'default') as fc.Arbitrary<'allow' | 'block' | 'default'>,
  }),
  fc.record({ k: fc.constant('subscribe' as const), c: fc.nat(3), v: fc.boolean() }),
  fc.record({
    k: fc.constant('dialog' as const),
    c: fc.nat(3),
    v: fc.constantFrom('allow', 'block') as fc.Arbitrary<'allow' | 'block'>,
  }),
  fc.record({
    k: fc.constant('attr' as const),
    c: fc.nat(3),
    n: fc.constantFrom('a', 'b'),
    v: fc.option(fc.constantFrom('1', '2'), { nil: undefined }),
  }),
  fc.record({ k: fc.constant('remove' as const), c: fc.nat(3) }),
  fc.record({ k: fc.constant('member' as const), c: fc.nat(3), v: fc.boolean() }),
  fc.record({ k: fc.constant('add' as const), c: fc.nat(3) }),
);
type Edit = typeof edit extends fc.Arbitrary<infer E> ? E : never;

function run(book: AddressBook, edits: readonly Edit[], side: string): { book: AddressBook; ops: JournalOp[] } {
  const ops: JournalOp[] = [];
  for (const e of edits) {
    const id = IDS[e.c] ?? 'c0';
    if (e.k !== 'add' && !book.contacts.has(id)) continue;
    let result: OperationResult;
    switch (e.k) {
      case 'name':
        result = updateContact(book, id, { name: `${e.v}-${side}` });
        break;
      case 'policy':
        result = updateContact(book, id, { presence: { policy: e.v } });
        break;
      case 'subscribe':
        result = updateContact(book, id, { presence: { subscribe: e.v } });
        break;
      case 'dialog':
        result = updateContact(book, id, { dialog: { policy: e.v } });
        break;
      case 'attr':
        result = updateContact(book, id, { attributes: { [e.n]: e.v === undefined ? undefined : `${e.v}-${side}` } });
        break;
      case 'remove':
        result = removeContact(book, id);
        break;
      case 'member':
        result = e.v ? addGroupMember(book, 'g', id) : removeGroupMember(book, 'g', id);
        break;
      case 'add': {
        const newId = `${side}${e.c}`;
        if (book.contacts.has(newId)) continue;
        result = addContact(book, { id: newId, name: newId });
        break;
      }
    }
    book = result.book;
    ops.push(...result.ops);
  }
  return { book, ops };
}

/** The book as plain data (sources and maps out of the way), for equality. */
function plain(book: AddressBook): string {
  return JSON.stringify({
    contacts: [...book.contacts.values()].map(contactData),
    groups: [...book.groups.values()].map(groupData),
    policies: [...book.policies.values()].map(policyData),
  });
}

const sides = fc.tuple(fc.array(edit, { maxLength: 12 }), fc.array(edit, { maxLength: 12 }));
const optionsArb: fc.Arbitrary<MergeOptions> = fc.record({
  fieldConflicts: fc.constantFrom('mine', 'theirs') as fc.Arbitrary<'mine' | 'theirs'>,
  deleteVersusEdit: fc.constantFrom('delete', 'keep') as fc.Arbitrary<'delete' | 'keep'>,
});

describe('mergeJournal properties', () => {
  it('never loses an edit the other side did not touch', () => {
    fc.assert(
      fc.property(sides, optionsArb, ([mineEdits, theirEdits], options) => {
        const base = baseBook();
        const mine = run(base, mineEdits, 'm');
        const theirs = run(base, theirEdits, 't').book;
        const merged = mergeJournal(base, theirs, mine.ops, options).book;
        const touched = new Set<string>();
        for (const op of mine.ops) {
          if (op.op === 'update-contact')
            for (const [key] of flattenChanges(op.changes)) touched.add(`${op.id} ${key}`);
        }
        for (const id of IDS) {
          const b = base.contacts.get(id);
          const m = mine.book.contacts.get(id);
          const t = theirs.contacts.get(id);
          const r = merged.contacts.get(id);
          if (b === undefined) continue;
          // Deletions on one side are the documented delete-versus-edit rule; skip those contacts.
          if (m === undefined || t === undefined) continue;
          if (r === undefined) throw new Error(`${id} vanished though neither side deleted it`);
          for (const key of FIELDS) {
            const [vb, vm, vt, vr] = [b, m, t, r].map((x) => fieldOf(x, key));
            if (vm !== vb && vt === vb && vr !== vm) throw new Error(`${id} ${key}: my edit lost`);
            if (vt !== vb && !touched.has(`${id} ${key}`) && vr !== vt)
              throw new Error(`${id} ${key}: their edit lost`);
          }
        }
        // Contacts and memberships only one side added survive.
        for (const book of [mine.book, theirs]) {
          for (const id of book.contacts.keys()) {
            if (!base.contacts.has(id) && !merged.contacts.has(id)) throw new Error(`added ${id} lost`);
          }
        }
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it('is idempotent: merging the journal again onto the result changes nothing', () => {
    fc.assert(
      fc.property(sides, optionsArb, ([mineEdits, theirEdits], options) => {
        const base = baseBook();
        const mine = run(base, mineEdits, 'm');
        const theirs = run(base, theirEdits, 't').book;
        const once = mergeJournal(base, theirs, mine.ops, options);
        const twice = mergeJournal(base, once.book, mine.ops, options);
        if (plain(twice.book) !== plain(once.book)) throw new Error('second merge changed the book');
        const rebased = mergeJournal(theirs, once.book, once.ops, options);
        if (plain(rebased.book) !== plain(once.book)) throw new Error('rebased journal does not reproduce the merge');
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it('with an untouched server copy, merging just replays the journal', () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 15 }), (edits) => {
        const base = baseBook();
        const mine = run(base, edits, 'm');
        const merged = mergeJournal(base, base, mine.ops);
        if (plain(merged.book) !== plain(mine.book)) throw new Error('replay differs from the local book');
        if (merged.conflicts.length > 0) throw new Error('conflicts without concurrent edits');
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
