/** The namespace bound to the `xml` prefix by definition (Namespaces in XML 1.0 §3). */
export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
/** The namespace of `xmlns` declarations themselves. */
export const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

/** An expanded name: namespace URI (`null` for none) and local part. */
export interface QName {
  readonly ns: string | null;
  readonly local: string;
}

/** One attribute, by expanded name, with the prefix it was written with (`null` when unprefixed). */
export interface XmlAttribute {
  readonly ns: string | null;
  readonly local: string;
  readonly prefix: string | null;
  readonly value: string;
}

/** An `xmlns` / `xmlns:p` declaration written on an element (`prefix` is `null` for the default namespace). */
export interface XmlNamespaceDeclaration {
  readonly prefix: string | null;
  /** The bound URI; `''` for `xmlns=""`, which undeclares the default namespace. */
  readonly uri: string;
}

export interface XmlElement {
  readonly type: 'element';
  readonly name: QName;
  /** Prefix the element was written with; `null` when unprefixed (default namespace or none). */
  readonly prefix: string | null;
  /** Namespace declarations written on this element, in document order (not part of `attributes`). */
  readonly namespaces: readonly XmlNamespaceDeclaration[];
  /** Attributes other than namespace declarations, in document order. */
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlNode[];
}

/** Character data; adjacent text and CDATA sections are merged into one node, entities already decoded. */
export interface XmlText {
  readonly type: 'text';
  readonly value: string;
}

export interface XmlComment {
  readonly type: 'comment';
  readonly value: string;
}

export type XmlNode = XmlElement | XmlText | XmlComment;

export interface XmlElementInit {
  readonly prefix?: string | null;
  readonly namespaces?: readonly XmlNamespaceDeclaration[];
  readonly attributes?: readonly XmlAttribute[];
  readonly children?: readonly XmlNode[];
}

/** Builds an expanded name. */
export function qname(ns: string | null, local: string): QName {
  return { ns, local };
}

/** Builds an element; prefixes are chosen by the serialiser unless given. */
export function xmlElement(name: QName, init: XmlElementInit = {}): XmlElement {
  return {
    type: 'element',
    name: { ns: name.ns, local: name.local },
    prefix: init.prefix ?? null,
    namespaces: init.namespaces ?? [],
    attributes: init.attributes ?? [],
    children: init.children ?? [],
  };
}

/** Builds an attribute; `prefix` is only a preference for the serialiser. */
export function xmlAttribute(name: QName, value: string, prefix: string | null = null): XmlAttribute {
  return { ns: name.ns, local: name.local, prefix, value };
}

export function xmlText(value: string): XmlText {
  return { type: 'text', value };
}

export function xmlComment(value: string): XmlComment {
  return { type: 'comment', value };
}

export function isElement(node: XmlNode): node is XmlElement {
  return node.type === 'element';
}

export function isText(node: XmlNode): node is XmlText {
  return node.type === 'text';
}
