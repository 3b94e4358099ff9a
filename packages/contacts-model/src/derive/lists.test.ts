import { describe, expect, it } from 'vitest';
import { emptyAddressBook } from '../model/types.js';
import { addContact } from '../operations/contact.js';
import { addPolicy } from '../operations/policy.js';
import { deriveLists } from './lists.js';

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
