import { escapeAttribute, escapeText, findInvalidCharacter } from './characters.js';
import { XmlError } from './errors.js';
import { hollowSource } from './hollow.js';
import { isNcName } from './names.js';
import { XML_NAMESPACE, XMLNS_NAMESPACE, type XmlAttribute, type XmlElement, type XmlNode } from './tree.js';

export interface SerializeXmlOptions {
  /**
   * Preferred prefix per namespace URI (`''` asks for the default namespace). Preferred prefixes win over the
   * prefixes a tree carries; namespaces missing from the map keep their original prefix, so foreign content is
   * written back as it was read.
   */
  readonly prefixes?: Readonly<Record<string, string>>;
  /** Write `<?xml version="1.0" encoding="UTF-8"?>` first (default `true`); `false` for fragments. */
  readonly xmlDeclaration?: boolean;
}

type Scope = ReadonlyMap<string, string>;

const ROOT_SCOPE: Scope = new Map([['xml', XML_NAMESPACE]]);
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/**
 * Writes a tree as XML text. Namespace declarations the tree carries are written where they were (so that
 * QName-valued content of foreign vocabularies keeps working); missing bindings are declared where needed.
 */
export function serializeXml(root: XmlElement, options: SerializeXmlOptions = {}): string {
  const writer = new Writer(options.prefixes ?? {});
  try {
    writer.element(root, ROOT_SCOPE);
  } catch (cause) {
    if (cause instanceof RangeError) throw new XmlError('XML_UNSERIALIZABLE', 'Tree too deep to serialise', { cause });
    throw cause;
  }
  const text = writer.text();
  return options.xmlDeclaration === false ? text : DECLARATION + text;
}

function unserializable(message: string): XmlError {
  return new XmlError('XML_UNSERIALIZABLE', message);
}

function checkCharacters(value: string, what: string): void {
  if (findInvalidCharacter(value) !== -1) {
    throw new XmlError('XML_INVALID_CHARACTER', `${what} contains a character XML cannot represent`);
  }
}

/** Bindings visible at one element: the parent's scope plus the declarations written on the element. */
class ElementScope {
  readonly declared = new Map<string, string>();
  /** Prefixes already used by this element's own name or attributes: they must not be rebound here. */
  private readonly used = new Set<string>();

  constructor(private readonly parent: Scope) {}

  lookup(prefix: string): string | undefined {
    // An undeclared default namespace means no namespace (Namespaces in XML 1.0 §6.2).
    return this.declared.get(prefix) ?? this.parent.get(prefix) ?? (prefix === '' ? '' : undefined);
  }

  /** Uses `prefix` for `ns` if it already means `ns` here or can be declared here without clashing. */
  claim(prefix: string, ns: string): boolean {
    if (this.lookup(prefix) !== ns) {
      if (this.declared.has(prefix) || this.used.has(prefix)) return false;
      this.declared.set(prefix, ns);
    }
    this.used.add(prefix);
    return true;
  }

  /** Any non-default prefix bound to `ns` here, or a fresh one declared for it. */
  anyPrefixFor(ns: string): string {
    for (const [prefix, uri] of this.declared) if (uri === ns && prefix !== '') return prefix;
    for (const [prefix, uri] of this.parent)
      if (uri === ns && prefix !== '' && this.lookup(prefix) === ns) return prefix;
    for (let i = 0; ; i++) {
      const candidate = `ns${i}`;
      if (this.lookup(candidate) === undefined) {
        this.declared.set(candidate, ns);
        return candidate;
      }
    }
  }

  finish(): Scope {
    if (this.declared.size === 0) return this.parent;
    const scope = new Map(this.parent);
    for (const [prefix, uri] of this.declared) scope.set(prefix, uri);
    return scope;
  }
}

class Writer {
  /**
   * Output is gathered in chunks of about 16 KB, each flattened when full: one growing `+=` string would be a rope of
   * a million pieces for a large document, all alive until the end, which makes the garbage collector most of the
   * cost of writing it.
   */
  private chunk = '';
  private readonly chunks: string[] = [];

  /**
   * Source text of hollow elements written as they were read, not yet in a chunk: siblings that stood next to each
   * other in the same source are written as one slice of it (a large list of unchanged items costs one copy).
   */
  private runText: string | undefined;
  private runStart = 0;
  private runEnd = 0;

  private writeSource(text: string, start: number, end: number): void {
    if (this.runText === text && this.runEnd === start) {
      this.runEnd = end;
      return;
    }
    this.endRun();
    this.runText = text;
    this.runStart = start;
    this.runEnd = end;
  }

  private endRun(): void {
    const { runText } = this;
    if (runText === undefined) return;
    this.runText = undefined;
    const piece = runText.slice(this.runStart, this.runEnd);
    if (piece.length > 16_384) {
      // A long run of source text goes in as it is, between chunks.
      if (this.chunk.length > 0) this.chunks.push(this.chunk);
      this.chunks.push(piece);
      this.chunk = '';
    } else {
      this.append(piece);
    }
  }

  private write(piece: string): void {
    if (this.runText !== undefined) this.endRun();
    this.append(piece);
  }

  private append(piece: string): void {
    this.chunk += piece;
    if (this.chunk.length > 16_384) {
      // Reading a character flattens the rope (V8), so its pieces can be collected while still young.
      this.chunk.charCodeAt(0);
      this.chunks.push(this.chunk);
      this.chunk = '';
    }
  }

  text(): string {
    this.endRun();
    if (this.chunks.length === 0) return this.chunk;
    this.chunks.push(this.chunk);
    return this.chunks.join('');
  }

  private readonly noPreferences: boolean;
  /** The last pair of scopes {@link sameBindings} found equal. */
  private matchedScope: Scope | undefined;
  private matchedSource: Scope | undefined;

  constructor(private readonly preferred: Readonly<Record<string, string>>) {
    this.noPreferences = Object.keys(preferred).length === 0;
  }

  /**
   * A hollow element (see `hollow.ts`) is written as the text it was read from, when every binding in scope here is
   * the one it was read in (so each prefix in that text means what it meant) and no preferred prefix asks for
   * renaming. The text was checked when it was read; it may keep references, CDATA or indentation the tree does not
   * show, all of which read back as the same tree.
   */
  private verbatim(element: XmlElement, scope: Scope): boolean {
    const source = hollowSource(element);
    if (source === undefined) return false;
    // Siblings share both scopes, so one comparison usually settles a whole list.
    if (scope !== this.matchedScope || source.scope !== this.matchedSource) {
      if (!sameBindings(scope, source.scope)) return false;
      this.matchedScope = scope;
      this.matchedSource = source.scope;
    }
    this.writeSource(source.text, source.start, source.end);
    return true;
  }

  element(element: XmlElement, parent: Scope): void {
    const { local } = element.name;
    if (!isNcName(local)) throw unserializable(`"${local}" is not a valid element name`);
    if (this.noPreferences && this.verbatim(element, parent)) return;
    if (element.namespaces.length === 0 && this.plainElement(element, parent)) return;
    const scope = new ElementScope(parent);
    for (const declaration of element.namespaces) {
      if (declaration.prefix === 'xmlns' || declaration.uri === XMLNS_NAMESPACE) {
        throw unserializable('The xmlns prefix and namespace cannot be declared');
      }
      if (declaration.prefix === null || declaration.uri !== '')
        scope.declared.set(declaration.prefix ?? '', declaration.uri);
    }
    const qualified = this.elementName(element, scope);
    const attributes = this.attributes(element.attributes, scope);
    let tag = `<${qualified}`;
    for (const [prefix, uri] of scope.declared) {
      tag += prefix === '' ? ` xmlns="${escapeAttribute(uri)}"` : ` xmlns:${prefix}="${escapeAttribute(uri)}"`;
    }
    this.write(tag + attributes);
    // Read once: the children of a hollow element are read again from its text on every access.
    const { children } = element;
    if (children.length === 0) {
      this.write('/>');
      return;
    }
    this.write('>');
    const inner = scope.finish();
    for (const child of children) this.node(child, inner);
    this.write(`</${qualified}>`);
  }

  /**
   * The common case, without a scope of its own: no declarations on the element, and its name and attributes take
   * prefixes already bound as wanted in the parent's scope. Gives exactly what the general path gives there (which
   * would claim the same prefixes and declare nothing); `false` when anything needs a declaration.
   */
  private plainElement(element: XmlElement, parent: Scope): boolean {
    const qualified = this.boundName(element.name.ns, element.name.local, element.prefix ?? '', parent, true);
    if (qualified === undefined) return false;
    const { attributes } = element;
    let tag = `<${qualified}`;
    if (attributes.length > 0) {
      const seen = attributes.length > 1 ? new Set<string>() : undefined;
      for (const attribute of attributes) {
        const { ns, local } = attribute;
        if (!isNcName(local) || (ns === null && local === 'xmlns')) {
          throw unserializable(`"${local}" is not a valid attribute name`);
        }
        const name = ns === null ? local : this.boundName(ns, local, attribute.prefix ?? '', parent, false);
        if (name === undefined) return false;
        if (seen !== undefined) {
          const key = `${ns ?? ''}\u0000${local}`;
          if (seen.has(key)) throw unserializable(`Duplicate attribute ${local}`);
          seen.add(key);
        }
        checkCharacters(attribute.value, 'Attribute value');
        tag += ` ${name}="${escapeAttribute(attribute.value)}"`;
      }
    }
    const { children } = element;
    if (children.length === 0) {
      this.write(`${tag}/>`);
      return true;
    }
    this.write(`${tag}>`);
    for (const child of children) this.node(child, parent);
    this.write(`</${qualified}>`);
    return true;
  }

  /** `prefix:local` when the first usable candidate prefix already means `ns` in `scope`; else `undefined`. */
  private boundName(
    ns: string | null,
    local: string,
    prefix: string,
    scope: Scope,
    element: boolean,
  ): string | undefined {
    if (ns === null) {
      const current = scope.get('');
      return current === undefined || current === '' ? local : undefined;
    }
    if (ns === XML_NAMESPACE) return `xml:${local}`;
    if (ns === XMLNS_NAMESPACE) return undefined;
    const preferred = this.preferred[ns];
    let candidate: string | undefined;
    if (preferred !== undefined && (element || preferred !== '') && (preferred === '' || usablePrefix(preferred))) {
      candidate = preferred;
    } else if ((element || prefix !== '') && (prefix === '' || usablePrefix(prefix))) {
      candidate = prefix;
    }
    if (candidate === undefined) return undefined;
    const bound = scope.get(candidate) ?? (candidate === '' ? '' : undefined);
    if (bound !== ns) return undefined;
    return candidate === '' ? local : `${candidate}:${local}`;
  }

  private node(node: XmlNode, scope: Scope): void {
    if (node.type === 'element') {
      this.element(node, scope);
    } else if (node.type === 'text') {
      checkCharacters(node.value, 'Text');
      this.write(escapeText(node.value));
    } else {
      checkCharacters(node.value, 'Comment');
      // XML 1.0 §2.5: "--" must not occur in a comment and it must not end with "-".
      if (node.value.includes('--') || node.value.endsWith('-')) throw unserializable('Comment cannot contain "--"');
      this.write(`<!--${node.value}-->`);
    }
  }

  private elementName(element: XmlElement, scope: ElementScope): string {
    const { ns, local } = element.name;
    if (ns === null) {
      // No namespace: the element must be unprefixed and the default namespace undeclared.
      const current = scope.lookup('');
      if (current !== undefined && current !== '') scope.declared.set('', '');
      scope.claim('', '');
      return local;
    }
    if (ns === XML_NAMESPACE) return `xml:${local}`;
    if (ns === XMLNS_NAMESPACE) throw unserializable('No element can be in the xmlns namespace');
    const candidates = [this.preferred[ns], element.prefix ?? ''];
    for (const prefix of candidates) {
      if (prefix === undefined || (prefix !== '' && !usablePrefix(prefix))) continue;
      if (scope.claim(prefix, ns)) return prefix === '' ? local : `${prefix}:${local}`;
    }
    return `${scope.anyPrefixFor(ns)}:${local}`;
  }

  private attributes(attributes: readonly XmlAttribute[], scope: ElementScope): string {
    let out = '';
    const seen = attributes.length > 1 ? new Set<string>() : undefined;
    for (const attribute of attributes) {
      const { ns, local } = attribute;
      if (!isNcName(local) || (ns === null && local === 'xmlns')) {
        throw unserializable(`"${local}" is not a valid attribute name`);
      }
      if (seen !== undefined) {
        const key = `${ns ?? ''}\u0000${local}`;
        if (seen.has(key)) throw unserializable(`Duplicate attribute ${local}`);
        seen.add(key);
      }
      checkCharacters(attribute.value, 'Attribute value');
      out += ` ${this.attributeName(attribute, scope)}="${escapeAttribute(attribute.value)}"`;
    }
    return out;
  }

  private attributeName(attribute: XmlAttribute, scope: ElementScope): string {
    const { ns, local } = attribute;
    if (ns === null) return local;
    if (ns === XML_NAMESPACE) return `xml:${local}`;
    if (ns === XMLNS_NAMESPACE) throw unserializable('Namespace declarations go in `namespaces`, not attributes');
    // Namespaces in XML 1.0 §6.2: the default namespace never applies to attributes, so a prefix is required.
    for (const prefix of [this.preferred[ns], attribute.prefix]) {
      if (prefix === undefined || prefix === null || prefix === '' || !usablePrefix(prefix)) continue;
      if (scope.claim(prefix, ns)) return `${prefix}:${local}`;
    }
    return `${scope.anyPrefixFor(ns)}:${local}`;
  }
}

/** Same prefix → namespace bindings (an undeclared default namespace is the same as `xmlns=""`). */
function sameBindings(a: Scope, b: Scope): boolean {
  if (a === b) return true;
  for (const [prefix, uri] of a) if ((b.get(prefix) ?? (prefix === '' ? '' : undefined)) !== uri) return false;
  for (const [prefix, uri] of b) if ((a.get(prefix) ?? (prefix === '' ? '' : undefined)) !== uri) return false;
  return true;
}

function usablePrefix(prefix: string): boolean {
  return prefix !== 'xml' && prefix !== 'xmlns' && isNcName(prefix);
}
