import { type QName, XML_NAMESPACE, type XmlAttribute, type XmlElement, type XmlNode } from '@simplekit/xml';
import type { Note } from './model.js';

/** The element's text when it holds nothing but text (or nothing), else `undefined`. */
export function onlyText(element: XmlElement): string | undefined {
  let text = '';
  for (const child of element.children) {
    if (child.type === 'element') return undefined;
    if (child.type === 'text') text += child.value;
  }
  return text;
}

/**
 * The unprefixed attributes of `element` by name when every attribute is one of `allowed` (plus `xml:lang` when
 * `lang` is set), else `undefined`: an element carrying attributes the model does not know is kept as XML instead.
 */
export function knownAttributes(
  element: XmlElement,
  allowed: readonly string[],
  lang = false,
): Map<string, string> | undefined {
  const out = new Map<string, string>();
  for (const attribute of element.attributes) {
    if (attribute.ns === null && allowed.includes(attribute.local)) out.set(attribute.local, attribute.value);
    else if (lang && attribute.ns === XML_NAMESPACE && attribute.local === 'lang') out.set('xml:lang', attribute.value);
    else return undefined;
  }
  return out;
}

/** A plain-text element without attributes. */
export function plainText(element: XmlElement): string | undefined {
  return element.attributes.length === 0 ? onlyText(element) : undefined;
}

/** A `<note xml:lang?>` of any of the note vocabularies. */
export function readNote(element: XmlElement): Note | undefined {
  const attributes = knownAttributes(element, [], true);
  const text = attributes === undefined ? undefined : onlyText(element);
  if (attributes === undefined || text === undefined) return undefined;
  const lang = attributes.get('xml:lang');
  return lang === undefined ? { text } : { text, lang };
}

/** XML Schema boolean, strictly the canonical `true` / `false` so that writing it back is exact. */
export function readBoolean(text: string | undefined): boolean | undefined {
  const value = text?.trim();
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A decimal number (no exponent, no hex), or `undefined`. */
export function readDecimal(text: string | undefined): number | undefined {
  const value = text?.trim();
  if (value === undefined || !DECIMAL.test(value)) return undefined;
  const number = Number(value);
  // "-0" reads as 0 so that the value written back ("0") reads the same.
  return number === 0 ? 0 : number;
}

/**
 * Unknown content is kept with its prefixes but without its namespace declarations: where the declarations sit is
 * an accident of serialisation, and the serialiser declares what is needed again.
 */
export function foreign(element: XmlElement): XmlElement {
  return {
    type: 'element',
    name: element.name,
    prefix: element.prefix,
    namespaces: [],
    attributes: element.attributes,
    children: element.children.map(foreignNode),
  };
}

function foreignNode(node: XmlNode): XmlNode {
  return node.type === 'element' ? foreign(node) : node;
}

export function is(element: XmlElement, name: QName): boolean {
  return element.name.local === name.local && element.name.ns === name.ns;
}

/** Attributes other than the named unprefixed ones. */
export function otherAttributes(element: XmlElement, known: readonly string[]): XmlAttribute[] {
  return element.attributes.filter((a) => a.ns !== null || !known.includes(a.local));
}
