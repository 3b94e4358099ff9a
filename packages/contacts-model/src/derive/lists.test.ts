import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyAddressBook } from '../model/types.js';
import { addContact, removeContact, updateContact } from '../operations/contact.js';
import { addPolicy, removePolicy } from '../operations/policy.js';
import { addContactUri } from '../operations/uri.js';
import { computeEventLists, deriveLists } from './lists.js';

describe('deriveLists (Blink precedence)', () => {
  it('lets a contact decision beat a policy element and a block beat an allow', () => {
    let book = emptyAddressBook();
    book = addContact(book, {
      id: 'a',
      name: 'A',
      uris: [{ uri: 'sip:a@x' }, { uri: 'sip:shared@x' }],
      presence: { policy: 'allow', subscribe: true },
    }).book;
    book = addContact(book, {
      id: 'b',
      name: 'B',
      uris: [{ uri: 'sip:shared@x' }],
      presence: { policy: 'block' },
      dialog: { policy: 'allow', subscribe: true },
    }).book;
    book = addPolicy(book, { uri: 'sip:a@x', presence: { policy: 'block', subscribe: true } }).book;
    book = addPolicy(book, { uri: 'sip:p@x', presence: { policy: 'allow', subscribe: true } }).book;
    book = addPolicy(book, { uri: 'sip:q@x', presence: { policy: 'block' } }).book;
    expect(deriveLists(book)).toEqual({
      presence: {
        granted: ['sip:a@x', 'sip:p@x'],
        blocked: ['sip:q@x', 'sip:shared@x'],
        subscribe: ['sip:a@x', 'sip:p@x', 'sip:shared@x'],
      },
      dialog: { granted: ['sip:shared@x'], blocked: [], subscribe: ['sip:shared@x'] },
    });
  });

  it('derives nothing from an empty book', () => {
    const empty = { granted: [], blocked: [], subscribe: [] };
    expect(deriveLists(emptyAddressBook())).toEqual({ presence: empty, dialog: empty });
  });
});

describe('incremental derivation', () => {
  it('matches a from-scratch derivation after every edit of a random edit chain', () => {
    const uri = fc.constantFrom('sip:a@x', 'sip:b@x', 'sip:c@x', 'sip:d@x');
    const policy = fc.constantFrom('allow', 'block', 'default') as fc.Arbitrary<'allow' | 'block' | 'default'>;
    const step = fc.oneof(
      fc.record({
        k: fc.constant('contact' as const),
        id: fc.nat(3),
        uris: fc.array(uri, { maxLength: 3 }),
        p: policy,
        s: fc.boolean(),
      }),
      fc.record({ k: fc.constant('update' as const), id: fc.nat(3), p: policy, s: fc.boolean(), d: policy }),
      fc.record({ k: fc.constant('uri' as const), id: fc.nat(3), u: uri }),
      fc.record({ k: fc.constant('remove' as const), id: fc.nat(3) }),
      fc.record({ k: fc.constant('policy' as const), id: fc.nat(3), u: uri, p: policy, s: fc.boolean() }),
      fc.record({ k: fc.constant('unpolicy' as const), id: fc.nat(3) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        let book = emptyAddressBook();
        deriveLists(book);
        for (const s of steps) {
          const cid = `c${s.id}`;
          const pid = `p${s.id}`;
          if (s.k === 'contact' && !book.contacts.has(cid)) {
            book = addContact(book, {
              id: cid,
              name: cid,
              uris: s.uris.map((u) => ({ uri: u })),
              presence: { policy: s.p, subscribe: s.s },
            }).book;
          } else if (s.k === 'update' && book.contacts.has(cid)) {
            book = updateContact(book, cid, {
              presence: { policy: s.p, subscribe: s.s },
              dialog: { policy: s.d },
            }).book;
          } else if (s.k === 'uri' && book.contacts.has(cid)) {
            book = addContactUri(book, cid, { uri: s.u }).book;
          } else if (s.k === 'remove' && book.contacts.has(cid)) {
            book = removeContact(book, cid).book;
          } else if (s.k === 'policy' && !book.policies.has(pid)) {
            book = addPolicy(book, { id: pid, uri: s.u, presence: { policy: s.p, subscribe: s.s } }).book;
          } else if (s.k === 'unpolicy' && book.policies.has(pid)) {
            book = removePolicy(book, pid).book;
          }
          const incremental = deriveLists(book);
          const scratch = { presence: computeEventLists(book, 'presence'), dialog: computeEventLists(book, 'dialog') };
          expect(incremental).toEqual(scratch);
        }
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('keeps lists handed out earlier unchanged by later edits', () => {
    let book = addContact(emptyAddressBook(), {
      id: 'a',
      name: 'A',
      uris: [{ uri: 'sip:a@x' }],
      presence: { policy: 'allow' },
    }).book;
    const before = deriveLists(book);
    book = updateContact(book, 'a', { presence: { policy: 'block' } }).book;
    expect(before.presence.granted).toEqual(['sip:a@x']);
    expect(deriveLists(book).presence.granted).toEqual([]);
  });
});
