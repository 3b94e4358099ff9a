import fc from 'fast-check';
import { type QName, XML_NAMESPACE, type XmlAttribute, type XmlElement, type XmlNode } from '../tree.js';

const namespaces = [null, 'urn:a', 'urn:b', 'urn:ietf:params:xml:ns:pidf'] as const;
const locals = ['a', 'b', 'note', 'x-y', 'z.1', 'é'];
const prefixes = [null, 'a', 'b', 'p', 'ns0'];

const qnameArb: fc.Arbitrary<QName> = fc.record({
  ns: fc.constantFrom(...namespaces),
  local: fc.constantFrom(...locals),
});
// XML 1.0 Char without the CR that parsers normalise when it is written literally (the serialiser escapes it).
export const textArb = fc.string({
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

export const elementArb: fc.Arbitrary<XmlElement> = fc.letrec<{ element: XmlElement; node: XmlNode }>((tie) => ({
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
