import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { stripPrefixes } from './canonical.js';
import { XmlError } from './errors.js';
import { parseXml } from './parse.js';
import { serializeXml } from './serialize.js';
import { elementArb } from './test-support/arbitraries.js';

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
