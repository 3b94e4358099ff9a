import type { XmlElement, XmlNode } from '@simplekit/xml';
import { type AnyUriStyle, formatAnyUri } from '../../uri/any-uri.js';
import {
  buildElement,
  resolveStyle,
  rootNamespaces,
  sourceOf,
  textElement,
  type WriteStyle,
  writeXml,
} from '../xml-support.js';
import {
  RESOURCE_LISTS_NAMESPACE,
  type ResourceList,
  type ResourceListItem,
  type ResourceListsDocument,
} from './model.js';

const NS = RESOURCE_LISTS_NAMESPACE;

export interface SerializeResourceListsOptions {
  /** Prefix for the resource-lists namespace: `null` for the default namespace, `'rl'` as Blink writes. */
  readonly prefix?: string | null;
  /** How to write URI values of new or changed elements (`'blink'` percent-encodes all but `/`). */
  readonly uris?: AnyUriStyle;
}

function displayName(style: WriteStyle, value: { displayName?: string; displayNameLang?: string }): XmlNode[] {
  return value.displayName === undefined
    ? []
    : [textElement(NS, 'display-name', style, value.displayName, value.displayNameLang)];
}

function itemElement(item: ResourceListItem, style: WriteStyle): XmlNode {
  if (item.kind === 'foreign') return item.node;
  const source = sourceOf(item);
  if (source) return source;
  switch (item.kind) {
    case 'list':
      return listElement(item, style);
    case 'entry':
      return buildElement(NS, 'entry', style, [['uri', formatAnyUri(item.uri, style.uris)]], item.attributes, [
        ...displayName(style, item),
        ...(item.extensions ?? []),
      ]);
    case 'entry-ref':
      return buildElement(NS, 'entry-ref', style, [['ref', formatAnyUri(item.ref, style.uris)]], item.attributes, [
        ...displayName(style, item),
        ...(item.extensions ?? []),
      ]);
    case 'external':
      return buildElement(NS, 'external', style, [['anchor', formatAnyUri(item.anchor, style.uris)]], item.attributes, [
        ...displayName(style, item),
        ...(item.extensions ?? []),
      ]);
  }
}

/**
 * A `<list>` element. `outer` is the namespace and style of the list element itself: rls-services (RFC 4826 §4.2)
 * puts an inline list in its own namespace while the entries stay resource-lists elements.
 */
export function listElement(
  list: ResourceList,
  style: WriteStyle,
  outer: { readonly ns: string; readonly style: WriteStyle } = { ns: NS, style },
): XmlElement {
  const source = sourceOf(list);
  if (source) return source;
  return buildElement(outer.ns, 'list', outer.style, [['name', list.name]], list.attributes, [
    // The list's children, display-name included, are resource-lists elements wherever the list sits (rl:listType).
    ...displayName(style, list),
    ...list.items.map((item) => itemElement(item, style)),
  ]);
}

/**
 * Writes a resource-lists document. Lists and entries that were parsed and not changed are written exactly as read;
 * new or changed ones in the document's own style (its prefix, Blink URI escaping if it used it) unless `options`
 * says otherwise.
 */
export function serializeResourceLists(
  doc: ResourceListsDocument,
  options: SerializeResourceListsOptions = {},
): string {
  const source = sourceOf(doc);
  if (source && options.prefix === undefined && options.uris === undefined) return writeXml(source, 'resource-lists');
  const style = resolveStyle(NS, doc, options);
  const element = buildElement(
    NS,
    'resource-lists',
    style,
    [],
    doc.attributes,
    [...doc.lists.map((list) => listElement(list, style)), ...(doc.extensions ?? [])],
    rootNamespaces(NS, doc, style),
  );
  return writeXml(element, 'resource-lists');
}
