import {
  parseXml,
  type QName,
  qname,
  type SerializeXmlOptions,
  serializeXml,
  XML_NAMESPACE,
  type XmlAttribute,
  type XmlElement,
  XmlError,
  type XmlNamespaceDeclaration,
  type XmlNode,
  xmlAttribute,
  xmlElement,
  xmlText,
} from '@simplekit/xml';
import { XcapParseError, XcapSerializeError } from '../errors.js';
import type { AnyUriStyle } from '../uri/any-uri.js';

/**
 * Parses an XCAP document and checks its root element. Every failure of the XML layer (malformed input, forbidden
 * DOCTYPE, limits) becomes an `XcapParseError` with the XML error as `cause`.
 */
export function parseRoot(text: string | Uint8Array, root: QName, what: string): XmlElement {
  let element: XmlElement;
  try {
    element = parseXml(text);
  } catch (cause) {
    const detail = cause instanceof XmlError ? cause.message : 'unreadable XML';
    throw new XcapParseError(`${what}: ${detail}`, { cause });
  }
  if (element.name.local !== root.local || element.name.ns !== root.ns) {
    throw new XcapParseError(
      `${what}: expected root {${root.ns ?? ''}}${root.local}, got {${element.name.ns ?? ''}}${element.name.local}`,
    );
  }
  return element;
}

const SOURCE = Symbol('xcap.source');

/**
 * Remembers the element a model value was read from, as a non-enumerable property: a value copied with `{ ...x }` to
 * change it loses the link (and is rebuilt on write), while an untouched value is written back exactly as read.
 */
export function withSource<T extends object>(value: T, element: XmlElement): T {
  Object.defineProperty(value, SOURCE, { value: element, enumerable: false });
  return value;
}

/** The element a model value was parsed from, while the value is unchanged. */
export function sourceOf(value: object): XmlElement | undefined {
  const source: unknown = (value as { [SOURCE]?: unknown })[SOURCE];
  return source !== undefined && typeof source === 'object' && source !== null && 'type' in source
    ? (source as XmlElement)
    : undefined;
}

/** True for text nodes that are only indentation. */
export function isBlank(node: XmlNode): boolean {
  return node.type === 'text' && /^[ \t\r\n]*$/.test(node.value);
}

/** Trimmed text of an element's direct text children (XML Schema token-like values). */
export function elementText(element: XmlElement): string {
  let out = '';
  for (const child of element.children) if (child.type === 'text') out += child.value;
  return out.trim();
}

/** Attributes other than the unprefixed ones a codec understands: kept as read so they survive a rewrite. */
export function otherAttributes(element: XmlElement, known: readonly string[]): XmlAttribute[] {
  return element.attributes.filter((a) => a.ns !== null || !known.includes(a.local));
}

/** How a codec writes elements it builds (elements it did not change are written exactly as read). */
export interface WriteStyle {
  /** Prefix for the application namespace: `null` for the default namespace (`rl` is Blink's for resource-lists). */
  readonly prefix: string | null;
  readonly uris: AnyUriStyle;
}

/** Blink escaping if any URI-valued attribute of the document used it (RFC 3986 escapes of `:` or `@`). */
export function detectUriStyle(root: XmlElement, uriAttributes: readonly string[]): AnyUriStyle {
  let blink = false;
  const visit = (element: XmlElement): void => {
    if (blink) return;
    for (const a of element.attributes) {
      if (a.ns === null && uriAttributes.includes(a.local) && /%3A|%40/i.test(a.value)) blink = true;
    }
    for (const child of element.children) if (child.type === 'element') visit(child);
  };
  visit(root);
  return blink ? 'blink' : 'plain';
}

/** What a document model remembers of its root so that a rewritten document keeps its look. */
export interface DocumentLook {
  /** Namespace declarations of the root element, as read (kept on rewrite so foreign prefixes stay declared). */
  readonly namespaces?: readonly XmlNamespaceDeclaration[];
  /** How the document wrote URI values; new or changed elements follow it. */
  readonly uriStyle?: AnyUriStyle;
}

/** Explicit options first, then the document's own look, then plain defaults (default namespace, plain URIs). */
export function resolveStyle(
  ns: string,
  look: DocumentLook,
  options: { readonly prefix?: string | null; readonly uris?: AnyUriStyle },
): WriteStyle {
  const declared = look.namespaces?.find((d) => d.uri === ns);
  const prefix = options.prefix !== undefined ? options.prefix : declared ? declared.prefix : null;
  return { prefix, uris: options.uris ?? look.uriStyle ?? 'plain' };
}

/** Root declarations to write: the document's own, plus a binding for the application namespace if missing. */
export function rootNamespaces(ns: string, look: DocumentLook, style: WriteStyle): XmlNamespaceDeclaration[] {
  const own = (look.namespaces ?? []).filter((d) => !(d.uri === ns && d.prefix !== style.prefix));
  return own.some((d) => d.uri === ns) ? own : [{ prefix: style.prefix, uri: ns }, ...own];
}

/** Builds an element of namespace `ns` in `style`, skipping attributes whose value is `undefined`. */
export function buildElement(
  ns: string,
  local: string,
  style: WriteStyle,
  attributes: ReadonlyArray<readonly [string, string | undefined]>,
  extraAttributes: readonly XmlAttribute[] | undefined,
  children: readonly XmlNode[],
  namespaces: readonly XmlNamespaceDeclaration[] = [],
): XmlElement {
  const own: XmlAttribute[] = [];
  for (const [name, value] of attributes) if (value !== undefined) own.push(xmlAttribute(qname(null, name), value));
  return xmlElement(qname(ns, local), {
    prefix: style.prefix,
    namespaces,
    attributes: [...own, ...(extraAttributes ?? [])],
    children,
  });
}

/** A text-only child element such as `<display-name>`, with an optional `xml:lang`. */
export function textElement(ns: string, local: string, style: WriteStyle, text: string, lang?: string): XmlElement {
  return xmlElement(qname(ns, local), {
    prefix: style.prefix,
    attributes: lang !== undefined ? [xmlAttribute(qname(XML_NAMESPACE, 'lang'), lang, 'xml')] : [],
    children: text === '' ? [] : [xmlText(text)],
  });
}

/** `serializeXml` with failures reported as `XcapSerializeError`. */
export function writeXml(root: XmlElement, what: string, options?: SerializeXmlOptions): string {
  try {
    return serializeXml(root, options);
  } catch (cause) {
    throw new XcapSerializeError(`${what}: ${cause instanceof Error ? cause.message : 'cannot serialise'}`, { cause });
  }
}
