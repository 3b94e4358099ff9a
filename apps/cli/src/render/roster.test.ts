import { describe, expect, it } from 'vitest';
import { createStyle } from '../frame/style.js';
import { contactOf, snapshotOf, watcherOf } from '../test-support/snapshot.js';
import { rosterJson, rosterLines } from './roster.js';
import { rosterFacts } from './roster-facts.js';

const plain = createStyle(false);

const bob = contactOf('c1', 'Bob', 'sip:bob@example.com', {
  availability: 'busy',
  notes: ['In a meeting'],
  devices: [
    { id: 'd1', description: 'bob-laptop', availability: 'busy', notes: [] },
    { id: 'd2', userAgent: 'Blink iOS', availability: 'away', idle: true, notes: [] },
  ],
});
const carol = contactOf('c2', 'Carol', 'sip:carol@example.com', { pending: true });
const snapshot = snapshotOf({
  own: { status: 'away', note: 'Lunch', history: [] },
  groups: [{ id: 'g1', name: 'Work', contactIds: ['c1'] }],
  contacts: [{ ...bob, groupIds: ['g1'] }, carol],
  newContactRequests: [watcherOf('sip:dave@example.com', 'pending', 'Dave')],
  watching: [watcherOf('sip:bob@example.com', 'active')],
  blocked: [{ uri: 'sip:mallory@example.com' }],
});

describe('rosterLines', () => {
  it('puts New Contact Requests on top and Blocked at the bottom, groups in between', () => {
    expect(rosterLines(snapshot, plain)).toEqual([
      'sip:alice@example.com  ◐ away  “Lunch”',
      '',
      'New Contact Requests (1)',
      '  Dave <sip:dave@example.com>  allow or deny: simplekit watchers allow|deny <uri>',
      '',
      'Work',
      '  ● busy  Bob  sip:bob@example.com  “In a meeting”  (2 devices)',
      '      on bob-laptop, Blink iOS away idle',
      '',
      'Other contacts',
      '  … waiting for authorisation  Carol  sip:carol@example.com',
      '',
      'People watching my presence',
      '  sip:bob@example.com',
      '',
      'Blocked',
      '  sip:mallory@example.com',
    ]);
  });

  it('says what is wrong with the account on the second line', () => {
    const failing = snapshotOf({
      health: { ...snapshot.health, registration: { state: 'failed', since: 0, reason: '403 Forbidden' } },
    });
    expect(rosterLines(failing, plain)[1]).toBe('  registration failed: 403 Forbidden');
  });
});

describe('rosterFacts', () => {
  it('keys each fact so that a line view prints only what changed', () => {
    const before = rosterFacts(snapshot, plain);
    const after = rosterFacts(
      { ...snapshot, contacts: [{ ...bob, live: { ...bob.live, availability: 'available', notes: [] } }, carol] },
      plain,
    );
    const changed = [...after].filter(([key, text]) => before.get(key) !== text).map(([, text]) => text);
    expect(changed).toEqual(['● available  Bob  sip:bob@example.com  (2 devices)']);
  });
});

describe('rosterJson', () => {
  it('gives the same sections with the engine values', () => {
    const json = rosterJson(snapshot);
    expect(json).toMatchObject({
      account: 'sip:alice@example.com',
      own: { status: 'away', note: 'Lunch' },
      newContactRequests: [{ uri: 'sip:dave@example.com', status: 'pending' }],
      blocked: [{ uri: 'sip:mallory@example.com' }],
    });
    expect(json.contacts).toEqual([
      expect.objectContaining({ name: 'Bob', availability: 'busy', notes: ['In a meeting'], groupIds: ['g1'] }),
      expect.objectContaining({ name: 'Carol', pending: true }),
    ]);
  });
});
