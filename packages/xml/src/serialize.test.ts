import { describe, expect, it } from 'vitest';
import { stripPrefixes } from './canonical.js';
import { XmlError } from './errors.js';
import { parseXml } from './parse.js';
import { serializeXml } from './serialize.js';
import { qname, XMLNS_NAMESPACE, xmlAttribute, xmlComment, xmlElement, xmlText } from './tree.js';

const PIDF = 'urn:ietf:params:xml:ns:pidf';
const DM = 'urn:ietf:params:xml:ns:pidf:data-model';

describe('serializeXml', () => {
  it('writes preferred prefixes, the XML declaration and escapes', () => {
    const tree = xmlElement(qname(PIDF, 'presence'), {
      attributes: [xmlAttribute(qname(null, 'entity'), 'sip:a@b "x" <&>')],
      children: [
        xmlElement(qname(DM, 'person'), {
          attributes: [xmlAttribute(qname(null, 'id'), 'p\n1')],
          children: [xmlText('a < b & c ]]> d\r')],
        }),
      ],
    });
    expect(serializeXml(tree, { prefixes: { [PIDF]: '', [DM]: 'dm' } })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>' +
        `<presence xmlns="${PIDF}" entity="sip:a@b &quot;x&quot; &lt;&amp;&gt;">` +
        `<dm:person xmlns:dm="${DM}" id="p&#10;1">a &lt; b &amp; c ]]&gt; d&#13;</dm:person></presence>`,
    );
  });

  it('writes a parsed document back exactly, keeping its prefixes and declarations', () => {
    const xml = `<p:presence xmlns:p="${PIDF}" xmlns:x="urn:x" entity="e"><x:foo x:a="1" b="2">t<!-- c --></x:foo><p:note/></p:presence>`;
    expect(serializeXml(parseXml(xml), { xmlDeclaration: false })).toBe(xml);
  });

  it('keeps foreign prefixes while moving known namespaces to preferred ones', () => {
    const xml = `<p:presence xmlns:p="${PIDF}"><x:foo xmlns:x="urn:x"/></p:presence>`;
    const out = serializeXml(parseXml(xml), { prefixes: { [PIDF]: '' }, xmlDeclaration: false });
    expect(out).toBe(`<presence xmlns:p="${PIDF}" xmlns="${PIDF}"><x:foo xmlns:x="urn:x"/></presence>`);
    expect(stripPrefixes(parseXml(out))).toEqual(stripPrefixes(parseXml(xml)));
  });

  it('undeclares the default namespace for no-namespace children and prefixes namespaced attributes', () => {
    const tree = xmlElement(qname('urn:a', 'a'), {
      children: [xmlElement(qname(null, 'b'), { attributes: [xmlAttribute(qname('urn:a', 'x'), '1')] })],
    });
    const out = serializeXml(tree, { xmlDeclaration: false });
    expect(out).toBe('<a xmlns="urn:a"><b xmlns="" xmlns:ns0="urn:a" ns0:x="1"/></a>');
    expect(stripPrefixes(parseXml(out))).toEqual(tree);
  });

  it('writes a no-namespace root without declarations', () => {
    expect(serializeXml(xmlElement(qname(null, 'a'), { children: [xmlText('x')] }))).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><a>x</a>',
    );
  });

  it('falls back to another prefix when the preferred one is taken on the element', () => {
    const tree = xmlElement(qname('urn:b', 'b'), {
      prefix: 'p',
      namespaces: [{ prefix: 'p', uri: 'urn:other' }],
    });
    expect(serializeXml(tree, { xmlDeclaration: false })).toBe('<ns0:b xmlns:p="urn:other" xmlns:ns0="urn:b"/>');
  });

  it.each([
    ['an invalid name', xmlElement(qname(null, '1a'))],
    ['a comment with --', xmlElement(qname(null, 'a'), { children: [xmlComment('a--b')] })],
    ['a control character', xmlElement(qname(null, 'a'), { children: [xmlText('\u0000')] })],
    [
      'an attribute in the xmlns namespace',
      xmlElement(qname(null, 'a'), { attributes: [xmlAttribute(qname(XMLNS_NAMESPACE, 'p'), 'urn:p')] }),
    ],
    ['an element in the xmlns namespace', xmlElement(qname(XMLNS_NAMESPACE, 'a'))],
    [
      'duplicate attributes',
      xmlElement(qname(null, 'a'), {
        attributes: [xmlAttribute(qname(null, 'x'), '1'), xmlAttribute(qname(null, 'x'), '2')],
      }),
    ],
  ])('refuses %s with an XmlError', (_, tree) => {
    expect(() => serializeXml(tree)).toThrow(XmlError);
  });
});
