import { readFileSync } from 'node:fs';
import { PidfError } from '@simplekit/pidf';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XcapError, XcapParseError } from '../../errors.js';
import { PIDF_MANIPULATION_MEDIA_TYPE, parsePidfManipulation, serializePidfManipulation } from './pidf-manipulation.js';

const offline = readFileSync(
  new URL('../../../test/fixtures/blink-offline-pidf-manipulation.xml', import.meta.url),
  'utf8',
);

describe('pidf-manipulation codec (RFC 4827)', () => {
  it('is PIDF with the application/pidf+xml media type', () => {
    expect(PIDF_MANIPULATION_MEDIA_TYPE).toBe('application/pidf+xml');
  });

  it("reads Blink's offline status and note", () => {
    const doc = parsePidfManipulation(offline);
    expect(doc.entity.uri).toBe('sip:ag@test.sip2sip.info');
    expect(doc.tuples.map((t) => [t.id, t.status.basic, t.notes.map((n) => n.text)])).toEqual([
      ['SID-offline', 'closed', ['Gone fishing']],
    ]);
    expect(doc.persons.map((p) => [p.id, p.notes.map((n) => n.text)])).toEqual([['PID-offline', ['Back on Monday']]]);
  });

  it('writes a document that reads back the same', () => {
    const doc = parsePidfManipulation(offline);
    const text = serializePidfManipulation(doc);
    expect(text).toContain('<basic>closed</basic>');
    expect(parsePidfManipulation(text)).toEqual(doc);
  });

  it('reports a document that is not PIDF as XcapParseError with the PidfError as cause', () => {
    let caught: unknown;
    try {
      parsePidfManipulation('<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"/>');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(XcapParseError);
    expect((caught as XcapParseError).code).toBe('XCAP_PARSE');
    expect((caught as XcapParseError).cause).toBeInstanceOf(PidfError);
  });

  it('never throws anything but XcapError on arbitrary input', () => {
    const mutated = fc
      .tuple(fc.nat(offline.length), fc.nat(40), fc.string({ maxLength: 10 }))
      .map(([at, cut, insert]) => offline.slice(0, at) + insert + offline.slice(at + cut));
    fc.assert(
      fc.property(fc.oneof(mutated, fc.string({ maxLength: 80 })), (text) => {
        try {
          parsePidfManipulation(text);
        } catch (error) {
          expect(error).toBeInstanceOf(XcapError);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
