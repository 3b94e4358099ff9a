import { attributeValue, qname, XML_NAMESPACE, type XmlElement } from '@simplekit/xml';
import { decodeAnyUri } from '../../uri/any-uri.js';
import { detectUriStyle, elementText, otherAttributes, parseRoot, withSource } from '../xml-support.js';
import {
  RESOURCE_LISTS_NAMESPACE,
  type ResourceList,
  type ResourceListItem,
  type ResourceListsDocument,
} from './model.js';

const NS = RESOURCE_LISTS_NAMESPACE;
const URI_ATTRIBUTES = ['uri', 'ref', 'anchor'];

interface Common {
  displayName?: string;
  displayNameLang?: string;
  extensions?: XmlElement[];
}

/** display-name plus child elements of other namespaces; RFC 4826 elements of unknown names count as foreign too. */
function commonChildren(element: XmlElement): Common {
  const out: Common = {};
  const extensions: XmlElement[] = [];
  for (const child of element.children) {
    if (child.type !== 'element') continue;
    if (child.name.ns === NS && child.name.local === 'display-name' && out.displayName === undefined) {
      out.displayName = elementText(child);
      const lang = attributeValue(child, 'lang', XML_NAMESPACE);
      if (lang !== undefined) out.displayNameLang = lang;
    } else {
      extensions.push(child);
    }
  }
  if (extensions.length > 0) out.extensions = extensions;
  return out;
}

function withAttributes<T extends object>(value: T, element: XmlElement, known: readonly string[]): T {
  const attributes = otherAttributes(element, known);
  return attributes.length > 0 ? { ...value, attributes } : value;
}

function parseItem(element: XmlElement): ResourceListItem {
  if (element.name.ns === NS) {
    switch (element.name.local) {
      case 'list':
        return parseList(element);
      case 'entry':
        return withSource(
          withAttributes(
            {
              kind: 'entry' as const,
              uri: decodeAnyUri(attributeValue(element, 'uri') ?? ''),
              ...commonChildren(element),
            },
            element,
            ['uri'],
          ),
          element,
        );
      case 'entry-ref':
        return withSource(
          withAttributes(
            {
              kind: 'entry-ref' as const,
              ref: decodeAnyUri(attributeValue(element, 'ref') ?? ''),
              ...commonChildren(element),
            },
            element,
            ['ref'],
          ),
          element,
        );
      case 'external':
        return withSource(
          withAttributes(
            {
              kind: 'external' as const,
              anchor: decodeAnyUri(attributeValue(element, 'anchor') ?? ''),
              ...commonChildren(element),
            },
            element,
            ['anchor'],
          ),
          element,
        );
    }
  }
  return { kind: 'foreign', node: element };
}

/** Reads a `<list>` element (also used for the inline list of an rls-services service, RFC 4826 §4.2). */
export function parseList(element: XmlElement): ResourceList {
  const items: ResourceListItem[] = [];
  let displayName: string | undefined;
  let displayNameLang: string | undefined;
  for (const child of element.children) {
    if (child.type === 'comment') {
      items.push({ kind: 'foreign', node: child });
      continue;
    }
    if (child.type !== 'element') continue;
    if (child.name.ns === NS && child.name.local === 'display-name' && displayName === undefined) {
      displayName = elementText(child);
      displayNameLang = attributeValue(child, 'lang', XML_NAMESPACE);
      continue;
    }
    items.push(parseItem(child));
  }
  const name = attributeValue(element, 'name');
  const list: ResourceList = withAttributes(
    {
      kind: 'list' as const,
      ...(name !== undefined ? { name } : {}),
      ...(displayName !== undefined ? { displayName } : {}),
      ...(displayNameLang !== undefined ? { displayNameLang } : {}),
      items,
    },
    element,
    ['name'],
  );
  return withSource(list, element);
}

/**
 * Reads a resource-lists document (RFC 4826 §3). URI values are percent-decoded; unknown attributes, elements and
 * comments are kept in place so that `serializeResourceLists` writes them back.
 */
export function parseResourceLists(text: string | Uint8Array): ResourceListsDocument {
  const root = parseRoot(text, qname(NS, 'resource-lists'), 'resource-lists');
  const lists: ResourceList[] = [];
  const extensions: XmlElement[] = [];
  for (const child of root.children) {
    if (child.type !== 'element') continue;
    if (child.name.ns === NS && child.name.local === 'list') lists.push(parseList(child));
    else extensions.push(child);
  }
  return withSource(
    {
      lists,
      ...(extensions.length > 0 ? { extensions } : {}),
      ...(root.attributes.length > 0 ? { attributes: root.attributes } : {}),
      namespaces: root.namespaces,
      uriStyle: detectUriStyle(root, URI_ATTRIBUTES),
    },
    root,
  );
}
