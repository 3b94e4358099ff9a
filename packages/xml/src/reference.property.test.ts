import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XmlError } from './errors.js';
import { parseXml } from './parse.js';
import { serializeXml } from './serialize.js';
import { elementArb } from './test-support/arbitraries.js';
import { parseXmlReference } from './test-support/reference-parse.js';
import type { XmlElement } from './tree.js';

// parseXml is a hand-written single pass; the reference is the earlier pipeline (strict pre-scan, then
// fast-xml-parser in preserveOrder mode, then namespace resolution). Both must give the same tree for every document
// and accept exactly the same inputs.

type Outcome = { tree: XmlElement } | { error: string };

function outcome(run: () => XmlElement): Outcome {
  try {
    return { tree: run() };
  } catch (error) {
    if (error instanceof XmlError) return { error: error.code };
    throw error;
  }
}

function agree(text: string, ignoreWhitespace: boolean): void {
  const mine = outcome(() => parseXml(text, { ignoreWhitespace }));
  const reference = outcome(() => parseXmlReference(text, { ignoreWhitespace }));
  if ('tree' in reference) {
    expect(mine).toEqual(reference);
  } else {
    // Documents with several faults may be reported by another of them; both must refuse.
    expect('error' in mine).toBe(true);
  }
}

// Raw markup pieces that a serialiser never writes: CDATA, references, PIs, odd spacing, other quotes, comments.
const pieceArb = fc.constantFrom(
  'text',
  ' ',
  '\n  ',
  '&amp;',
  '&#x41;',
  '&#233;',
  '&lt;&gt;&quot;&apos;',
  '<![CDATA[ <x> & ]]>',
  '<!-- c -->',
  '<?pi data?>',
  '<e a=\'1\' b = "2" />',
  '<p:e xmlns:p="urn:p" p:a="v&#10;w"/>',
  '<e xmlns="urn:d"><f/>t</e >',
  '<e xmlns=""/>',
  '<x:y xmlns:x="urn:x"><x:z x:q="1" r="2">é😀</x:z></x:y>',
);
const documentArb = (pieces: fc.Arbitrary<string>, declarations: boolean): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.boolean(),
      fc.boolean(),
      fc.array(pieces, { maxLength: 8 }).map((parts) => parts.join('')),
      fc.constantFrom('', '\n', '<!-- after -->\n'),
    )
    .map(
      ([declaration, comment, body, after]) =>
        `${declaration && declarations ? '<?xml version="1.0" encoding="UTF-8"?>\n' : ''}${comment ? '<!-- before -->' : ''}<root xmlns="urn:r" xmlns:p="urn:p2">${body}</root>${after}`,
    );
// fast-xml-parser looks for the end of a processing instruction outside quotes and does not check the XML
// declaration's grammar; parseXml follows XML 1.0 there (see parse.test.ts), so damaged documents carry neither.
const withoutInstructions = pieceArb.filter((piece) => !piece.startsWith('<?'));

describe('parseXml agrees with the fast-xml-parser reference', () => {
  it('on serialised generated trees', () => {
    fc.assert(
      fc.property(elementArb, fc.boolean(), (tree, ignoreWhitespace) => {
        agree(serializeXml(tree), ignoreWhitespace);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('on generated documents with CDATA, references, comments, PIs and declarations', () => {
    fc.assert(
      fc.property(documentArb(pieceArb, true), fc.boolean(), (text, ignoreWhitespace) => agree(text, ignoreWhitespace)),
      { seed: 42, numRuns: 500 },
    );
  });

  it('accepts exactly what the reference accepts for damaged documents', () => {
    const damaged = fc
      .tuple(
        documentArb(withoutInstructions, false),
        fc.nat({ max: 400 }),
        fc.nat({ max: 6 }),
        fc.constantFrom('', '<', '>', '/', '"', "'", '=', ' ', 'a', ':', '-', '!', '?', ']', '&', ';', '#'),
      )
      .map(([text, at, cut, insert]) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + insert + text.slice(i + cut);
      });
    fc.assert(
      fc.property(damaged, (text) => agree(text, false)),
      { seed: 42, numRuns: 3000 },
    );
  });

  it('on byte input with declarations', () => {
    const encoder = new TextEncoder();
    for (const declaration of ['', '<?xml version="1.0"?>', "<?xml version='1.0' encoding='us-ascii'?>"]) {
      const bytes = encoder.encode(`\uFEFF${declaration}<a xmlns="urn:a">é</a>`);
      expect(parseXml(bytes)).toEqual(parseXmlReference(bytes));
    }
  });
});
