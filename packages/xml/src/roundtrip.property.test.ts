import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { stripPrefixes } from './canonical.js';
import { XmlError } from './errors.js';
import { parseXml } from './parse.js';
import { serializeXml } from './serialize.js';
import { type QName, XML_NAMESPACE, type XmlAttribute, type XmlElement, type XmlNode } from './tree.js';

const namespaces = [null, 'urn:a', 'urn:b', 'urn:ietf:params:xml:ns:pidf'] as const;
const locals = ['a', 'b', 'note', 'x-y', 'z.1', 'é'];
const prefixes = [null, 'a', 'b', 'p', 'ns0'];

const qnameArb: fc.Arbitrary<QName> = fc.record({
  ns: fc.constantFrom(...namespaces),
  local: fc.constantFrom(...locals),
});
// XML 1.0 Char without the CR that parsers normalise when it is written literally (the serialiser escapes it).
const textArb = fc.string({
  unit: fc.oneof(
    fc.constantFrom('<', '&', '>', '"', "'", '\t', '\n', '\r', ']', ' '),
    fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
    fc.constantFrom('é', '😀'),
  ),
  minLength: 1,
  maxLength: 12,
});

const attributesArb: fc.Arbitrary<XmlAttribute[]> = fc
  .uniqueArray(
    fc.record({
      ns: fc.constantFrom(null, 'urn:a', 'urn:b', XML_NAMESPACE),
      local: fc.constantFrom('id', 'lang', 'x'),
      prefix: fc.constantFrom(...prefixes),
      value: fc.oneof(textArb, fc.constant('')),
    }),
    { selector: (a) => `${a.ns} ${a.local}`, maxLength: 3 },
  )
  .map((list) => list.map((a) => ({ ...a, prefix: a.ns === null ? null : a.ns === XML_NAMESPACE ? 'xml' : a.prefix })));

const elementArb: fc.Arbitrary<XmlElement> = fc.letrec<{ element: XmlElement; node: XmlNode }>((tie) => ({
  element: fc.record({
    type: fc.constant('element' as const),
    name: qnameArb,
    prefix: fc.constantFrom(...prefixes),
    namespaces: fc.constant([]),
    attributes: attributesArb,
    children: fc.array(tie('node'), { maxLength: 4, depthIdentifier: 'tree' }).map(mergeText),
  }),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ type: fc.constant('text' as const), value: textArb }),
    fc.record({ type: fc.constant('comment' as const), value: fc.constantFrom('', ' c ', 'a-b') }),
    tie('element'),
  ),
})).element;

// The parser merges adjacent character data into one node, so generated trees must already be merged.
function mergeText(nodes: XmlNode[]): XmlNode[] {
  const out: XmlNode[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.type === 'text' && last !== undefined && last.type === 'text') {
      out[out.length - 1] = { type: 'text', value: last.value + node.value };
    } else out.push(node);
  }
  return out;
}

describe('round trip properties', () => {
  it('parse(serialize(tree)) equals the tree modulo prefixes', () => {
    fc.assert(
      fc.property(elementArb, fc.boolean(), (tree, preferred) => {
        const options = preferred ? { prefixes: { 'urn:a': '', 'urn:b': 'b' } } : {};
        const parsed = parseXml(serializeXml(tree, options));
        expect(stripPrefixes(parsed)).toEqual(stripPrefixes(tree));
        // Once parsed, the tree carries its declarations and re-serialises to a fixed point.
        expect(parseXml(serializeXml(parsed))).toEqual(parsed);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('arbitrary input never throws anything but XmlError', () => {
    const fragments = fc.constantFrom(
      '<a>',
      '</a>',
      '<b x="1">',
      '<!--',
      '-->',
      '<![CDATA[',
      ']]>',
      '&amp;',
      '&',
      '<?xml version="1.0"?>',
      '<!DOCTYPE',
      'xmlns:p="u"',
      '<p:a ',
      '/>',
      '>',
      '"',
      '__proto__',
      'constructor',
    );
    const input = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.array(fc.oneof(fragments, fc.string({ maxLength: 3 })), { maxLength: 20 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(input, (text) => {
        try {
          parseXml(text);
        } catch (error) {
          expect(error).toBeInstanceOf(XmlError);
        }
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it("accepts nothing that fast-xml-parser's own validator rejects, and writes back what it accepts", () => {
    const sample =
      '<?xml version="1.0"?>\n<p:a xmlns:p="urn:p" xmlns="urn:d" x="1" p:y=\'2\'><b>t &amp; u</b><!-- c --><c/><![CDATA[<z>]]></p:a>';
    const damaged = fc
      .tuple(
        fc.nat({ max: sample.length }),
        fc.nat({ max: 6 }),
        fc.constantFrom('', '<', '>', '/', '"', "'", '=', ' ', 'a', '-', '!', '?', ']'),
      )
      .map(([at, cut, insert]) => sample.slice(0, at) + insert + sample.slice(at + cut));
    fc.assert(
      fc.property(damaged, (text) => {
        let tree: ReturnType<typeof parseXml> | undefined;
        try {
          tree = parseXml(text);
        } catch (error) {
          expect(error).toBeInstanceOf(XmlError);
        }
        if (tree !== undefined) {
          expect(XMLValidator.validate(text)).toBe(true);
          // Whatever is accepted is written back to the same tree.
          expect(parseXml(serializeXml(tree))).toEqual(tree);
        }
      }),
      { seed: 42, numRuns: 3000 },
    );
  });
});
