import { parseXml, serializeXml, type XmlElement } from '@simplekit/xml';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseXcapDiff } from '../codecs/xcap-diff/parse.js';
import { XcapError } from '../errors.js';
import { applyPatch } from './apply.js';

const NAMES = ['a', 'b', 'c'] as const;

/** Small documents of elements a|b|c with optional attributes, text and indentation. */
const element: fc.Memo<string> = fc.memo((depth) =>
  fc
    .record({
      name: fc.constantFrom(...NAMES),
      attr: fc.option(fc.constantFrom('1', 'x y', '&amp;'), { nil: undefined }),
      children:
        depth > 1
          ? fc.array(fc.oneof(element(depth - 1), fc.constantFrom('t', '\n  ')), { maxLength: 4 })
          : fc.constant([]),
    })
    .map(({ name, attr, children }) => `<${name}${attr ? ` k="${attr}"` : ''}>${children.join('')}</${name}>`),
);
const documentText = element(4).map((inner) => `<root>${inner}</root>`);

/** Every element with an RFC 5261 selector that locates exactly it (name plus position among same-name siblings). */
function selectors(root: XmlElement): string[] {
  const out: string[] = [];
  const visit = (el: XmlElement, sel: string) => {
    out.push(sel);
    const seen = new Map<string, number>();
    for (const child of el.children) {
      if (child.type !== 'element') continue;
      const n = (seen.get(child.name.local) ?? 0) + 1;
      seen.set(child.name.local, n);
      visit(child, `${sel}/${child.name.local}[${n}]`);
    }
  };
  visit(root, root.name.local);
  return out;
}

const wrap = (ops: string) =>
  `<d:xcap-diff xmlns:d="urn:ietf:params:xml:ns:xcap-diff" xcap-root="r"><d:document sel="s">${ops}</d:document></d:xcap-diff>`;
const ops = (text: string) => parseXcapDiff(wrap(text)).documents[0]?.operations ?? [];
const text = (root: XmlElement) => serializeXml(root, { xmlDeclaration: false });

describe('patch properties', () => {
  it('adding an element and then removing it restores the document', () => {
    fc.assert(
      fc.property(
        documentText,
        fc.nat(),
        fc.constantFrom(undefined, 'prepend', 'before', 'after'),
        (doc, pick, pos) => {
          const root = parseXml(doc);
          const all = selectors(root);
          const target = all[pick % all.length] ?? 'root';
          const besideRoot = target === 'root' && (pos === 'before' || pos === 'after');
          const where = besideRoot ? undefined : pos;
          const parent = where === 'before' || where === 'after' ? target.slice(0, target.lastIndexOf('/')) : target;
          const added = applyPatch(root, ops(`<d:add sel="${target}"${where ? ` pos="${where}"` : ''}><zz/></d:add>`));
          expect(text(added)).not.toBe(text(root));
          const removed = applyPatch(added, ops(`<d:remove sel="${parent}/zz"/>`));
          expect(text(removed)).toBe(text(root));
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('adding an attribute and then removing it restores the document', () => {
    fc.assert(
      fc.property(documentText, fc.nat(), fc.string({ maxLength: 8 }), (doc, pick, value) => {
        const root = parseXml(doc);
        const all = selectors(root);
        const target = all[pick % all.length] ?? 'root';
        const escaped = value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
        const added = applyPatch(root, ops(`<d:add sel="${target}" type="@zz">${escaped}</d:add>`));
        expect(applyPatch(added, ops(`<d:remove sel="${target}/@zz"/>`))).toEqual(root);
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('never throws anything but XcapError on arbitrary diffs', () => {
    const fragment = fc.stringMatching(/^[<>/"'=@:*[\]()a-z0-9 d.-]{0,60}$/);
    fc.assert(
      fc.property(fragment, (junk) => {
        try {
          parseXcapDiff(wrap(junk));
          parseXcapDiff(junk);
        } catch (error) {
          expect(error).toBeInstanceOf(XcapError);
        }
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it('never throws anything but XcapError on arbitrary selectors and operations', () => {
    const sel = fc.stringMatching(/^[a-c/@*[\]()0-9="':.\-tex]{0,24}$/);
    const op = fc.constantFrom('add', 'replace', 'remove');
    const attrs = fc.constantFrom(
      '',
      ' pos="before"',
      ' pos="prepend"',
      ' type="@q"',
      ' type="namespace::n"',
      ' ws="both"',
    );
    const content = fc.constantFrom('', 'v', '<x/>', '<x/><y/>', '<!-- c -->');
    fc.assert(
      fc.property(documentText, sel, op, attrs, content, (doc, s, o, a, c) => {
        const escaped = s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
        try {
          const result = applyPatch(parseXml(doc), ops(`<d:${o} sel="${escaped}"${a}>${c}</d:${o}>`));
          expect(parseXml(text(result))).toBeTruthy();
        } catch (error) {
          expect(error).toBeInstanceOf(XcapError);
        }
      }),
      { seed: 42, numRuns: 600 },
    );
  });
});
