import { parseXml, stripPrefixes } from '@simplekit/xml';
import { describe, expect, it } from 'vitest';
import { PidfError } from '../errors.js';
import { AGP_CAPS_NS, CAPS_NS } from '../namespaces.js';
import { fixture, fixtureText } from '../test-support/fixtures.js';
import { parsePresence } from './read.js';
import { serializePresence } from './write.js';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof PidfError ? error.code : `not a PidfError: ${String(error)}`;
  }
  return 'no error';
}

const PIDF_OPEN = '<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:a@example.com">';

describe('parsePresence on the Blink seed document', () => {
  const doc = parsePresence(fixture('blink-seed.xml'));
  const tuple = doc.tuples[0];

  it('reads the tuple: status, CIPID, device-info, caps, user-input, deviceID, contact, note, timestamp', () => {
    expect(doc.entity).toEqual({ raw: 'sip:ag@test.sip2sip.info', uri: 'sip:ag@test.sip2sip.info' });
    expect(doc.tuples).toHaveLength(1);
    expect(tuple?.id).toBe('SID-f4649f87-1aa3-44ec-ab49-d0464528d706');
    expect(tuple?.status).toEqual({ basic: 'open', extended: 'away', extensions: [] });
    expect(tuple?.displayName).toBe('Adrian Georgescu');
    expect(tuple?.map).toEqual({ raw: 'Netherlands/Haarlem', uri: 'Netherlands/Haarlem' });
    expect(tuple?.icon?.uri).toBe(
      'https://xcap.test.sipthor.net/xcap-root/org.openmobilealliance.pres-content/users/sip:ag@test.sip2sip.info/oma_status-icon/index',
    );
    expect(tuple?.icon?.raw).toMatch(/^https%3A\/\/xcap\.test\.sipthor\.net\//);
    expect(tuple?.homepage).toEqual({ raw: 'http%3A//georgescu.info', uri: 'http://georgescu.info' });
    expect(tuple?.deviceInfo).toEqual({
      id: 'f4649f87-1aa3-44ec-ab49-d0464528d706',
      description: 'imac3-2',
      userAgent: 'Blink Pro 2.0.0 (MacOSX)',
      timeOffset: { minutes: 120 },
      extensions: [],
    });
    expect(tuple?.capabilities).toEqual({
      flags: [
        { ns: CAPS_NS, name: 'audio', supported: true },
        { ns: CAPS_NS, name: 'message', supported: true },
        { ns: CAPS_NS, name: 'text', supported: true },
        { ns: AGP_CAPS_NS, name: 'file-transfer', supported: true },
        { ns: AGP_CAPS_NS, name: 'screen-sharing', supported: true },
      ],
      extensions: [],
    });
    expect(tuple?.userInput).toEqual({ state: 'active', idleThreshold: 600 });
    expect(tuple?.deviceId).toBe('f4649f87-1aa3-44ec-ab49-d0464528d706');
    expect(tuple?.contact).toEqual({ uri: { raw: 'sip%3Aag%40test.sip2sip.info', uri: 'sip:ag@test.sip2sip.info' } });
    expect(tuple?.notes).toEqual([{ text: '' }]);
    expect(tuple?.timestamp).toBe('2012-09-21T12:53:57.802353+02:00');
    expect(tuple?.extensions).toEqual([]);
  });

  it('reads the person and the device', () => {
    expect(doc.persons).toEqual([
      {
        id: 'PID-5c82e1b170c9aa1a670c4388052657f2',
        timeOffset: { minutes: 120 },
        timestamp: '2012-09-21T12:53:57.802353+02:00',
        notes: [],
        extensions: [],
        attributes: [],
      },
    ]);
    expect(doc.devices).toEqual([
      {
        id: 'DID-f4649f87-1aa3-44ec-ab49-d0464528d706',
        deviceId: 'f4649f87-1aa3-44ec-ab49-d0464528d706',
        notes: [{ text: 'Blink Pro 2.0.0 (MacOSX) at imac3-2' }],
        timestamp: '2012-09-21T12:53:57.802353+02:00',
        extensions: [],
        attributes: [],
      },
    ]);
  });

  it('decodes the same values when other prefixes and default namespaces are used', () => {
    expect(parsePresence(fixtureText('blink-seed-other-prefixes.xml'))).toEqual(doc);
  });

  it('survives a round trip with nothing lost, element for element', () => {
    const written = serializePresence(doc);
    expect(parsePresence(written)).toEqual(doc);
    const original = stripPrefixes(parseXml(fixture('blink-seed.xml'), { ignoreWhitespace: true }));
    expect(stripPrefixes(parseXml(written))).toEqual(original);
  });
});

describe('parsePresence leniency and losslessness', () => {
  it('keeps unknown elements and attributes at every level', () => {
    const xml = `<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:x="urn:x" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" xmlns:caps="urn:ietf:params:xml:ns:pidf:caps" xmlns:agp="urn:ag-projects:xml:ns:pidf" entity="sip:a@b" x:flag="1">
      <tuple id="t" x:t="2"><status><basic>open</basic><x:mood>grim</x:mood></status><x:blob a="b"><x:inner/></x:blob>
        <caps:servcaps><caps:audio>true</caps:audio><caps:methods><caps:supported><caps:INVITE/></caps:supported></caps:methods></caps:servcaps>
        <agp:device-info id="d"><agp:description>h</agp:description><x:extra/></agp:device-info>
        <rpid:activities><rpid:busy/><x:skiing/></rpid:activities>
        <contact priority="0.5">sip:a@b</contact></tuple>
      <x:top>t</x:top></presence>`;
    const doc = parsePresence(xml);
    const tuple = doc.tuples[0];
    expect(doc.attributes.map((a) => `${a.prefix}:${a.local}=${a.value}`)).toEqual(['x:flag=1']);
    expect(tuple?.attributes.map((a) => a.local)).toEqual(['t']);
    expect(tuple?.status.extensions.map((e) => e.name)).toEqual([{ ns: 'urn:x', local: 'mood' }]);
    expect(tuple?.extensions.map((e) => e.name.local)).toEqual(['blob']);
    expect(tuple?.capabilities?.extensions.map((e) => e.name.local)).toEqual(['methods']);
    expect(tuple?.deviceInfo?.extensions.map((e) => e.name.local)).toEqual(['extra']);
    expect(tuple?.activities?.values).toEqual(['busy']);
    expect(tuple?.activities?.extensions.map((e) => e.name.local)).toEqual(['skiing']);
    expect(tuple?.contact?.priority).toBe(0.5);
    expect(doc.extensions.map((e) => e.name.local)).toEqual(['top']);
    const again = parsePresence(serializePresence(doc));
    expect(again).toEqual(doc);
    expect(serializePresence(doc)).toContain('<x:blob a="b"><x:inner/></x:blob>');
  });

  it('keeps an element it cannot read exactly as XML instead of failing', () => {
    const doc = parsePresence(
      `${PIDF_OPEN}<tuple id="t"><status><basic>maybe</basic></status><contact priority="7">sip:x</contact></tuple><tuple><status/></tuple></presence>`,
    );
    expect(doc.tuples[0]?.status.basic).toBeUndefined();
    expect(doc.tuples[0]?.status.extensions.map((e) => e.name.local)).toEqual(['basic']);
    expect(doc.tuples[0]?.contact).toBeUndefined();
    expect(doc.tuples[0]?.extensions.map((e) => e.name.local)).toEqual(['contact']);
    expect(doc.tuples).toHaveLength(1);
    expect(doc.extensions.map((e) => e.name.local)).toEqual(['tuple']);
    expect(parsePresence(serializePresence(doc))).toEqual(doc);
  });

  it('reads time offsets as numbers, -0 as 0', () => {
    const doc = parsePresence(
      `<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="e"><dm:person id="p"><rpid:time-offset>-0</rpid:time-offset></dm:person><dm:person id="q"><rpid:time-offset description="Home">-90.5</rpid:time-offset></dm:person></presence>`,
    );
    expect(Object.is(doc.persons[0]?.timeOffset?.minutes, 0)).toBe(true);
    expect(doc.persons[1]?.timeOffset).toEqual({ minutes: -90.5, description: 'Home' });
  });

  it('reads Blink offline presence with decimal time offsets', () => {
    const doc = parsePresence(fixture('blink-offline.xml'));
    expect(doc.tuples[0]?.status.basic).toBe('closed');
    expect(doc.persons[0]?.activities?.other).toEqual(['offline']);
    expect(doc.persons[0]?.timeOffset).toEqual({ minutes: 120 });
  });

  it('keeps a colon-bearing URI as written and decodes Blink-encoded ones', () => {
    const doc = parsePresence(
      `<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip%3Aa%40b"><tuple id="t"><status/><contact>sip:a%20b@c</contact></tuple></presence>`,
    );
    expect(doc.entity.uri).toBe('sip:a@b');
    expect(doc.tuples[0]?.contact?.uri.uri).toBe('sip:a%20b@c');
  });
});

describe('parsePresence errors', () => {
  it.each([
    ['malformed XML', '<presence', 'PIDF_MALFORMED'],
    ['a DOCTYPE', '<!DOCTYPE presence [<!ENTITY x "y">]><presence/>', 'PIDF_HOSTILE'],
    ['an unknown entity', `${PIDF_OPEN}<note>&x;</note></presence>`, 'PIDF_HOSTILE'],
    ['the wrong namespace', '<presence xmlns="urn:other" entity="sip:a@b"/>', 'PIDF_WRONG_NAMESPACE'],
    ['the wrong root', '<watcherinfo xmlns="urn:ietf:params:xml:ns:pidf"/>', 'PIDF_WRONG_NAMESPACE'],
    ['no entity', '<presence xmlns="urn:ietf:params:xml:ns:pidf"/>', 'PIDF_INVALID'],
  ])('rejects %s', (_, xml, code) => {
    expect(codeOf(() => parsePresence(xml))).toBe(code);
  });

  it('rejects deep nesting as hostile', () => {
    const deep = `${PIDF_OPEN}${'<x>'.repeat(5000)}${'</x>'.repeat(5000)}</presence>`;
    expect(codeOf(() => parsePresence(deep))).toBe('PIDF_HOSTILE');
  });
});
