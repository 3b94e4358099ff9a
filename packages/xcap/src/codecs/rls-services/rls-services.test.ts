import { readFileSync } from 'node:fs';
import { parseXml } from '@simplekit/xml';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XcapParseError } from '../../errors.js';
import type { RlsService, RlsServicesDocument } from './model.js';
import { parseRlsServices } from './parse.js';
import { serializeRlsServices } from './serialize.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/${name}`, import.meta.url), 'utf8');

describe('rls-services (RFC 4826 §4)', () => {
  it('reads the RFC example: a resource-list reference and an inline list', () => {
    const doc = parseRlsServices(fixture('rfc4826-rls-services.xml'));
    expect(doc.services[0]).toEqual({
      uri: 'sip:mybuddies@example.com',
      source: {
        kind: 'resource-list',
        uri: 'http://xcap.example.com/resource-lists/users/sip:joe@example.com/index/~~/resource-lists/list[@name="l1"]',
      },
      packages: ['presence'],
    });
    expect(doc.services[1]?.source).toEqual({
      kind: 'list',
      list: {
        kind: 'list',
        name: 'marketing',
        items: [
          { kind: 'entry', uri: 'sip:joe@example.com' },
          { kind: 'entry', uri: 'sip:sudhir@example.com' },
        ],
      },
    });
  });

  it('reads Blink services with decoded URIs and writes them back unchanged', () => {
    const text = fixture('blink-rls-services.xml');
    const doc = parseRlsServices(text);
    expect(doc.services.map((s) => s.uri)).toEqual(['sip:alice+presence@example.org', 'sip:alice+dialog@example.org']);
    expect(doc.services[0]?.source).toEqual({
      kind: 'resource-list',
      uri: 'https://xcap.example.org/xcap-root/resource-lists/users/sip:alice@example.org/index/~~/resource-lists/list[@name="sipsimple_presence_rls"]',
    });
    expect(parseXml(serializeRlsServices(doc))).toEqual(parseXml(text));
  });

  it('writes a changed service in the document style and keeps the others as read', () => {
    const doc = parseRlsServices(fixture('blink-rls-services.xml'));
    const changed = { ...doc, services: [{ ...(doc.services[0] as RlsService), packages: ['presence', 'dialog'] }] };
    const out = serializeRlsServices(changed);
    expect(out).toContain(
      '<service uri="sip%3Aalice%2Bpresence%40example.org"><resource-list>https%3A//xcap.example.org/',
    );
    expect(parseRlsServices(out).services[0]?.packages).toEqual(['presence', 'dialog']);
  });

  it('writes inline lists with resource-lists entries', () => {
    const doc: RlsServicesDocument = {
      services: [
        {
          uri: 'sip:l@x',
          source: { kind: 'list', list: { kind: 'list', items: [{ kind: 'entry', uri: 'sip:a@x' }] } },
        },
      ],
    };
    expect(serializeRlsServices(doc)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><rls-services xmlns="urn:ietf:params:xml:ns:rls-services" ' +
        'xmlns:rl="urn:ietf:params:xml:ns:resource-lists"><service uri="sip:l@x"><list><rl:entry uri="sip:a@x"/></list>' +
        '</service></rls-services>',
    );
  });

  it('rejects a service without members', () => {
    expect(() =>
      parseRlsServices(
        '<rls-services xmlns="urn:ietf:params:xml:ns:rls-services"><service uri="sip:a@b"/></rls-services>',
      ),
    ).toThrow(XcapParseError);
  });

  it('round-trips generated services', () => {
    const uri = fc.emailAddress().map((e) => `sip:${e}`);
    const service = fc.record(
      {
        uri,
        source: fc.oneof(
          fc.record({ kind: fc.constant('resource-list' as const), uri: fc.webUrl() }),
          fc.record({
            kind: fc.constant('list' as const),
            list: fc.record({
              kind: fc.constant('list' as const),
              items: fc.array(fc.record({ kind: fc.constant('entry' as const), uri }), { maxLength: 3 }),
            }),
          }),
        ),
        packages: fc.array(fc.constantFrom('presence', 'dialog', 'message-summary'), { maxLength: 2 }),
      },
      { requiredKeys: ['uri', 'source'] },
    );
    fc.assert(
      fc.property(
        fc.array(service, { maxLength: 3 }),
        fc.constantFrom('plain' as const, 'blink' as const),
        (services, uris) => {
          expect(parseRlsServices(serializeRlsServices({ services }, { uris })).services).toEqual(services);
        },
      ),
      { seed: 42, numRuns: 100 },
    );
  });
});
