import { describe, expect, it } from 'vitest';
import { XmlLimitError } from './errors.js';
import { isHollow, type SkimInput, type SkimmedElement } from './hollow.js';
import { parseXml } from './parse.js';
import { childElements } from './query.js';
import { serializeXml } from './serialize.js';
import type { XmlElement } from './tree.js';

const LIST =
  '<r:lists xmlns:r="urn:r" xmlns:a="urn:a"><r:list><a:item id="1"><a:n>one</a:n></a:item>' +
  '<a:item id="2"><a:n>two</a:n></a:item><a:other/></r:list></r:lists>';

/**
 * A toy skimmer for `<a:item id="…"><a:n>text</a:n></a:item>` exactly as LIST writes it (test only: it checks no
 * more than LIST needs).
 */
function itemSkimmer(placed: [string, XmlElement][], seen: SkimInput[] = []) {
  return (input: SkimInput): SkimmedElement | undefined => {
    seen.push({ ...input, resolve: input.resolve.bind(input) });
    const match = /^<a:item id="(\d)"><a:n>(\w+)<\/a:n><\/a:item>/.exec(input.text.slice(input.at));
    if (match === null || input.resolve('a') !== 'urn:a') return undefined;
    const id = match[1] ?? '';
    return {
      end: input.at + match[0].length,
      name: { ns: 'urn:a', local: 'item' },
      prefix: 'a',
      attributes: [{ ns: null, local: 'id', prefix: null, value: id }],
      elements: 2,
      depth: 2,
      hasChildren: true,
      place: (element) => placed.push([match[2] ?? '', element]),
    };
  };
}

describe('skimmed elements', () => {
  it('are placed hollow in a tree equal to a plain parse, and neither descended into nor visited', () => {
    const placed: [string, XmlElement][] = [];
    const seen: SkimInput[] = [];
    const visited: string[] = [];
    const tree = parseXml(LIST, {
      hollow: {
        depth: 3,
        skim: itemSkimmer(placed, seen),
        descend: (element) => {
          visited.push(`descend ${element.name.local}`);
          return false;
        },
        visit: (full) => visited.push(`visit ${full.name.local}`),
      },
    });
    expect(tree).toEqual(parseXml(LIST));
    expect(serializeXml(tree, { xmlDeclaration: false })).toBe(LIST);
    expect(placed.map(([text, element]) => [text, isHollow(element), element.attributes[0]?.value])).toEqual([
      ['one', true, '1'],
      ['two', true, '2'],
    ]);
    const list = childElements(tree)[0];
    expect(list === undefined ? [] : childElements(list).slice(0, 2)).toEqual(placed.map(([, element]) => element));
    // Only the element the skimmer declined went the reader's way.
    expect(visited).toEqual(['visit other']);
    expect(seen.map((input) => [input.at, input.parent.name.local, input.ignoreWhitespace])).toEqual([
      [LIST.indexOf('<a:item id="1"'), 'list', false],
      [LIST.indexOf('<a:item id="2"'), 'list', false],
      [LIST.indexOf('<a:other'), 'list', false],
    ]);
  });

  it('are offered only at the hollow depth', () => {
    const seen: SkimInput[] = [];
    parseXml(LIST, { hollow: { depth: 2, skim: itemSkimmer([], seen) } });
    expect(seen.map((input) => input.parent.name.local)).toEqual(['lists']);
  });

  it('are read by the reader instead when they would cross a limit, which then fails as it would have', () => {
    const placed: [string, XmlElement][] = [];
    // LIST has 7 elements; a skimmed item counts 2 at once, so 6 must fail on the reader's own count.
    expect(() =>
      parseXml(LIST, { limits: { maxElements: 6 }, hollow: { depth: 3, skim: itemSkimmer(placed) } }),
    ).toThrow(XmlLimitError);
    expect(() => parseXml(LIST, { limits: { maxElements: 6 } })).toThrow(XmlLimitError);
    expect(parseXml(LIST, { limits: { maxElements: 7 }, hollow: { depth: 3, skim: itemSkimmer([]) } })).toEqual(
      parseXml(LIST),
    );
    // Too deep for the skimmed depth: the reader reads the item (the limit holds for what it finds).
    const shallow: [string, XmlElement][] = [];
    const tree = parseXml(LIST, { limits: { maxDepth: 4 }, hollow: { depth: 3, skim: itemSkimmer(shallow) } });
    expect(shallow).toEqual([]);
    expect(tree).toEqual(parseXml(LIST));
  });

  it('pass an exception of skim or place through unchanged', () => {
    const failure = new RangeError('mine');
    const skim = () => {
      throw failure;
    };
    expect(() => parseXml(LIST, { hollow: { depth: 3, skim } })).toThrow(failure);
    const placing = (input: SkimInput) => {
      const result = itemSkimmer([])(input);
      return result === undefined
        ? undefined
        : {
            ...result,
            place: () => {
              throw failure;
            },
          };
    };
    expect(() => parseXml(LIST, { hollow: { depth: 3, skim: placing } })).toThrow(failure);
  });

  it('without children are placed as plain elements', () => {
    const placed: XmlElement[] = [];
    const skim = (input: SkimInput): SkimmedElement | undefined =>
      input.text.startsWith('<a:other/>', input.at)
        ? {
            end: input.at + '<a:other/>'.length,
            name: { ns: 'urn:a', local: 'other' },
            prefix: 'a',
            attributes: [],
            elements: 1,
            depth: 1,
            hasChildren: false,
            place: (element) => placed.push(element),
          }
        : undefined;
    const tree = parseXml(LIST, { hollow: { depth: 3, skim } });
    expect(tree).toEqual(parseXml(LIST));
    expect(placed.map((element) => isHollow(element))).toEqual([false]);
  });
});
