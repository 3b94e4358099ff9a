import type { QName, XmlAttribute, XmlElement, XmlNode } from './tree.js';

/** True when `element` has exactly this expanded name (prefixes never matter). */
export function hasName(element: XmlElement, ns: string | null, local: string): boolean {
  return element.name.local === local && element.name.ns === ns;
}

/** Same as {@link hasName} with a {@link QName}. */
export function isNamed(element: XmlElement, name: QName): boolean {
  return element.name.local === name.local && element.name.ns === name.ns;
}

/** Child elements, optionally only those with the given expanded name, in document order. */
export function childElements(element: XmlElement, name?: QName): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of element.children) {
    if (child.type === 'element' && (name === undefined || isNamed(child, name))) out.push(child);
  }
  return out;
}

/** First child element with the expanded name, or `undefined`. */
export function firstChildElement(element: XmlElement, name: QName): XmlElement | undefined {
  for (const child of element.children) {
    if (child.type === 'element' && isNamed(child, name)) return child;
  }
  return undefined;
}

/** Concatenated text of the element and all its descendants (comments excluded), like DOM `textContent`. */
export function textContent(node: XmlNode): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'comment') return '';
  // Read once: the children of a hollow element are read again from its text on every access.
  const { children } = node;
  if (children.length === 1) {
    const only = children[0];
    if (only !== undefined && only.type === 'text') return only.value;
  }
  let out = '';
  for (const child of children) out += textContent(child);
  return out;
}

/** The attribute with this expanded name (`ns` defaults to none, i.e. an unprefixed attribute). */
export function findAttribute(element: XmlElement, local: string, ns: string | null = null): XmlAttribute | undefined {
  for (const attribute of element.attributes) {
    if (attribute.local === local && attribute.ns === ns) return attribute;
  }
  return undefined;
}

/** Value of the attribute with this expanded name, or `undefined`. */
export function attributeValue(element: XmlElement, local: string, ns: string | null = null): string | undefined {
  return findAttribute(element, local, ns)?.value;
}
