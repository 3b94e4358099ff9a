import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdit, policyId } from './apply-edit.js';
import type { AddressBookEdit } from './edits.js';
import { validateEdit } from './edits.js';
import { type AddressBook, EMPTY_ADDRESS_BOOK } from './types.js';

const bob: AddressBookEdit = {
  op: 'addContact',
  id: 'c1',
  name: 'Bob',
  uris: [{ id: 'u1', uri: 'sip:bob@example.com', type: 'SIP' }],
  defaultUri: 'u1',
  presence: { policy: 'allow', subscribe: true },
  groupIds: ['g1'],
};

function book(...edits: AddressBookEdit[]): AddressBook {
  return edits.reduce(applyEdit, EMPTY_ADDRESS_BOOK);
}

describe('applyEdit', () => {
  it('adds a contact with both presence switches and puts it in its groups', () => {
    const b = book({ op: 'addGroup', id: 'g1', name: 'Friends' }, bob);
    expect(b.contacts).toEqual([
      {
        id: 'c1',
        name: 'Bob',
        uris: [{ id: 'u1', uri: 'sip:bob@example.com', type: 'SIP' }],
        defaultUri: 'u1',
        presence: { policy: 'allow', subscribe: true },
        dialog: { policy: 'default', subscribe: false },
        attributes: {},
      },
    ]);
    expect(b.groups).toEqual([{ id: 'g1', name: 'Friends', contactIds: ['c1'] }]);
  });

  it('updates only the fields an edit names', () => {
    const b = book(bob, { op: 'updateContact', id: 'c1', presence: { subscribe: false }, name: 'Robert' });
    expect(b.contacts[0]).toMatchObject({ name: 'Robert', presence: { policy: 'allow', subscribe: false } });
  });

  it('removes a contact from its groups too', () => {
    const b = book({ op: 'addGroup', id: 'g1', name: 'F' }, bob, { op: 'removeContact', id: 'c1' });
    expect(b.contacts).toEqual([]);
    expect(b.groups[0]?.contactIds).toEqual([]);
  });

  it('records a watcher decision on the contact that has the address, else on a policy element', () => {
    const onContact = book(bob, { op: 'setPolicy', uri: 'sip:bob@example.com', policy: 'block' });
    expect(onContact.contacts[0]?.presence.policy).toBe('block');
    expect(onContact.policies).toEqual([]);
    const onPolicy = book({ op: 'setPolicy', uri: 'sip:eve@example.com', policy: 'block', name: 'Eve' });
    expect(onPolicy.policies).toEqual([
      {
        id: policyId('sip:eve@example.com'),
        uri: 'sip:eve@example.com',
        name: 'Eve',
        presence: { policy: 'block', subscribe: false },
      },
    ]);
    expect(applyEdit(onPolicy, { op: 'setPolicy', uri: 'sip:eve@example.com', policy: 'default' }).policies).toEqual(
      [],
    );
  });

  it('drops a policy element when the address becomes a contact', () => {
    const b = book({ op: 'setPolicy', uri: 'sip:bob@example.com', policy: 'allow' }, bob);
    expect(b.policies).toEqual([]);
  });

  it('is idempotent for every edit (journal replay after a crash applies edits twice)', () => {
    const uri = fc.constantFrom('sip:a@x', 'sip:b@x', 'sip:c@x');
    const id = fc.constantFrom('c1', 'c2', 'g1', 'g2');
    const edit: fc.Arbitrary<AddressBookEdit> = fc.oneof(
      fc.record({
        op: fc.constant('addContact' as const),
        id,
        name: fc.string(),
        uris: fc.array(fc.record({ id: fc.constant('u'), uri }), { maxLength: 2 }),
        presence: fc.record({ policy: fc.constantFrom('allow' as const, 'block' as const), subscribe: fc.boolean() }),
        groupIds: fc.array(id, { maxLength: 2 }),
      }),
      fc.record({ op: fc.constant('updateContact' as const), id, name: fc.string() }),
      fc.record({ op: fc.constant('removeContact' as const), id }),
      fc.record({ op: fc.constant('addGroup' as const), id, name: fc.string() }),
      fc.record({ op: fc.constant('renameGroup' as const), id, name: fc.string() }),
      fc.record({ op: fc.constant('removeGroup' as const), id }),
      fc.record({ op: fc.constant('setGroupMember' as const), groupId: id, contactId: id, member: fc.boolean() }),
      fc.record({
        op: fc.constant('setPolicy' as const),
        uri,
        policy: fc.constantFrom('allow' as const, 'block' as const, 'default' as const),
      }),
    );
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 6 }), edit, (setup, e) => {
        const base = setup.reduce(applyEdit, EMPTY_ADDRESS_BOOK);
        const once = applyEdit(base, e);
        expect(applyEdit(once, e)).toEqual(once);
        expect(validateEdit(JSON.parse(JSON.stringify(e)))).toEqual(e);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('validateEdit', () => {
  it('accepts a known edit and rejects anything else with a TypeError', () => {
    expect(validateEdit({ op: 'removeContact', id: 'x' })).toEqual({ op: 'removeContact', id: 'x' });
    for (const bad of [
      null,
      1,
      [],
      { op: 'nope' },
      { op: 'removeContact' },
      { op: 'addContact', id: 'a', name: 'b' },
    ]) {
      expect(() => validateEdit(bad)).toThrow(TypeError);
    }
  });

  it('never throws anything but a TypeError on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        try {
          validateEdit(v);
        } catch (error) {
          expect(error).toBeInstanceOf(TypeError);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
