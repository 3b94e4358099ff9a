import { parseXml, type QName, type XmlElement, XmlError, type XmlNode } from '@simplekit/xml';
import { XcapParseError } from '../errors.js';

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
