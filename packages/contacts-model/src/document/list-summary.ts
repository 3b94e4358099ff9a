import { decodeAnyUri } from '@simplekit/xcap';
import { attributeValue, type XmlElement, type XmlNode } from '@simplekit/xml';
import { RL } from './names.js';

/**
 * What a derived list (granted, blocked, subscribe) holds, as far as deciding whether it must be rewritten goes: the
 * URIs of its entries, and whether it holds nothing else of resource-lists but a display name.
 */
export interface ListSummary {
  readonly uris: ReadonlySet<string>;
  readonly clean: boolean;
}

/** The decoded URI of an `<rl:entry>`, `undefined` for any other node. */
export function entryUri(node: XmlNode): string | undefined {
  if (node.type !== 'element' || node.name.local !== 'entry' || node.name.ns !== RL) return undefined;
  return decodeAnyUri(attributeValue(node, 'uri') ?? '');
}

export function summarize(list: XmlElement): ListSummary {
  const uris = new Set<string>();
  let clean = true;
  for (const child of list.children) {
    const uri = entryUri(child);
    if (uri !== undefined) uris.add(uri);
    else if (child.type === 'element' && child.name.ns === RL && child.name.local !== 'display-name') clean = false;
  }
  return { uris, clean };
}

// Summaries of the lists of a document as read, by the (hollow) element the book keeps: the lists are then written
// back, when nothing changed, without reading their entries again.
const summaries = new WeakMap<XmlElement, ListSummary>();

export function rememberSummary(list: XmlElement, summary: ListSummary): void {
  summaries.set(list, summary);
}

/** The summary remembered for `list` when it was read, or one made now. */
export function listSummary(list: XmlElement): ListSummary {
  return summaries.get(list) ?? summarize(list);
}
