import { qname, type XmlElement, xmlAttribute, xmlElement, xmlText } from '@simplekit/xml';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PidfError } from '../errors.js';
import { AGP_CAPS_NS, CAPS_NS } from '../namespaces.js';
import { fixtureText } from '../test-support/fixtures.js';
import { decodeUriText } from '../uri.js';
import type { Device, Person, PresenceCharacteristics, PresenceDocument, Tuple } from './model.js';
import { parsePresence } from './read.js';
import { serializePresence } from './write.js';

// Text as the parser gives it back: whitespace-only runs are indentation and read as empty.
const text = fc
  .string({
    unit: fc.constantFrom('a', 'Z', '0', ' ', '\n', '\t', '<', '>', '&', '"', "'", ']', 'é', '😀'),
    maxLength: 10,
  })
  .map((s) => (s.trim() === '' ? '' : s));
const token = text.map((s) => s.trim());
const nonBlank = token.filter((s) => s !== '');
const name = fc.constantFrom('alpha', 'beta', 'x-y', 'z.1');
const uri = token.map(decodeUriText);
const minutes = fc.integer({ min: -1440, max: 1440 }).chain((n) => fc.constantFrom(n, n + 0.5));

const note = fc.record({ text, lang: fc.constantFrom('en', 'fr', 'de-CH') }, { requiredKeys: ['text'] });
const notes = fc.array(note, { maxLength: 2 });

// Foreign content: namespaces the model does not know, one prefix per namespace.
const foreign: fc.Arbitrary<XmlElement> = fc.letrec<{ el: XmlElement }>((tie) => ({
  el: fc
    .record({
      ns: fc.constantFrom('urn:x', 'urn:y'),
      local: name,
      attrs: fc.uniqueArray(fc.record({ local: name, value: text }), { selector: (a) => a.local, maxLength: 2 }),
      body: fc.oneof(
        { depthSize: 'small' },
        nonBlank.map((t) => [xmlText(t)]),
        fc.array(tie('el'), { maxLength: 2, depthIdentifier: 'foreign' }),
      ),
    })
    .map(({ ns, local, attrs, body }) =>
      xmlElement(qname(ns, local), {
        prefix: ns === 'urn:x' ? 'x' : null,
        attributes: attrs.map((a) => xmlAttribute(qname(null, a.local), a.value)),
        children: body,
      }),
    ),
})).el;
const extensions = fc.array(foreign, { maxLength: 2 });
const extraAttributes = fc
  .uniqueArray(fc.record({ local: name, value: text }), { selector: (a) => a.local, maxLength: 2 })
  .map((list) => list.map((a) => xmlAttribute(qname('urn:x', a.local), a.value, 'x')));

const validity = { id: token, from: token, until: token };
const enumeration = fc.record(
  {
    ...validity,
    notes,
    values: fc.array(fc.constantFrom('busy', 'away', 'on-the-phone', 'unknown'), { maxLength: 2 }),
    other: fc.array(text, { maxLength: 2 }),
    extensions,
  },
  { requiredKeys: ['notes', 'values', 'other', 'extensions'] },
);
const timeOffset = fc.record({ minutes, description: text, from: token, until: token }, { requiredKeys: ['minutes'] });

const characteristics = fc.record(
  {
    displayName: text,
    map: uri,
    icon: uri,
    homepage: uri,
    card: uri,
    sound: uri,
    deviceInfo: fc.record(
      { id: token, description: text, userAgent: text, timeOffset, extensions },
      { requiredKeys: ['id', 'extensions'] },
    ),
    capabilities: fc.record({
      flags: fc.array(
        fc.record({
          ns: fc.constantFrom(CAPS_NS, AGP_CAPS_NS),
          name: fc.constantFrom('audio', 'file-transfer'),
          supported: fc.boolean(),
        }),
        { maxLength: 3 },
      ),
      extensions,
    }),
    userInput: fc.record(
      {
        ...validity,
        state: fc.constantFrom('active' as const, 'idle' as const),
        idleThreshold: fc.nat(),
        lastInput: token,
      },
      { requiredKeys: ['state'] },
    ),
    activities: enumeration,
    mood: enumeration,
    sphere: fc.record({ enumeration, text: nonBlank }).map(({ enumeration: e, text: t }) => ({ ...e, text: t })),
    class: token,
    timeOffset,
    notes,
    timestamp: token,
    extensions,
    attributes: extraAttributes,
  },
  { requiredKeys: ['notes', 'extensions', 'attributes'] },
) as fc.Arbitrary<PresenceCharacteristics>;

const tuple: fc.Arbitrary<Tuple> = fc
  .record(
    {
      base: characteristics,
      id: token,
      status: fc.record(
        { basic: fc.constantFrom('open' as const, 'closed' as const), extended: token, extensions },
        { requiredKeys: ['extensions'] },
      ),
      deviceId: token,
      contact: fc.record(
        { uri, priority: fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000) },
        { requiredKeys: ['uri'] },
      ),
    },
    { requiredKeys: ['base', 'id', 'status'] },
  )
  .map(({ base, ...rest }) => ({ ...base, ...rest }));
const person: fc.Arbitrary<Person> = fc
  .record({ base: characteristics, id: token })
  .map(({ base, id }) => ({ ...base, id }));
const device: fc.Arbitrary<Device> = fc
  .record({ base: characteristics, id: token, deviceId: token }, { requiredKeys: ['base', 'id'] })
  .map(({ base, ...rest }) => ({ ...base, ...rest }));

const documentArb: fc.Arbitrary<PresenceDocument> = fc.record({
  entity: uri,
  tuples: fc.array(tuple, { maxLength: 2 }),
  persons: fc.array(person, { maxLength: 2 }),
  devices: fc.array(device, { maxLength: 1 }),
  notes,
  extensions,
  attributes: extraAttributes,
});

describe('presence round trip properties', () => {
  it('parsePresence(serializePresence(doc)) equals doc for generated documents', () => {
    fc.assert(
      fc.property(documentArb, (doc) => {
        expect(parsePresence(serializePresence(doc))).toEqual(doc);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('never throws anything but PidfError on damaged or arbitrary input', () => {
    const seed = fixtureText('blink-seed.xml');
    const damaged = fc
      .tuple(fc.nat({ max: seed.length }), fc.nat({ max: 40 }), fc.string({ maxLength: 8 }))
      .map(([at, cut, insert]) => seed.slice(0, at) + insert + seed.slice(at + cut));
    fc.assert(
      fc.property(fc.oneof(damaged, fc.string({ maxLength: 80 })), (input) => {
        let doc: PresenceDocument | undefined;
        try {
          doc = parsePresence(input);
        } catch (error) {
          expect(error).toBeInstanceOf(PidfError);
        }
        // Whatever is read is written back to the same document.
        if (doc !== undefined) expect(parsePresence(serializePresence(doc))).toEqual(doc);
      }),
      { seed: 42, numRuns: 1500 },
    );
  });
});
