import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHollow, type XmlElementHead } from './hollow.js';
import { parseXml } from './parse.js';
import { childElements } from './query.js';
import { serializeXml } from './serialize.js';
import { elementArb } from './test-support/arbitraries.js';
import type { XmlElement } from './tree.js';

const BOOK =
  '<r:lists xmlns:r="urn:r" xmlns:a="urn:a"><r:list name="x"><a:item id="1">\n  <a:name>One &amp; only</a:name><![CDATA[<raw>]]>\n</a:item><a:item id="2"/></r:list></r:lists>';

describe('hollow elements', () => {
  it('read as the same tree as a plain parse', () => {
    const hollow = parseXml(BOOK, { hollow: { depth: 3 } });
    expect(hollow).toEqual(parseXml(BOOK));
    const [first, second] = childElements(childElements(hollow)[0] ?? hollow);
    expect(first !== undefined && isHollow(first)).toBe(true);
    // Elements without children stay plain.
    expect(second !== undefined && isHollow(second)).toBe(false);
  });

  it('visit each element at the depth once, in document order, with its parent', () => {
    const seen: [string | undefined, string, boolean, string | undefined][] = [];
    const visit = (full: XmlElement, element: XmlElement, parent: XmlElementHead) => {
      seen.push([
        full.attributes[0]?.value,
        full.children.map((n) => n.type).join(','),
        isHollow(element),
        parent.attributes[0]?.value,
      ]);
    };
    parseXml(BOOK, { ignoreWhitespace: true, hollow: { depth: 3, visit } });
    expect(seen).toEqual([
      ['1', 'element,text', true, 'x'],
      ['2', '', false, 'x'],
    ]);
  });

  it('pass an exception of visit through unchanged', () => {
    const failure = new RangeError('mine');
    const visit = () => {
      throw failure;
    };
    expect(() => parseXml(BOOK, { hollow: { depth: 3, visit } })).toThrow(failure);
  });

  it('are written back as their source text where the bindings are the same, and as a tree otherwise', () => {
    const hollow = parseXml(BOOK, { ignoreWhitespace: true, hollow: { depth: 3 } });
    const written = serializeXml(hollow, { xmlDeclaration: false });
    expect(written).toContain('<a:item id="1">\n  <a:name>One &amp; only</a:name><![CDATA[<raw>]]>\n</a:item>');
    expect(parseXml(written, { ignoreWhitespace: true })).toEqual(parseXml(BOOK, { ignoreWhitespace: true }));
    // Asking for other prefixes renames, so the tree is written.
    const renamed = serializeXml(hollow, { xmlDeclaration: false, prefixes: { 'urn:a': 'b' } });
    expect(renamed).toContain('<b:item xmlns:b="urn:a" id="1"><b:name>One &amp; only</b:name>&lt;raw&gt;\n</b:item>');
    // Moved under other bindings, the tree is written too.
    const item = childElements(childElements(hollow)[0] ?? hollow)[0];
    expect(item === undefined ? '' : serializeXml(item, { xmlDeclaration: false })).toBe(
      '<a:item xmlns:a="urn:a" id="1"><a:name>One &amp; only</a:name>&lt;raw&gt;\n</a:item>',
    );
  });

  it('sit one depth down inside the elements descend keeps whole', () => {
    const lists =
      '<r:lists xmlns:r="urn:r" xmlns:a="urn:a"><r:list name="x"><a:item id="1"><a:name>One</a:name></a:item></r:list>' +
      '<r:list name="y"><a:item id="2"><a:name>Two</a:name></a:item></r:list></r:lists>';
    const seen: string[] = [];
    const tree = parseXml(lists, {
      hollow: {
        depth: 2,
        descend: (element, parent) => parent?.name.local === 'lists' && element.attributes[0]?.value === 'x',
        visit: (full, _element, parent) =>
          seen.push(`${full.name.local}:${full.attributes[0]?.value} in ${parent.name.local}`),
      },
    });
    const [x, y] = childElements(tree);
    const [one] = x === undefined ? [] : childElements(x);
    expect([x, one, y].map((e) => e !== undefined && isHollow(e))).toEqual([false, true, true]);
    expect(seen).toEqual(['item:1 in list', 'list:y in lists']);
    expect(tree).toEqual(parseXml(lists));
    expect(serializeXml(tree, { xmlDeclaration: false })).toBe(lists);
  });

  it('are written as their source text around an edited sibling', () => {
    const list =
      '<r:lists xmlns:r="urn:r" xmlns:a="urn:a"><r:list><a:item id="1"><a:n>1</a:n></a:item>' +
      '<a:item id="2"><a:n>2</a:n></a:item><a:item id="3"><a:n>3</a:n></a:item></r:list></r:lists>';
    const tree = parseXml(list, { hollow: { depth: 3 } });
    const [inner] = childElements(tree);
    if (inner === undefined) throw new Error('fixture');
    const [one, two, three] = childElements(inner);
    if (one === undefined || two === undefined || three === undefined) throw new Error('fixture');
    expect(serializeXml(tree, { xmlDeclaration: false })).toBe(list);
    const edited = { ...tree, children: [{ ...inner, children: [one, { ...two, attributes: [] }, three] }] };
    expect(serializeXml(edited, { xmlDeclaration: false })).toBe(list.replace('<a:item id="2">', '<a:item>'));
    const reordered = { ...tree, children: [{ ...inner, children: [three, one, two] }] };
    expect(parseXml(serializeXml(reordered))).toEqual(
      parseXml(
        serializeXml({
          ...reordered,
          children: [{ ...inner, children: [three, one, two].map((e) => ({ ...e, children: e.children })) }],
        }),
      ),
    );
  });

  it('are not taken for their copies', () => {
    const hollow = parseXml(BOOK, { hollow: { depth: 3 } });
    const list = childElements(hollow)[0];
    const item = list === undefined ? undefined : childElements(list)[0];
    if (list === undefined || item === undefined) throw new Error('fixture');
    const emptied = { ...hollow, children: [{ ...list, children: [{ ...item, children: [] }] }] };
    expect(serializeXml(emptied, { xmlDeclaration: false })).toContain('<a:item id="1"/>');
  });

  it('give equal trees and equal text for generated documents', () => {
    fc.assert(
      fc.property(elementArb, fc.integer({ min: 1, max: 3 }), fc.boolean(), (tree, depth, ignoreWhitespace) => {
        const text = serializeXml(tree);
        const plain = parseXml(text, { ignoreWhitespace });
        const hollow = parseXml(text, { ignoreWhitespace, hollow: { depth } });
        expect(hollow).toEqual(plain);
        expect(parseXml(serializeXml(hollow), { ignoreWhitespace })).toEqual(plain);
        // Descending into every other element at each depth gives hollow elements at several depths.
        let n = 0;
        const mixed = parseXml(text, { ignoreWhitespace, hollow: { depth, descend: () => n++ % 2 === 0 } });
        expect(mixed).toEqual(plain);
        expect(parseXml(serializeXml(mixed), { ignoreWhitespace })).toEqual(plain);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
