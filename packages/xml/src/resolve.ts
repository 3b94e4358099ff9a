import { decodeAttributeValue } from './characters.js';
import { XmlError } from './errors.js';
import { type KnownName, unbound } from './names-table.js';
import { XML_NAMESPACE, XMLNS_NAMESPACE, type XmlAttribute, type XmlNamespaceDeclaration } from './tree.js';

/** Prefix (`''` for the default namespace) → namespace URI, as visible at one element. */
export type Scope = ReadonlyMap<string, string>;

/** Namespaces in XML 1.0 §3: `xml` is bound by definition. */
export const ROOT_SCOPE: Scope = new Map([['xml', XML_NAMESPACE]]);

export const NONE: readonly never[] = Object.freeze([]);

/** The attributes of one start tag as read: names and value offsets into the text, `count` of them in use. */
export interface RawAttributes {
  readonly names: KnownName[];
  readonly starts: number[];
  readonly ends: number[];
  /** Whether each value is free of references, literal white space other than spaces, and `<`. */
  readonly plain: boolean[];
  count: number;
  /** How many of them are namespace declarations. */
  declarations: number;
}

/** Filled by {@link resolveAttributes} (one holder per reader, so that no object is made per element). */
export interface ResolvedAttributes {
  scope: Scope;
  namespaces: readonly XmlNamespaceDeclaration[];
  attributes: readonly XmlAttribute[];
}

function value(text: string, raw: RawAttributes, a: number): string {
  const value = text.slice(raw.starts[a] as number, raw.ends[a] as number);
  return raw.plain[a] === true ? value : decodeAttributeValue(value);
}

/**
 * Splits the attributes of one start tag into namespace declarations (which open a new scope) and attributes
 * resolved in that scope. Each list is made at its exact size: an array grown by push keeps up to half again of
 * unused slots (V8), and a large document has hundreds of thousands of these.
 */
export function resolveAttributes(text: string, raw: RawAttributes, parent: Scope, out: ResolvedAttributes): void {
  const { names, count, declarations } = raw;
  let inScope = parent;
  let namespaces: readonly XmlNamespaceDeclaration[] = NONE;
  if (declarations > 0) {
    const declared: XmlNamespaceDeclaration[] = new Array(declarations);
    const scope = new Map(parent);
    let d = 0;
    for (let a = 0; a < count; a++) {
      const name = names[a] as KnownName;
      if (!name.declaration) continue;
      const uri = value(text, raw, a);
      const prefix = name.prefix === null ? null : name.local;
      checkBinding(prefix, uri);
      declared[d++] = { prefix, uri };
      scope.set(prefix ?? '', uri);
    }
    namespaces = declared;
    inScope = scope;
  }
  let attributes: readonly XmlAttribute[] = NONE;
  const plain = count - declarations;
  if (plain > 0) {
    const list: XmlAttribute[] = new Array(plain);
    let prefixed = false;
    let p = 0;
    for (let a = 0; a < count; a++) {
      const name = names[a] as KnownName;
      if (name.declaration) continue;
      const { prefix } = name;
      if (prefix === null) {
        list[p++] = { ns: null, local: name.local, prefix: null, value: value(text, raw, a) };
        continue;
      }
      // Namespaces in XML 1.0 §6.2: an unprefixed attribute is in no namespace; a prefixed one needs a binding.
      const ns = inScope.get(prefix);
      if (ns === undefined) throw unbound(prefix);
      prefixed = true;
      list[p++] = { ns, local: name.local, prefix, value: value(text, raw, a) };
    }
    if (prefixed && plain > 1) checkExpandedNames(list);
    attributes = list;
  }
  out.scope = inScope;
  out.namespaces = namespaces;
  out.attributes = attributes;
}

/** Namespaces in XML 1.0 §6.3: no two attributes may share an expanded name, even through different prefixes. */
function checkExpandedNames(attributes: readonly XmlAttribute[]): void {
  const seen = new Set<string>();
  for (const attribute of attributes) {
    const key = `${attribute.ns ?? ''}\u0000${attribute.local}`;
    if (seen.has(key)) throw new XmlError('XML_MALFORMED', `Duplicate attribute ${attribute.local}`);
    seen.add(key);
  }
}

/** Namespaces in XML 1.0 §3: constraints on what a declaration may bind. */
export function checkBinding(prefix: string | null, uri: string): void {
  if (prefix === 'xmlns') throw new XmlError('XML_BAD_NAMESPACE', 'The xmlns prefix must not be declared');
  if (prefix === 'xml' && uri !== XML_NAMESPACE) {
    throw new XmlError('XML_BAD_NAMESPACE', 'The xml prefix is bound to its own namespace only');
  }
  if (prefix !== 'xml' && uri === XML_NAMESPACE) {
    throw new XmlError('XML_BAD_NAMESPACE', 'The XML namespace must not be bound to another prefix');
  }
  if (uri === XMLNS_NAMESPACE) throw new XmlError('XML_BAD_NAMESPACE', 'The xmlns namespace must not be declared');
  if (prefix !== null && uri === '') throw new XmlError('XML_BAD_NAMESPACE', `Prefix "${prefix}" bound to ""`);
}
