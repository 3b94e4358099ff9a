import { qname, xmlElement, xmlText } from '@simplekit/xml';
import { describe, expect, it } from 'vitest';
import { PidfError } from '../errors.js';
import { PIDF_NS } from '../namespaces.js';
import { fixture } from '../test-support/fixtures.js';
import { parsePresence } from './read.js';
import { serializePresence, writePresence } from './write.js';

describe('serializePresence', () => {
  it('declares every namespace once on the root with Blink prefixes', () => {
    const xml = serializePresence(parsePresence(fixture('blink-seed.xml')));
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><presence xmlns="urn:ietf:params:xml:ns:pidf"')).toBe(
      true,
    );
    expect(xml.match(/xmlns(:[\w-]+)?="/g)).toHaveLength(7);
    expect(xml).toContain('xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"');
    expect(xml).toContain('<agp-caps:file-transfer>true</agp-caps:file-transfer>');
  });

  it('keeps the first of repeated timestamps, contacts and deviceIDs modelled across writes', () => {
    const xml =
      '<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" entity="sip:a@b">' +
      '<tuple id="t"><status><basic>open</basic></status><contact>sip:one@b</contact><contact>sip:two@b</contact>' +
      '<timestamp>2024-03-01T10:00:00Z</timestamp><timestamp>2024-03-01T09:30:00Z</timestamp></tuple>' +
      '<dm:person id="p"><dm:timestamp>2024-03-01T10:00:00Z</dm:timestamp><dm:timestamp>2024-03-01T09:30:00Z</dm:timestamp></dm:person>' +
      '<dm:device id="d"><dm:deviceID>one</dm:deviceID><dm:deviceID>two</dm:deviceID></dm:device></presence>';
    const doc = parsePresence(xml);
    const once = serializePresence(doc);
    const again = parsePresence(once);
    expect(again.tuples[0]?.contact?.uri.uri).toBe('sip:one@b');
    expect(again.tuples[0]?.timestamp).toBe('2024-03-01T10:00:00Z');
    expect(again.persons[0]?.timestamp).toBe('2024-03-01T10:00:00Z');
    expect(again.devices[0]?.deviceId).toBe('one');
    expect(serializePresence(again)).toBe(once);
  });

  it('honours caller prefixes', () => {
    const xml = serializePresence(parsePresence(fixture('rfc3863-example.xml')), { prefixes: { [PIDF_NS]: 'p' } });
    expect(xml).toContain('<p:presence xmlns:p="urn:ietf:params:xml:ns:pidf"');
    expect(xml).toContain('<p:note xml:lang="en">');
    expect(parsePresence(xml)).toEqual(parsePresence(fixture('rfc3863-example.xml')));
  });

  it('keeps a foreign prefix that clashes with a Blink prefix, declared where it is used', () => {
    const doc = parsePresence(
      '<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="e"><dm:thing xmlns:dm="urn:not-data-model">x</dm:thing></presence>',
    );
    const xml = serializePresence({
      ...doc,
      persons: [{ id: 'p', notes: [{ text: 'n' }], extensions: [], attributes: [] }],
    });
    expect(xml).toContain('<dm:thing xmlns:dm="urn:not-data-model">x</dm:thing>');
    expect(parsePresence(xml).extensions).toEqual(doc.extensions);
    expect(parsePresence(xml).persons[0]?.notes).toEqual([{ text: 'n' }]);
  });

  it('gives the tree for embedding', () => {
    const root = writePresence(parsePresence(fixture('rfc4482-example.xml')));
    expect(root.name).toEqual({ ns: PIDF_NS, local: 'presence' });
  });

  it('raises PIDF_UNSERIALIZABLE for values XML cannot carry', () => {
    const doc = parsePresence('<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="e"/>');
    const bad = { ...doc, notes: [{ text: 'bell \u0007' }] };
    expect(() => serializePresence(bad)).toThrow(PidfError);
    const badExtension = { ...doc, extensions: [xmlElement(qname('urn:x', '1bad'), { children: [xmlText('x')] })] };
    try {
      serializePresence(badExtension);
      expect.unreachable();
    } catch (error) {
      expect(error instanceof PidfError ? error.code : undefined).toBe('PIDF_UNSERIALIZABLE');
    }
  });
});
