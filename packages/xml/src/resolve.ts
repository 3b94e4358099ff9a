import { decodeAttributeValue } from './characters.js';
import { XmlError } from './errors.js';
import { XML_NAMESPACE, XMLNS_NAMESPACE, type XmlAttribute, type XmlNamespaceDeclaration } from './tree.js';

/** Prefix (`''` for the default namespace) → namespace URI, as visible at one element. */
export type Scope = ReadonlyMap<string, string>;

/** Namespaces in XML 1.0 §3: `xml` is bound by definition. */
export const ROOT_SCOPE: Scope = new Map([['xml', XML_NAMESPACE]]);

const NONE: readonly never[] = Object.freeze([]);

/** The attributes of one start tag as read: names and value offsets into the text, `count` of them in use. */
export interface RawAttributes {
  readonly names: string[];
  readonly starts: number[];
  readonly ends: number[];
  count: number;
}

/** Filled by {@link resolveAttributes} (one holder per reader, so that no object is made per element). */
export interface ResolvedAttributes {
  scope: Scope;
  namespaces: readonly XmlNamespaceDeclaration[];
  attributes: readonly XmlAttribute[];
}

function isDeclaration(name: string): boolean {
  return name.startsWith('xmlns') && (name.length === 5 || name.charCodeAt(5) === 0x3a);
}

/**
 * Splits the attributes of one start tag into namespace declarations (which open a new scope) and attributes
 * resolved in that scope. `raw` holds name, value-start, value-end triples into `text`.
 */
export function resolveAttributes(text: string, raw: RawAttributes, parent: Scope, out: ResolvedAttributes): void {
  let scope: Map<string, string> | undefined;
  let namespaces: XmlNamespaceDeclaration[] | undefined;
  const { names, starts, ends, count } = raw;
  for (let a = 0; a < count; a++) {
    const key = names[a] as string;
    if (!isDeclaration(key)) continue;
    const uri = decodeAttributeValue(text.slice(starts[a] as number, ends[a] as number));
    const prefix = key.length === 5 ? null : key.slice(6);
    checkBinding(prefix, uri);
    namespaces ??= [];
    namespaces.push({ prefix, uri });
    scope ??= new Map(parent);
    scope.set(prefix ?? '', uri);
  }
  const inScope = scope ?? parent;
  let attributes: XmlAttribute[] | undefined;
  let prefixed = false;
  for (let a = 0; a < count; a++) {
    const key = names[a] as string;
    if (isDeclaration(key)) continue;
    const value = decodeAttributeValue(text.slice(starts[a] as number, ends[a] as number));
    const colon = key.indexOf(':');
    attributes ??= [];
    if (colon === -1) {
      attributes.push({ ns: null, local: key, prefix: null, value });
      continue;
    }
    // Namespaces in XML 1.0 §6.2: an unprefixed attribute is in no namespace; a prefixed one needs a binding.
    const prefix = key.slice(0, colon);
    const ns = inScope.get(prefix);
    if (ns === undefined) throw new XmlError('XML_UNBOUND_PREFIX', `Prefix "${prefix}" is not declared`);
    prefixed = true;
    attributes.push({ ns, local: key.slice(colon + 1), prefix, value });
  }
  if (prefixed && attributes !== undefined) checkExpandedNames(attributes);
  out.scope = inScope;
  out.namespaces = namespaces ?? NONE;
  out.attributes = attributes === undefined ? NONE : exact(attributes);
}

/** A copy without spare capacity: an array grown by push keeps up to half again of unused slots (V8). */
function exact<T>(list: T[]): readonly T[] {
  return list.slice();
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
