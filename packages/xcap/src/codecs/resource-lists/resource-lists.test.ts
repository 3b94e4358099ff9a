import { readFileSync } from 'node:fs';
import { parseXml, stripPrefixes } from '@simplekit/xml';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XcapParseError } from '../../errors.js';
import type { ResourceList, ResourceListEntry, ResourceListsDocument } from './model.js';
import { parseResourceLists } from './parse.js';
import { serializeResourceLists } from './serialize.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/${name}`, import.meta.url), 'utf8');
const canonical = (xml: string) => stripPrefixes(parseXml(xml, { ignoreWhitespace: true }));

describe('resource-lists (RFC 4826 §3)', () => {
  it('reads the RFC 4826 example: nested lists, entry, entry-ref, external, display names', () => {
    const doc = parseResourceLists(fixture('rfc4826-resource-lists.xml'));
    const friends = doc.lists[0] as ResourceList;
    expect(friends.name).toBe('friends');
    expect(friends.items.map((i) => i.kind)).toEqual(['entry', 'entry-ref', 'list']);
    expect(friends.items[0]).toEqual({ kind: 'entry', uri: 'sip:bill@example.com', displayName: 'Bill Doe' });
    expect(friends.items[1]).toMatchObject({
      kind: 'entry-ref',
      ref: 'resource-lists/users/sip:bill@example.com/index/~~/resource-lists/list[@name="list1"]/entry[@uri="petri@example.com"]',
    });
    const close = friends.items[2] as ResourceList;
    expect(close.displayName).toBe('Close Friends');
    expect(close.items[2]).toEqual({
      kind: 'external',
      anchor:
        'http://xcap.example.org/resource-lists/users/sip:a@example.org/index/~~/resource-lists/list[@name="mkting"]',
      displayName: 'Marketing',
    });
  });

  it('decodes Blink URIs and keeps its address book elements as foreign items', () => {
    const doc = parseResourceLists(fixture('blink-resource-lists.xml'));
    expect(doc.uriStyle).toBe('blink');
    expect(doc.lists.map((l) => l.name)).toEqual([
      'sipsimple_addressbook',
      'oma_buddylist',
      'oma_grantedcontacts',
      'oma_blockedcontacts',
      'oma_allcontacts',
      'dialog_grantedcontacts',
      'dialog_blockedcontacts',
      'sipsimple_presence_rls',
      'sipsimple_dialog_rls',
    ]);
    const book = doc.lists[0] as ResourceList;
    expect(
      book.items.map((i) => (i.kind === 'foreign' && i.node.type === 'element' ? i.node.name.local : i.kind)),
    ).toEqual(['group', 'contact']);
    expect(doc.lists[1]?.items[0]).toEqual({ kind: 'entry', uri: 'sip:alice@example.org' });
    expect(doc.lists[4]?.items[0]).toMatchObject({
      anchor:
        'https://xcap.example.org/xcap-root/resource-lists/users/sip:bob@example.org/index/~~/resource-lists/list[@name="oma_buddylist"]',
    });
  });

  it('writes an untouched Blink document back with the same content and prefixes', () => {
    const text = fixture('blink-resource-lists.xml');
    const out = serializeResourceLists(parseResourceLists(text));
    expect(out).toContain('<rl:resource-lists');
    expect(out).toContain('uri="sip%3Aalice%40example.org"');
    expect(parseXml(out)).toEqual(parseXml(text));
  });

  it('keeps foreign content and Blink style when a list is changed', () => {
    const doc = parseResourceLists(fixture('blink-resource-lists.xml'));
    const carol: ResourceListEntry = { kind: 'entry', uri: 'sip:carol@example.org', displayName: 'Carol' };
    const lists = doc.lists.map((l) =>
      l.name === 'sipsimple_presence_rls' ? { ...l, items: [...l.items, carol] } : l,
    );
    const out = serializeResourceLists({ ...doc, lists });
    expect(out).toContain(
      '<rl:entry uri="sip%3Acarol%40example.org"><rl:display-name>Carol</rl:display-name></rl:entry>',
    );
    expect(out).toContain('<addressbook:contact id="c1">');
    const again = parseResourceLists(out);
    expect(again.lists[0]).toEqual(doc.lists[0]);
    expect(again.lists[7]?.items).toEqual([{ kind: 'entry', uri: 'sip:alice@example.org' }, carol]);
  });

  it('writes new documents in the default namespace with plain URIs, or Blink style on request', () => {
    const doc: ResourceListsDocument = {
      lists: [{ kind: 'list', name: 'l', items: [{ kind: 'entry', uri: 'sip:a@b.c' }] }],
    };
    expect(serializeResourceLists(doc)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists">' +
        '<list name="l"><entry uri="sip:a@b.c"/></list></resource-lists>',
    );
    expect(serializeResourceLists(doc, { prefix: 'rl', uris: 'blink' })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><rl:resource-lists xmlns:rl="urn:ietf:params:xml:ns:resource-lists">' +
        '<rl:list name="l"><rl:entry uri="sip%3Aa%40b.c"/></rl:list></rl:resource-lists>',
    );
  });

  it('keeps unknown attributes and extension elements of entries', () => {
    const text =
      '<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists" xmlns:x="urn:x"><list><entry uri="sip:a@b" x:tag="1">' +
      '<x:note>hi</x:note></entry></list><x:extra/></resource-lists>';
    const doc = parseResourceLists(text);
    const entry = doc.lists[0]?.items[0] as ResourceListEntry;
    expect(entry.attributes?.map((a) => a.local)).toEqual(['tag']);
    const changed = { ...doc, lists: [{ ...(doc.lists[0] as ResourceList), items: [{ ...entry, displayName: 'A' }] }] };
    expect(canonical(serializeResourceLists(changed))).toEqual(
      canonical(
        '<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists" xmlns:x="urn:x"><list><entry uri="sip:a@b" x:tag="1">' +
          '<display-name>A</display-name><x:note>hi</x:note></entry></list><x:extra/></resource-lists>',
      ),
    );
  });

  it.each([
    ['not XML', 'hello'],
    ['another root', '<ruleset xmlns="urn:ietf:params:xml:ns:common-policy"/>'],
    [
      'a DOCTYPE with entities',
      '<!DOCTYPE r [<!ENTITY a "aaaa">]><resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"/>',
    ],
    ['deep nesting', `${'<list>'.repeat(5000)}`],
  ])('rejects %s with XcapParseError', (_what, text) => {
    expect(() => parseResourceLists(text)).toThrow(XcapParseError);
  });

  const text = (maxLength: number) => fc.stringMatching(new RegExp(`^[\\x20-\\x7e\\u00e9\\u4e2d]{0,${maxLength}}$`));
  const uri = fc.oneof(
    fc.webUrl(),
    fc.emailAddress().map((e) => `sip:${e}`),
    text(20),
  );
  const entry = fc.record(
    { kind: fc.constant('entry' as const), uri, displayName: text(10).map((s) => s.trim()) },
    { requiredKeys: ['kind', 'uri'] },
  );
  const list: fc.Arbitrary<ResourceList> = fc.letrec<{ list: ResourceList }>((tie) => ({
    list: fc.record(
      {
        kind: fc.constant('list' as const),
        name: text(8),
        items: fc.array(fc.oneof({ depthSize: 'small' }, entry, tie('list')), { maxLength: 4 }),
      },
      { requiredKeys: ['kind', 'items'] },
    ),
  })).list;

  it('round-trips generated documents in both styles', () => {
    fc.assert(
      fc.property(
        fc.array(list, { maxLength: 3 }),
        fc.constantFrom('plain' as const, 'blink' as const),
        (lists, uris) => {
          const out = serializeResourceLists({ lists }, { uris });
          const back = parseResourceLists(out);
          expect(back.lists).toEqual(lists);
        },
      ),
      { seed: 42, numRuns: 150 },
    );
  });
});
