import { describe, expect, it } from 'vitest';
import { fixture } from '../test-support/fixtures.js';
import { parsePresence } from './read.js';
import { summarize } from './summarize.js';
import { serializePresence } from './write.js';

const OPEN =
  '<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" xmlns:agp="urn:ag-projects:xml:ns:pidf" entity="sip:bob@example.com">';

function tuple(id: string, status: string, extra = ''): string {
  return `<tuple id="${id}"><status>${status}</status>${extra}</tuple>`;
}

describe('summarize', () => {
  it('shows the Blink seed as away with its note, icon, homepage, location and device', () => {
    const summary = summarize(parsePresence(fixture('blink-seed.xml')));
    expect(summary).toEqual({
      entity: 'sip:ag@test.sip2sip.info',
      availability: 'away',
      notes: [],
      displayName: 'Adrian Georgescu',
      iconUrl:
        'https://xcap.test.sipthor.net/xcap-root/org.openmobilealliance.pres-content/users/sip:ag@test.sip2sip.info/oma_status-icon/index',
      homepage: 'http://georgescu.info',
      location: 'Netherlands/Haarlem',
      devices: [
        {
          id: 'f4649f87-1aa3-44ec-ab49-d0464528d706',
          tupleId: 'SID-f4649f87-1aa3-44ec-ab49-d0464528d706',
          availability: 'away',
          description: 'imac3-2',
          userAgent: 'Blink Pro 2.0.0 (MacOSX)',
          contact: 'sip:ag@test.sip2sip.info',
          gruu: false,
          timeOffset: 120,
          idle: false,
          capabilities: ['audio', 'message', 'text', 'file-transfer', 'screen-sharing'],
          timestamp: '2012-09-21T12:53:57.802353+02:00',
        },
      ],
    });
  });

  it('combines two Blink devices aggregated by the presence agent', () => {
    const doc = parsePresence(fixture('aggregated-two-devices.xml'));
    const summary = summarize(doc);
    expect(summary.availability).toBe('available');
    expect(summary.notes).toEqual(['At my desk', 'Lunch', 'Working']);
    expect(summary.displayName).toBe('Alice');
    expect(summary.homepage).toBe('http://alice.example.com');
    expect(summary.iconUrl).toBe(
      'https://xcap.example.com/xcap-root/org.openmobilealliance.pres-content/users/sip:alice@example.com/oma_status-icon/index',
    );
    expect(summary.devices).toEqual([
      {
        id: 'desktop',
        tupleId: 'SID-desktop',
        availability: 'available',
        description: 'desktop',
        userAgent: 'Blink Pro 2.0.0 (MacOSX)',
        contact: 'sip:alice@example.com;gr=urn:uuid:desktop',
        gruu: true,
        priority: 0.5,
        idle: false,
        capabilities: ['audio', 'video', 'file-transfer'],
        timestamp: '2024-03-01T09:30:00Z',
      },
      {
        id: 'laptop',
        tupleId: 'SID-laptop',
        availability: 'away',
        description: 'laptop',
        userAgent: 'Blink 5.1.0 (Linux)',
        contact: 'sip:alice@example.com;gr=urn:uuid:laptop',
        gruu: true,
        timeOffset: 60,
        idle: true,
        capabilities: ['audio'],
        timestamp: '2024-03-01T10:00:00Z',
      },
    ]);
    expect(parsePresence(serializePresence(doc))).toEqual(doc);
  });

  it('is offline for Blink offline presence and still shows the offline notes', () => {
    const summary = summarize(parsePresence(fixture('blink-offline.xml')));
    expect(summary.availability).toBe('offline');
    expect(summary.notes).toEqual(['Gone fishing', 'Back on Monday']);
  });

  it('prefers the most available open service, then priority, then freshness', () => {
    const doc = parsePresence(
      `${OPEN}${tuple('a', '<basic>open</basic><agp:extended>busy</agp:extended>', '<contact priority="1">sip:a</contact><note>on a call</note>')}${tuple('b', '<basic>open</basic>', '<contact priority="0.2">sip:b;gr=x</contact><note>at my desk</note><timestamp>2020-01-01T00:00:00Z</timestamp>')}${tuple('c', '<basic>open</basic>', '<contact priority="0.2">sip:c</contact><timestamp>2021-01-01T00:00:00Z</timestamp>')}${tuple('d', '<basic>closed</basic>')}</presence>`,
    );
    const summary = summarize(doc);
    expect(summary.availability).toBe('available');
    expect(summary.devices.map((d) => d.tupleId)).toEqual(['c', 'b', 'a', 'd']);
    expect(summary.devices.map((d) => d.gruu)).toEqual([false, true, false, false]);
    expect(summary.notes).toEqual(['at my desk', 'on a call']);
  });

  it('reads availability from the freshest person when the tuple only says open, and idle as away', () => {
    const busy = `${OPEN}${tuple('t', '<basic>open</basic>')}<dm:person id="old"><rpid:activities><rpid:vacation/></rpid:activities><dm:timestamp>2020-01-01T00:00:00Z</dm:timestamp></dm:person><dm:person id="new"><rpid:activities><rpid:on-the-phone/></rpid:activities><dm:timestamp>2021-01-01T00:00:00Z</dm:timestamp></dm:person></presence>`;
    expect(summarize(parsePresence(busy)).availability).toBe('busy');
    const idle = `${OPEN}${tuple('t', '<basic>open</basic>', '<rpid:user-input>idle</rpid:user-input>')}</presence>`;
    expect(summarize(parsePresence(idle)).availability).toBe('away');
    expect(summarize(parsePresence(idle)).devices[0]?.idle).toBe(true);
  });

  it('is offline without tuples or with only closed ones', () => {
    expect(summarize(parsePresence(`${OPEN}</presence>`)).availability).toBe('offline');
    expect(
      summarize(
        parsePresence(`${OPEN}${tuple('t', '<basic>closed</basic><agp:extended>available</agp:extended>')}</presence>`),
      ).availability,
    ).toBe('offline');
  });
});
