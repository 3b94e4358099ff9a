import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RlsError } from '../errors.js';
import { parseRlmi } from './parse.js';
import { serialiseRlmi } from './serialise.js';
import type { RlmiResource } from './types.js';

const NS = 'urn:ietf:params:xml:ns:rlmi';

describe('parseRlmi', () => {
  it('reads list uri, version, fullState, names with language, resources and instances', () => {
    const list = parseRlmi(`<?xml version="1.0"?>
      <list xmlns="${NS}" uri="sip:friends@example.com" version="7" fullState="true">
        <name xml:lang="en">Friends</name><name xml:lang="de">Freunde</name>
        <resource uri="sip:bob@example.com"><name>Bob</name>
          <instance id="i1" state="active" cid="cid:p1%40example.com"/>
          <instance id="i2" state="terminated" reason="rejected"/>
        </resource>
        <resource uri="sip:ed@example.com"><instance id="i3" state="pending"/></resource>
      </list>`);
    expect(list).toEqual({
      uri: 'sip:friends@example.com',
      version: 7,
      fullState: true,
      names: [
        { value: 'Friends', lang: 'en' },
        { value: 'Freunde', lang: 'de' },
      ],
      resources: [
        {
          uri: 'sip:bob@example.com',
          names: [{ value: 'Bob' }],
          instances: [
            { id: 'i1', state: 'active', cid: 'p1@example.com' },
            { id: 'i2', state: 'terminated', reason: 'rejected' },
          ],
        },
        { uri: 'sip:ed@example.com', names: [], instances: [{ id: 'i3', state: 'pending' }] },
      ],
      defects: [],
    });
  });

  it('resolves the namespace by scope: any prefix works, other namespaces are ignored', () => {
    const list = parseRlmi(`<r:list xmlns:r="${NS}" xmlns:x="urn:other" uri="sip:l@x" version="0" fullState="0">
        <x:resource uri="sip:ignored@x"/>
        <r:resource uri="sip:a@x" x:extra="1"><r:instance id="1" state="active" cid="a"/></r:resource>
      </r:list>`);
    expect(list.fullState).toBe(false);
    expect(list.resources.map((r) => r.uri)).toEqual(['sip:a@x']);
  });

  it('rejects a list in another namespace, or an unprefixed list without the RLMI default namespace', () => {
    expect(() => parseRlmi('<list uri="sip:l@x" version="0" fullState="true"/>')).toThrow(
      expect.objectContaining({ code: 'RLS_RLMI_MALFORMED' }),
    );
    expect(() =>
      parseRlmi('<p:list xmlns:p="urn:ietf:params:xml:ns:pidf" uri="a" version="0" fullState="true"/>'),
    ).toThrow(expect.objectContaining({ code: 'RLS_RLMI_MALFORMED' }));
  });

  it('refuses a DOCTYPE (no entity expansion)', () => {
    const doc = `<?xml version="1.0"?><!DOCTYPE list [<!ENTITY a "aaaa">]><list xmlns="${NS}" uri="&a;" version="0" fullState="true"/>`;
    expect(() => parseRlmi(doc)).toThrow(expect.objectContaining({ code: 'RLS_RLMI_MALFORMED' }));
  });

  it.each([
    ['missing version', `<list xmlns="${NS}" uri="a" fullState="true"/>`],
    ['negative version', `<list xmlns="${NS}" uri="a" version="-1" fullState="true"/>`],
    ['version above 32 bits', `<list xmlns="${NS}" uri="a" version="4294967296" fullState="true"/>`],
    ['bad fullState', `<list xmlns="${NS}" uri="a" version="1" fullState="yes"/>`],
    ['missing uri', `<list xmlns="${NS}" version="1" fullState="true"/>`],
    ['not XML', `<list xmlns="${NS}" uri="a" version="1" fullState="true">`],
  ])('rejects a list with %s', (_why, doc) => {
    expect(() => parseRlmi(doc)).toThrow(expect.objectContaining({ code: 'RLS_RLMI_MALFORMED' }));
  });

  it('skips broken resources and instances and lists them as defects', () => {
    const list = parseRlmi(`<list xmlns="${NS}" uri="a" version="1" fullState="true">
        <resource><instance id="1" state="active"/></resource>
        <resource uri="sip:b@x"><instance state="active"/><instance id="2" state="weird"/><instance id="3" state="pending"/></resource>
        <resource uri="sip:b@x"/>
      </list>`);
    expect(list.resources).toEqual([{ uri: 'sip:b@x', names: [], instances: [{ id: '3', state: 'pending' }] }]);
    expect(list.defects).toEqual([
      { message: 'resource without uri' },
      { message: 'instance without id', resourceUri: 'sip:b@x' },
      { message: 'instance state "weird" is not valid', resourceUri: 'sip:b@x', instanceId: '2' },
      { message: 'resource uri repeated', resourceUri: 'sip:b@x' },
    ]);
  });

  it('round-trips serialised lists', () => {
    const text = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && /^[\x20-\x7e]+$/.test(s));
    const resource = fc.record({
      uri: text,
      names: fc.array(fc.record({ value: text }), { maxLength: 2 }),
      instances: fc.uniqueArray(
        fc.record({ id: text, state: fc.constantFrom('active' as const, 'pending' as const), cid: text }),
        { selector: (i) => i.id, maxLength: 3 },
      ),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(resource, { selector: (r) => r.uri, maxLength: 5 }),
        fc.nat(),
        fc.boolean(),
        (resources: RlmiResource[], version, fullState) => {
          const list = parseRlmi(serialiseRlmi({ uri: 'sip:l@x', version, fullState, resources }));
          expect(list).toEqual({ uri: 'sip:l@x', version, fullState, names: [], resources, defects: [] });
        },
      ),
      { seed: 42, numRuns: 120 },
    );
  });

  it('throws only RlsError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (doc) => {
        try {
          parseRlmi(`<list xmlns="${NS}" uri="a" version="1" fullState="true">${doc}</list>`);
        } catch (error) {
          expect(error).toBeInstanceOf(RlsError);
        }
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});
