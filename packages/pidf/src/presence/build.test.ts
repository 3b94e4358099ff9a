import { parseXml, stripPrefixes } from '@simplekit/xml';
import { describe, expect, it } from 'vitest';
import { fixture } from '../test-support/fixtures.js';
import { buildPresence, type OwnPresenceState } from './build.js';
import { parsePresence } from './read.js';
import { summarize } from './summarize.js';
import { serializePresence } from './write.js';

const SEED_STATE: OwnPresenceState = {
  entity: 'sip:ag@test.sip2sip.info',
  status: 'away',
  displayName: 'Adrian Georgescu',
  location: 'Netherlands/Haarlem',
  iconUrl:
    'https://xcap.test.sipthor.net/xcap-root/org.openmobilealliance.pres-content/users/sip:ag@test.sip2sip.info/oma_status-icon/index',
  homepage: 'http://georgescu.info',
  device: {
    id: 'f4649f87-1aa3-44ec-ab49-d0464528d706',
    description: 'imac3-2',
    userAgent: 'Blink Pro 2.0.0 (MacOSX)',
    timeOffset: 120,
    idle: false,
    idleThreshold: 600,
  },
  capabilities: ['audio', 'message', 'text', 'file-transfer', 'screen-sharing'],
  contact: 'sip:ag@test.sip2sip.info',
  timestamp: new Date('2012-09-21T10:53:57.802Z'),
  personId: 'PID-5c82e1b170c9aa1a670c4388052657f2',
};

/** The seed with its timestamps as `Date#toISOString` writes the same instant. */
function seedWithUtcTimestamps(): unknown {
  const text = new TextDecoder()
    .decode(fixture('blink-seed.xml'))
    .replaceAll('2012-09-21T12:53:57.802353+02:00', '2012-09-21T10:53:57.802Z');
  return stripPrefixes(parseXml(text, { ignoreWhitespace: true }));
}

describe('buildPresence', () => {
  it('writes what Blink writes for the seed state, element for element', () => {
    const xml = serializePresence(buildPresence(SEED_STATE));
    expect(stripPrefixes(parseXml(xml))).toEqual(seedWithUtcTimestamps());
    expect(xml).toContain('<c:icon>https%3A//xcap.test.sipthor.net/xcap-root/');
    expect(xml).toContain('<contact>sip%3Aag%40test.sip2sip.info</contact>');
  });

  it('publishes offline as basic closed with <rpid:other>offline</rpid:other>', () => {
    const doc = buildPresence({ ...SEED_STATE, status: 'offline', note: 'Back soon' });
    expect(doc.tuples[0]?.status).toEqual({ basic: 'closed', extended: 'offline', extensions: [] });
    expect(doc.persons[0]?.activities?.other).toEqual(['offline']);
    const xml = serializePresence(doc);
    expect(xml).toContain('<rpid:activities><rpid:other>offline</rpid:other></rpid:activities>');
    expect(summarize(parsePresence(xml))).toMatchObject({ availability: 'offline', notes: ['Back soon'] });
  });

  it('leaves location out when not published, writes idle and a GRUU contact', () => {
    const doc = buildPresence({
      ...SEED_STATE,
      location: undefined,
      device: { id: 'dev1', idle: true, idleThreshold: 300, lastInput: new Date('2020-01-01T00:00:00Z') },
      contact: 'sip:ag@test.sip2sip.info;gr=urn:uuid:dev1',
    });
    const summary = summarize(parsePresence(serializePresence(doc)));
    expect(summary.location).toBeUndefined();
    expect(summary.devices[0]).toMatchObject({ id: 'dev1', idle: true, gruu: true });
    expect(doc.tuples[0]?.userInput).toEqual({
      state: 'idle',
      idleThreshold: 300,
      lastInput: '2020-01-01T00:00:00.000Z',
    });
  });

  it('derives a stable person id from the entity', () => {
    const { personId: _, ...state } = SEED_STATE;
    const a = buildPresence(state).persons[0]?.id;
    expect(a).toMatch(/^PID-[0-9a-f]{32}$/);
    expect(buildPresence(state).persons[0]?.id).toBe(a);
    expect(buildPresence({ ...state, entity: 'sip:other@example.com' }).persons[0]?.id).not.toBe(a);
  });
});
