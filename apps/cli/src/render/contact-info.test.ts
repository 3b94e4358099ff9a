import { describe, expect, it } from 'vitest';
import { createStyle } from '../frame/style.js';
import { contactOf, snapshotOf } from '../test-support/snapshot.js';
import { contactInfoJson, contactInfoLines } from './contact-info.js';

const plain = createStyle(false);

const pidf = `<?xml version="1.0"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:agp="urn:ag-projects:xml:ns:pidf" entity="sip:bob@example.com">
  <tuple id="t1"><status><basic>open</basic><agp:extended>busy</agp:extended></status><note>In a meeting</note></tuple>
</presence>`;

const bob = contactOf('c1', 'Bob', 'sip:bob@example.com', {
  availability: 'busy',
  notes: ['In a meeting'],
  byUri: [
    {
      uri: 'sip:bob@example.com',
      subscription: 'active',
      availability: 'busy',
      status: 'busy',
      notes: ['In a meeting'],
      devices: [{ id: 'd1', contact: 'sip:bob@example.com;gr=urn:uuid:1', availability: 'busy', notes: [] }],
      documents: [pidf, '<not-pidf'],
      updatedAt: 0,
    },
  ],
});

describe('contactInfoLines', () => {
  it('shows the switches, each address, what was received for it, and each PIDF document decoded', () => {
    const lines = contactInfoLines(snapshotOf({ contacts: [bob] }), bob, plain);
    expect(lines.slice(0, 5)).toEqual([
      'Bob  ● busy',
      '  id: c1',
      '  groups: -',
      '  subscribe: yes   allow: allow',
      '  * sip:bob@example.com (SIP)',
    ]);
    expect(lines).toContain('sip:bob@example.com  subscription active  ● busy');
    expect(lines).toContain('    reach this device at sip:bob@example.com;gr=urn:uuid:1');
    expect(lines).toContain('  PIDF document 1 of 2:');
    expect(lines).toContain('    sip:bob@example.com  ● busy');
    // A document that cannot be read is shown as its one-line error, not dropped.
    expect(lines.some((l) => /^ {4}PIDF_MALFORMED: /.test(l))).toBe(true);
  });

  it('says when nothing has been received', () => {
    const carol = contactOf('c2', 'Carol', 'sip:carol@example.com');
    expect(contactInfoLines(snapshotOf({ contacts: [carol] }), carol, plain).at(-1)).toBe(
      'nothing received for this contact yet',
    );
  });
});

describe('contactInfoJson', () => {
  it('adds the group names to the contact', () => {
    const grouped = { ...bob, groupIds: ['g1'] };
    const json = contactInfoJson(snapshotOf({ groups: [{ id: 'g1', name: 'Work', contactIds: ['c1'] }] }), grouped);
    expect(json).toMatchObject({ contact: { id: 'c1', groups: ['Work'] } });
  });
});
