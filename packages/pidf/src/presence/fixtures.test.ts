import { describe, expect, it } from 'vitest';
import { CAPS_NS } from '../namespaces.js';
import { fixture } from '../test-support/fixtures.js';
import { parsePresence } from './read.js';
import { summarize } from './summarize.js';
import { serializePresence } from './write.js';

describe('RFC example documents', () => {
  it.each([
    'rfc3863-example.xml',
    'rfc4479-example.xml',
    'rfc4480-example.xml',
    'rfc4482-example.xml',
    'rfc5196-example.xml',
    'blink-offline.xml',
  ])('%s round-trips to the same document', (name) => {
    const doc = parsePresence(fixture(name));
    expect(parsePresence(serializePresence(doc))).toEqual(doc);
  });

  it('RFC 3863: notes with xml:lang, priorities and status extensions', () => {
    const doc = parsePresence(fixture('rfc3863-example.xml'));
    expect(doc.entity.uri).toBe('pres:someone@example.com');
    expect(doc.tuples.map((t) => t.contact?.priority)).toEqual([0.8, 1]);
    expect(doc.tuples[0]?.notes).toEqual([
      { text: "Don't Disturb Please!", lang: 'en' },
      { text: "Ne dérangez pas, s'il vous plaît", lang: 'fr' },
    ]);
    expect(doc.tuples[0]?.status.extensions.map((e) => `${e.name.ns} ${e.name.local}`)).toEqual([
      'urn:ietf:params:xml:ns:pidf:im im',
      'http://id.example.com/presence/ location',
    ]);
    expect(doc.notes).toEqual([{ text: "I'll be in Tokyo next week" }]);
  });

  it('RFC 4479: person activities and device user-input', () => {
    const doc = parsePresence(fixture('rfc4479-example.xml'));
    expect(doc.tuples[0]?.deviceId).toBe('mac:8asd7d7d70');
    expect(doc.persons[0]?.activities?.values).toEqual(['on-the-phone']);
    expect(doc.devices[0]?.userInput).toEqual({ state: 'idle' });
    expect(summarize(doc).availability).toBe('busy');
    expect(summarize(doc).devices[0]).toMatchObject({
      id: 'mac:8asd7d7d70',
      idle: true,
      contact: 'sip:someone@example.com',
    });
  });

  it('RFC 4480: RPID person elements, with the unmodelled ones kept as XML', () => {
    const doc = parsePresence(fixture('rfc4480-example.xml'));
    const person = doc.persons[0];
    expect(person?.activities).toEqual({
      from: '2005-05-30T12:00:00+05:00',
      until: '2005-05-30T17:00:00+05:00',
      notes: [{ text: 'Far away' }],
      values: ['away'],
      other: [],
      extensions: [],
    });
    expect(person?.class).toBe('calendar');
    expect(person?.mood?.values).toEqual(['angry']);
    expect(person?.mood?.other).toEqual(['brooding']);
    expect(person?.placeType?.extensions.map((e) => e.name)).toEqual([
      { ns: 'urn:ietf:params:xml:ns:location-type', local: 'residence' },
    ]);
    expect(person?.privacy?.values).toEqual(['unknown']);
    expect(person?.sphere?.text).toBe('bowling league');
    expect(person?.timeOffset).toEqual({ minutes: -240 });
    expect(person?.notes).toEqual([{ text: 'Scoring 120' }]);
    expect(person?.extensions.map((e) => e.name.local)).toEqual(['place-is', 'status-icon']);
    expect(doc.tuples[0]?.extensions.map((e) => e.name.local)).toEqual(['relationship', 'service-class']);
    expect(doc.devices[0]?.userInput).toEqual({
      state: 'idle',
      idleThreshold: 600,
      lastInput: '2004-10-21T13:20:00.000-05:00',
    });
  });

  it('RFC 4482: CIPID on a person', () => {
    const person = parsePresence(fixture('rfc4482-example.xml')).persons[0];
    expect(person?.displayName).toBe('Mr. Someone');
    expect(person?.card?.uri).toBe('http://example.com/~someone/card.vcd');
    expect(person?.homepage?.uri).toBe('http://example.com/~someone');
    expect(person?.icon?.uri).toBe('http://example.com/~someone/icon.gif');
    expect(person?.map?.uri).toBe('http://example.com/~someone/gml-map.xml');
    expect(person?.sound?.uri).toBe('http://example.com/~someone/whoosh.wav');
    expect(summarize(parsePresence(fixture('rfc4482-example.xml'))).iconUrl).toBe(
      'http://example.com/~someone/icon.gif',
    );
  });

  it('RFC 5196: boolean capabilities as flags, structured ones as XML', () => {
    const doc = parsePresence(fixture('rfc5196-example.xml'));
    expect(doc.tuples[0]?.capabilities?.flags).toEqual([
      { ns: CAPS_NS, name: 'audio', supported: true },
      { ns: CAPS_NS, name: 'video', supported: false },
    ]);
    expect(doc.tuples[0]?.capabilities?.extensions.map((e) => e.name.local)).toEqual([
      'methods',
      'event-packages',
      'duplex',
    ]);
    const summary = summarize(doc);
    expect(summary.devices.map((d) => [d.tupleId, d.availability, d.gruu, d.capabilities])).toEqual([
      ['bs78', 'available', true, ['audio']],
      ['ty4', 'offline', false, ['text']],
    ]);
  });
});
