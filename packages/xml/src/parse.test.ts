import { describe, expect, it } from 'vitest';
import { stripPrefixes } from './canonical.js';
import { XmlError } from './errors.js';
import { parseXml } from './parse.js';
import { attributeValue, childElements, firstChildElement, textContent } from './query.js';
import { qname, XML_NAMESPACE } from './tree.js';

const PIDF = 'urn:ietf:params:xml:ns:pidf';
const DM = 'urn:ietf:params:xml:ns:pidf:data-model';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof XmlError) return error.code;
    return `not an XmlError: ${String(error)}`;
  }
  return 'no error';
}

describe('parseXml', () => {
  it('resolves default and prefixed namespaces by scope', () => {
    const root = parseXml(
      `<presence xmlns="${PIDF}" xmlns:dm="${DM}" entity="sip:a@b"><dm:person id="p1"><note xml:lang="en">hi</note></dm:person></presence>`,
    );
    expect(root.name).toEqual({ ns: PIDF, local: 'presence' });
    expect(root.prefix).toBeNull();
    expect(root.namespaces).toEqual([
      { prefix: null, uri: PIDF },
      { prefix: 'dm', uri: DM },
    ]);
    expect(attributeValue(root, 'entity')).toBe('sip:a@b');
    const person = firstChildElement(root, qname(DM, 'person'));
    expect(person?.prefix).toBe('dm');
    const note = person === undefined ? undefined : firstChildElement(person, qname(PIDF, 'note'));
    expect(note?.attributes).toEqual([{ ns: XML_NAMESPACE, local: 'lang', prefix: 'xml', value: 'en' }]);
    expect(note === undefined ? '' : textContent(note)).toBe('hi');
  });

  it('gives equal trees modulo prefixes for other prefixes and default namespaces', () => {
    const a = parseXml(
      `<p:presence xmlns:p="${PIDF}" xmlns:d="${DM}"><d:person d:x="1"><p:note>n</p:note></d:person></p:presence>`,
    );
    const b = parseXml(
      `<presence xmlns="${PIDF}"><person xmlns="${DM}" xmlns:q="${DM}" q:x="1"><note xmlns="${PIDF}">n</note></person></presence>`,
    );
    expect(stripPrefixes(a)).toEqual(stripPrefixes(b));
  });

  it('undeclares the default namespace with xmlns=""', () => {
    const root = parseXml(`<a xmlns="urn:x"><b xmlns=""><c/></b></a>`);
    const b = childElements(root)[0];
    expect(b?.name).toEqual({ ns: null, local: 'b' });
    expect(b === undefined ? undefined : childElements(b)[0]?.name).toEqual({ ns: null, local: 'c' });
  });

  it('decodes predefined entities, character references and CDATA, merging adjacent text', () => {
    const root = parseXml('<a t="x&#10;y&#9;&quot;">1 &lt; 2 &amp;&#x41;&#66;<![CDATA[<&amp;>]]>!</a>');
    expect(root.children).toEqual([{ type: 'text', value: '1 < 2 &AB<&amp;>!' }]);
    expect(attributeValue(root, 't')).toBe('x\ny\t"');
  });

  it('normalises literal whitespace in attribute values and line ends in text', () => {
    const root = parseXml('<a t="x\ny\tz">l1\r\nl2\rl3</a>');
    expect(attributeValue(root, 't')).toBe('x y z');
    expect(textContent(root)).toBe('l1\nl2\nl3');
  });

  it('keeps comments and whitespace, and drops whitespace-only text when asked', () => {
    const xml = '<a>\n  <!-- c -->\n  <b/>\n</a>';
    expect(parseXml(xml).children.map((n) => n.type)).toEqual(['text', 'comment', 'text', 'element', 'text']);
    expect(parseXml(xml, { ignoreWhitespace: true }).children.map((n) => n.type)).toEqual(['comment', 'element']);
  });

  it('reads UTF-8 bytes with a BOM', () => {
    const bytes = new TextEncoder().encode('\uFEFF<?xml version="1.0" encoding="UTF-8"?><a>é</a>');
    expect(textContent(parseXml(bytes))).toBe('é');
  });

  it.each([
    ['<a><b></a>', 'XML_MALFORMED'],
    ['<a>', 'XML_MALFORMED'],
    ['<a b>x</a>', 'XML_MALFORMED'],
    ['<a b="1" b="2"/>', 'XML_MALFORMED'],
    ['<a/><b/>', 'XML_MALFORMED'],
    ['text', 'XML_MALFORMED'],
    ['', 'XML_MALFORMED'],
    ['<a x="<"/>', 'XML_MALFORMED'],
    ['<a>&foo;</a>', 'XML_ENTITY_FORBIDDEN'],
    ['<a>AT&T</a>', 'XML_MALFORMED'],
    ['<a>&#0;</a>', 'XML_INVALID_CHARACTER'],
    ['<a>\u0001</a>', 'XML_INVALID_CHARACTER'],
    ['<a>\uD800</a>', 'XML_INVALID_CHARACTER'],
    ['<a>x\uDC00</a>', 'XML_INVALID_CHARACTER'],
    ['<a>\uFFFE</a>', 'XML_INVALID_CHARACTER'],
    ['<a t="\u001F"/>', 'XML_INVALID_CHARACTER'],
    ['<a>\uD83D\uDE00\t\uE000\uFFFD</a>', 'no error'],
    ['<p:a/>', 'XML_UNBOUND_PREFIX'],
    ['<a p:x="1"/>', 'XML_UNBOUND_PREFIX'],
    ['<a xmlns:p="urn:x" xmlns:q="urn:x" p:x="1" q:x="2"/>', 'XML_MALFORMED'],
    ['<a xmlns:p=""/>', 'XML_BAD_NAMESPACE'],
    ['<a xmlns:xml="urn:x"/>', 'XML_BAD_NAMESPACE'],
    ['<a:b:c xmlns:a="urn:x"/>', 'XML_MALFORMED'],
    ['<!DOCTYPE a><a/>', 'XML_DOCTYPE_FORBIDDEN'],
    ['<a></a>junk', 'XML_MALFORMED'],
    ['<a>]]></a>', 'XML_MALFORMED'],
    ['<a><!-- a -- b --></a>', 'XML_MALFORMED'],
    ['<a/><?xml version="1.0"?>', 'XML_MALFORMED'],
    ['<![CDATA[x]]><a/>', 'XML_MALFORMED'],
    ['<a x=1/>', 'XML_MALFORMED'],
    ['<a b="1"c="2"/>', 'XML_MALFORMED'],
    ['<a></a >', 'no error'],
    ['<a><b></c></a>', 'XML_MALFORMED'],
    ['< a/>', 'XML_MALFORMED'],
    ['<a>x<', 'XML_MALFORMED'],
  ])('rejects %j with %s', (xml, code) => {
    expect(codeOf(() => parseXml(xml))).toBe(code);
  });

  it.each([
    ['<?xml version="1.0"?><a/>', 'no error'],
    ["<?xml version='1.1' encoding='utf-8' standalone='yes' ?><a/>", 'no error'],
    ['<?xml?><a/>', 'XML_MALFORMED'],
    ['<?xml version=1.0?><a/>', 'XML_MALFORMED'],
    ['<?xml encoding="UTF-8"?><a/>', 'XML_MALFORMED'],
    ['<?xml version="1.0"\'?><a/>', 'XML_MALFORMED'],
    ['<?xml version="1.0" foo="1"?><a/>', 'XML_MALFORMED'],
  ])('checks the XML declaration grammar (XML 1.0 §2.8): %j gives %s', (xml, code) => {
    expect(codeOf(() => parseXml(xml))).toBe(code);
  });

  it('ends a processing instruction at the first "?>" and merges the text around it (XML 1.0 §2.6)', () => {
    expect(parseXml('<a>x<?pi say "hi?>y</a>').children).toEqual([{ type: 'text', value: 'xy' }]);
  });

  it('shares expanded names and empty arrays between elements', () => {
    const root = parseXml('<a xmlns="urn:x"><b/><b></b></a>');
    const [first, second] = childElements(root);
    expect(first?.name).toBe(second?.name);
    expect(first?.children).toBe(second?.children);
    expect(first?.attributes).toBe(first?.namespaces);
  });

  it('reads names that are JavaScript-reserved property names', () => {
    const root = parseXml('<constructor __proto__="1" toString="2"><prototype hasOwnProperty="3"/></constructor>');
    expect(root.name).toEqual({ ns: null, local: 'constructor' });
    expect(root.attributes.map((a) => `${a.local}=${a.value}`)).toEqual(['__proto__=1', 'toString=2']);
    expect(childElements(root)[0]?.name.local).toBe('prototype');
    expect(attributeValue(childElements(root)[0] ?? root, 'hasOwnProperty')).toBe('3');
  });

  it('rejects invalid UTF-8 and non-UTF-8 declared encodings of byte input', () => {
    expect(codeOf(() => parseXml(new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e])))).toBe(
      'XML_ENCODING',
    );
    const latin = new TextEncoder().encode('<?xml version="1.0" encoding="ISO-8859-1"?><a/>');
    expect(codeOf(() => parseXml(latin))).toBe('XML_ENCODING');
  });
});
