import { parseXml, type XmlElement, XmlError, type XmlNode } from '@simplekit/xml';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RlmiError } from '../errors.js';
import { scanXml } from './scan.js';
import type { RlmiXmlElement, RlmiXmlNode } from './xml-shape.js';

const LIMITS = { maxLength: 1 << 20, maxDepth: 16, maxElements: 10_000, maxAttributes: 64 };

/** Element names, namespaces, attributes and merged non-blank text: what the RLMI reader looks at. */
function shape(node: RlmiXmlNode | XmlNode): unknown {
  if (node.type !== 'element') return node.type === 'text' ? node.value : null;
  const element: RlmiXmlElement | XmlElement = node;
  const children: unknown[] = [];
  let text = '';
  const flush = (): void => {
    if (text.trim() !== '') children.push(text);
    text = '';
  };
  for (const child of element.children) {
    if (child.type === 'text') text += child.value;
    else if (child.type === 'element') {
      flush();
      children.push(shape(child));
    }
  }
  flush();
  return {
    name: `{${element.name.ns ?? ''}}${element.name.local}`,
    attributes: element.attributes.map((a) => [a.ns, a.local, a.value]),
    children,
  };
}

describe('scanXml', () => {
  it('resolves default and prefixed namespaces by scope and decodes references', () => {
    const root = scanXml(
      `<?xml version="1.0"?><!-- c --><r:list xmlns:r="urn:r" a="x &amp; &#x41;&#66;"><item xmlns="urn:d" r:b='1'>t&lt;<![CDATA[<raw>]]></item></r:list>`,
      LIMITS,
    );
    expect(shape(root)).toEqual({
      name: '{urn:r}list',
      attributes: [[null, 'a', 'x & AB']],
      children: [{ name: '{urn:d}item', attributes: [['urn:r', 'b', '1']], children: ['t<<raw>'] }],
    });
  });

  it.each([
    ['a DOCTYPE', '<!DOCTYPE l [<!ENTITY x "y">]><l/>'],
    ['an unknown entity', '<l>&x;</l>'],
    ['an unbound prefix', '<p:l/>'],
    ['mismatched tags', '<l><a></b></l>'],
    ['an unclosed element', '<l><a>'],
    ['two roots', '<l/><m/>'],
    ['text outside the root', 'x<l/>'],
    ['an unquoted attribute', '<l a=1/>'],
    ['a repeated attribute', '<l a="1" a="2"/>'],
    ['the same expanded attribute twice', '<l xmlns:p="u" xmlns:q="u" p:a="1" q:a="2"/>'],
    ['attributes without whitespace', '<l a="1"b="2"/>'],
    ['a prefix declared twice on one element', '<l xmlns:p="u" xmlns:p="v"/>'],
    ['a bad name', '<1l/>'],
    ['a reference to NUL', '<l>&#0;</l>'],
    ['no root', '<?xml version="1.0"?>'],
    ['a rebound xml prefix', '<l xmlns:xml="urn:x"/>'],
  ])('rejects %s', (_why, doc) => {
    expect(() => scanXml(doc, LIMITS)).toThrow(RlmiError);
  });

  it('enforces depth, element and size limits', () => {
    expect(() => scanXml('<a><a><a></a></a></a>', { ...LIMITS, maxDepth: 2 })).toThrow(/deeper/);
    expect(() => scanXml('<a><b/><b/></a>', { ...LIMITS, maxElements: 2 })).toThrow(/more than 2/);
    expect(() => scanXml('<a/>', { ...LIMITS, maxLength: 3 })).toThrow(/longer/);
    expect(() => scanXml('<a x="1" y="2" z="3"/>', { ...LIMITS, maxAttributes: 2 })).toThrow(/more than 2 attributes/);
  });

  it('agrees with @simplekit/xml on generated RLMI-like documents', () => {
    const prefix = fc.constantFrom('', 'r', 'rlmi', 'x');
    const value = fc
      .string({ maxLength: 12 }) // printable ASCII (fast-check 4 default)
      .map((s) => s.replace(/[&<"]/g, '_'));
    const escaped = (s: string): string =>
      s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
    const doc = fc.record({
      prefix,
      uri: value,
      names: fc.array(fc.record({ text: value, lang: fc.option(fc.constantFrom('en', 'de')), cdata: fc.boolean() }), {
        maxLength: 2,
      }),
      resources: fc.array(
        fc.record({ uri: value, instances: fc.array(fc.record({ id: value, cid: value }), { maxLength: 2 }) }),
        { maxLength: 3 },
      ),
      comment: fc.boolean(),
    });
    fc.assert(
      fc.property(doc, ({ prefix: p, uri, names, resources, comment }) => {
        const q = (local: string): string => (p === '' ? local : `${p}:${local}`);
        const decl = p === '' ? 'xmlns="urn:ietf:params:xml:ns:rlmi"' : `xmlns:${p}="urn:ietf:params:xml:ns:rlmi"`;
        let xml = `<?xml version="1.0" encoding="UTF-8"?>\n<${q('list')} ${decl} uri="${escaped(uri)}" version="1" fullState="true">`;
        for (const n of names) {
          const lang = n.lang === null ? '' : ` xml:lang="${n.lang}"`;
          const body = n.cdata ? `<![CDATA[${n.text.replace(/]]>/g, '')}]]>` : escaped(n.text);
          xml += `\n  <${q('name')}${lang}>${body}</${q('name')}>`;
        }
        if (comment) xml += '<!-- a comment -->';
        for (const r of resources) {
          xml += `<${q('resource')} uri="${escaped(r.uri)}">`;
          for (const i of r.instances)
            xml += `<${q('instance')} id="${escaped(i.id)}" state="active" cid='${escaped(i.cid)}'/>`;
          xml += `</${q('resource')}>`;
        }
        xml += `</${q('list')}>\n`;
        expect(shape(scanXml(xml, LIMITS))).toEqual(shape(parseXml(xml)));
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('rejects what @simplekit/xml rejects and throws only RlmiError on mutated documents (fuzz)', () => {
    // fast-xml-parser's validator refuses some legal processing instructions, so the prolog is left alone.
    const PROLOG = '<?xml version="1.0"?>'.length;
    const base =
      '<?xml version="1.0"?><list xmlns="urn:ietf:params:xml:ns:rlmi" uri="a&amp;b" version="1"><resource uri="x"><instance id="1" state="active"/></resource></list>';
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: PROLOG, max: base.length - 1 }),
            fc.constantFrom('<', '>', '/', '"', "'", '&', '=', ' ', ':', '!', '?', 'x'),
          ),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        (edits) => {
          const chars = [...base];
          for (const [at, ch] of edits) chars[at] = ch;
          const doc = chars.join('');
          let full: 'ok' | 'error';
          try {
            parseXml(doc);
            full = 'ok';
          } catch (error) {
            expect(error).toBeInstanceOf(XmlError);
            full = 'error';
          }
          try {
            scanXml(doc, LIMITS);
            // Whatever this reader accepts, the full parser accepts too.
            expect(full).toBe('ok');
          } catch (error) {
            expect(error).toBeInstanceOf(RlmiError);
          }
        },
      ),
      { seed: 42, numRuns: 800 },
    );
  });
});
