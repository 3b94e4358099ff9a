import { decodeAnyUri } from '@simplekit/xcap';
import type { SkimInput, SkimmedElement, XmlAttribute, XmlElement } from '@simplekit/xml';
import { type ListSummary, rememberSummary } from './list-summary.js';
import { N } from './names.js';
import { Attr, Close, SkimCursor, Tag } from './skim-cursor.js';

/** A derived list read by the skimmer: its summary is remembered once the reader has placed its element. */
class SkimmedList implements SkimmedElement {
  readonly name = N.list;
  readonly depth = 1;
  readonly hasChildren = true;
  readonly attributes: readonly XmlAttribute[];

  constructor(
    readonly end: number,
    readonly prefix: string | null,
    readonly elements: number,
    name: string,
    private readonly summary: ListSummary,
  ) {
    this.attributes = [{ ns: null, local: 'name', prefix: null, value: name }];
  }

  place(element: XmlElement): void {
    rememberSummary(element, this.summary);
  }
}

/**
 * Reads a top-level `<rl:list name>` whose name is in `derived` (granted, blocked, the RLS lists) when it holds
 * only `<rl:entry uri/>` elements, as the address book writes them: its summary (see `list-summary.ts`) comes
 * straight from the text. Anything else (display names, externals, other attributes) is left to the XML reader.
 */
export function skimDerivedList(input: SkimInput, derived: ReadonlySet<string>): SkimmedElement | undefined {
  const cursor = SkimCursor.at(input);
  if (!cursor.atStartTag() || cursor.startTag(Tag.List) !== Tag.List || cursor.closing() !== Close.Open) {
    return undefined;
  }
  const name = cursor.values[Attr.Name];
  if (name === undefined || cursor.attributeCount() !== 1 || !derived.has(name)) return undefined;
  const prefix = cursor.itemPrefix;
  const uris = new Set<string>();
  for (;;) {
    cursor.space();
    if (!cursor.atStartTag()) break;
    if (cursor.startTag(Tag.Entry) !== Tag.Entry || cursor.closing() !== Close.Empty) return undefined;
    const uri = cursor.values[Attr.Uri];
    if (uri === undefined || cursor.attributeCount() !== 1) return undefined;
    uris.add(decodeAnyUri(uri));
  }
  if (cursor.elements === 1 || !cursor.endTag(Tag.List)) return undefined;
  return new SkimmedList(cursor.i, prefix, cursor.elements, name, { uris, clean: true });
}
