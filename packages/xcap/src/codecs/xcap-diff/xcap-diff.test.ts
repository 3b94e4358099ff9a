import { readFileSync } from 'node:fs';
import { parseXml, serializeXml } from '@simplekit/xml';
import { describe, expect, it } from 'vitest';
import { XcapPatchError } from '../../errors.js';
import { applyXcapDiff, applyXcapDiffChain } from '../../patch/document.js';
import { XCAP_DIFF_NAMESPACE } from './model.js';
import { parseXcapDiff } from './parse.js';
import { serializeXcapDiff } from './serialize.js';

const fixture = readFileSync(new URL('../../../test/fixtures/rfc5874-xcap-diff.xml', import.meta.url), 'utf8');

describe('xcap-diff codec (RFC 5874 §4)', () => {
  it('reads documents, patch operations, body-not-changed, elements and attributes', () => {
    const diff = parseXcapDiff(fixture);
    expect(diff.xcapRoot).toBe('http://xcap.example.com/');
    expect(diff.documents.map((d) => [d.sel.split('/')[0], d.previousEtag, d.newEtag, d.operations.length])).toEqual([
      ['tests', '7ahggs', 'fgherhryt3', 1],
      ['tests', 'fgherhryt3', 'dgdgdfgrrr', 1],
      ['tests', 'dgdgdfgrrr', '63hjjsll', 2],
      ['resource-lists', undefined, 'ffds66a', 0],
      ['rls-services', 'xkdkdj', undefined, 0],
      ['resource-lists', 'ffds66a', 'gk4u8', 0],
    ]);
    expect(diff.documents[5]?.bodyNotChanged).toBe(true);
    const third = diff.documents[2]?.operations;
    expect(third?.map((o) => [o.op, o.sel])).toEqual([
      ['replace', '*/foo/text()'],
      ['remove', '*/bar'],
    ]);
    expect(third?.[0]?.namespaces).toEqual([{ prefix: 'd', uri: XCAP_DIFF_NAMESPACE }]);
    expect(diff.elements.map((e) => [e.exists, e.content?.name.local])).toEqual([
      [undefined, 'list'],
      [false, undefined],
    ]);
    expect(diff.attributes).toEqual([
      {
        sel: 'resource-lists/users/sip:joe@example.com/index/~~/resource-lists/list%5b@name=%22friends%22%5d/@name',
        exists: true,
        value: 'friends',
      },
    ]);
  });

  it('applies the chained changes of one document in order', () => {
    const diff = parseXcapDiff(fixture);
    const sel = 'tests/users/sip:joe@example.com/index';
    const outcome = applyXcapDiffChain({ root: parseXml('<doc/>'), etag: '7ahggs' }, sel, diff.documents);
    expect(outcome.kind).toBe('updated');
    if (outcome.kind !== 'updated') return;
    expect(outcome.etag).toBe('63hjjsll');
    expect(serializeXml(outcome.root, { xmlDeclaration: false })).toBe(
      '<doc><foo>this is the replaced text</foo></doc>',
    );
  });

  it('reads an OpenXCAP-style notification (default namespace, ETags only) as changes to refetch', () => {
    const diff = parseXcapDiff(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<xcap-diff xmlns="urn:ietf:params:xml:ns:xcap-diff" xcap-root="https://xcap.example.com/xcap-root">\n' +
        '<document new-etag="9f8e" sel="resource-lists/users/sip:joe@example.com/index" previous-etag="1a2b"/>\n' +
        '<document sel="pres-rules/users/sip:joe@example.com/index" previous-etag="77c1"/>\n' +
        '</xcap-diff>\n',
    );
    const cached = {
      root: parseXml('<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"/>'),
      etag: '"1a2b"',
    };
    const [lists, rules] = diff.documents;
    expect(lists && applyXcapDiff(cached, lists)).toEqual({ kind: 'refetch', etag: '9f8e' });
    expect(rules && applyXcapDiff(cached, rules)).toEqual({ kind: 'removed' });
  });

  it('writes a diff that reads back the same', () => {
    const diff = parseXcapDiff(fixture);
    const again = parseXcapDiff(serializeXcapDiff(diff));
    expect(again.documents.map((d) => ({ ...d, operations: d.operations.map((o) => o.sel) }))).toEqual(
      diff.documents.map((d) => ({ ...d, operations: d.operations.map((o) => o.sel) })),
    );
    expect(again.attributes).toEqual(diff.attributes);
    expect(again.elements.map((e) => e.exists)).toEqual(diff.elements.map((e) => e.exists));
    const sel = 'tests/users/sip:joe@example.com/index';
    const base = { root: parseXml('<doc/>'), etag: '7ahggs' };
    expect(applyXcapDiffChain(base, sel, again.documents)).toEqual(applyXcapDiffChain(base, sel, diff.documents));
  });

  it('never uses the xcap-diff namespace as the default namespace on output', () => {
    const text = serializeXcapDiff({ xcapRoot: 'http://x/', documents: [], elements: [], attributes: [] });
    expect(text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><d:xcap-diff xmlns:d="urn:ietf:params:xml:ns:xcap-diff" xcap-root="http://x/"/>',
    );
  });

  it.each([
    ['<nope/>', 'invalid-diff-format'],
    ['<xcap-diff xmlns="urn:ietf:params:xml:ns:xcap-diff"/>', 'invalid-diff-format'],
    ['<xcap-diff', 'invalid-diff-format'],
    ['<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', 'invalid-entity-reference'],
    ['<x>&custom;</x>', 'invalid-entity-reference'],
    [
      '<xcap-diff xmlns="urn:ietf:params:xml:ns:xcap-diff" xcap-root="r"><document sel="s"><move sel="a"/></document></xcap-diff>',
      'invalid-patch-directive',
    ],
    [
      '<xcap-diff xmlns="urn:ietf:params:xml:ns:xcap-diff" xcap-root="r"><document sel="s"><add sel="a" pos="inside"/></document></xcap-diff>',
      'invalid-patch-directive',
    ],
    [
      '<xcap-diff xmlns="urn:ietf:params:xml:ns:xcap-diff" xcap-root="r"><document sel="s"><remove sel="a" ws="around"/></document></xcap-diff>',
      'invalid-whitespace-directive',
    ],
    [
      '<xcap-diff xmlns="urn:ietf:params:xml:ns:xcap-diff" xcap-root="r"><document sel="s"><body-not-changed/><remove sel="a"/></document></xcap-diff>',
      'invalid-diff-format',
    ],
  ])('refuses %s with %s', (text, reason) => {
    let caught: unknown;
    try {
      parseXcapDiff(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(XcapPatchError);
    expect((caught as XcapPatchError).reason).toBe(reason);
    expect((caught as XcapPatchError).code).toBe('XCAP_PATCH');
  });

  it('reports bytes that are not UTF-8 as invalid-character-set', () => {
    const bytes = new Uint8Array([...Buffer.from('<x>'), 0xff, 0xfe, ...Buffer.from('</x>')]);
    expect(() => parseXcapDiff(bytes)).toThrow(expect.objectContaining({ reason: 'invalid-character-set' }));
  });
});
