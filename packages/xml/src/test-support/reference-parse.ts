import { XMLParser } from 'fast-xml-parser';
import { decodeAttributeValue, decodeReferences, findInvalidCharacter } from '../characters.js';
import { XmlError, XmlLimitError } from '../errors.js';
import { DEFAULT_XML_LIMITS, resolveLimits, type XmlLimits } from '../limits.js';
import { splitName } from '../names.js';
import {
  XML_NAMESPACE,
  XMLNS_NAMESPACE,
  type XmlAttribute,
  type XmlElement,
  type XmlNamespaceDeclaration,
  type XmlNode,
} from '../tree.js';
import { prescan } from './prescan.js';

export interface ParseXmlOptions {
  /** Overrides of {@link DEFAULT_XML_LIMITS}. */
  readonly limits?: Partial<XmlLimits>;
  /** Drop text nodes that are only whitespace (indentation). Default `false`: every character is kept. */
  readonly ignoreWhitespace?: boolean;
}

type RawNode = Record<string, unknown>;
type Scope = ReadonlyMap<string, string>;

const ROOT_SCOPE: Scope = new Map([['xml', XML_NAMESPACE]]);
const ATTRIBUTES_KEY = ':@';
/**
 * fast-xml-parser stores names as object keys and refuses JavaScript-reserved ones (`constructor`, `__proto__`),
 * which are legal XML names. Every element and attribute name is therefore marked with a leading "." (a character no
 * XML name starts with, so marking is unambiguous and idempotent), and the mark is removed when converting.
 */
const NAME_MARK = 0x2e;
const markName = (name: string): string => (name.charCodeAt(0) === NAME_MARK ? name : `.${name}`);
const WHITESPACE_ONLY = /^[ \t\n\r]*$/;

function createParser(maxDepth: number): XMLParser {
  // Entities stay undecoded here (we decode exactly the XML-defined ones ourselves) and every value stays a string.
  return new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: false,
    htmlEntities: false,
    commentPropName: '#comment',
    cdataPropName: '#cdata',
    allowBooleanAttributes: false,
    maxNestedTags: maxDepth + 1,
    // No callback of ours reads the path, so fast-xml-parser need not build a path string per node.
    jPath: false,
    transformTagName: markName,
    transformAttributeName: markName,
  });
}

const defaultParser = createParser(DEFAULT_XML_LIMITS.maxDepth);
const decoder = new TextDecoder('utf-8', { fatal: true });

function toText(input: string | Uint8Array, limits: XmlLimits): string {
  if (typeof input === 'string') {
    if (input.length > limits.maxBytes)
      throw new XmlLimitError('maxBytes', `Document exceeds ${limits.maxBytes} bytes`);
    return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  }
  if (input.byteLength > limits.maxBytes)
    throw new XmlLimitError('maxBytes', `Document exceeds ${limits.maxBytes} bytes`);
  try {
    return decoder.decode(input);
  } catch (cause) {
    throw new XmlError('XML_ENCODING', 'Document is not valid UTF-8', { cause });
  }
}

/**
 * Parses one XML document into its root element, with every element and attribute name resolved to
 * `{ ns, local }` by the namespace declarations in scope. Throws {@link XmlError} and nothing else.
 */
export function parseXmlReference(input: string | Uint8Array, options: ParseXmlOptions = {}): XmlElement {
  const limits = resolveLimits(options.limits);
  let text = toText(input, limits);
  // XML 1.0 §2.11: line ends normalise to LF before parsing.
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  const bad = findInvalidCharacter(text);
  if (bad !== -1) throw new XmlError('XML_INVALID_CHARACTER', `Character not allowed by XML at offset ${bad}`);
  prescan(text, limits);
  let raw: unknown;
  try {
    raw = pickParser(limits).parse(text);
  } catch (cause) {
    if (cause instanceof XmlError) throw cause;
    if (cause instanceof RangeError) throw new XmlLimitError('maxDepth', 'Nesting too deep to process');
    throw new XmlError('XML_MALFORMED', cause instanceof Error ? cause.message : 'Unparseable XML', { cause });
  }
  const converter = new Converter(limits, options.ignoreWhitespace === true, typeof input !== 'string');
  try {
    return converter.document(raw);
  } catch (cause) {
    if (cause instanceof XmlError) throw cause;
    if (cause instanceof RangeError) throw new XmlLimitError('maxDepth', 'Nesting too deep to process');
    throw new XmlError('XML_MALFORMED', 'Unexpected parser output', { cause });
  }
}

function pickParser(limits: XmlLimits): XMLParser {
  return limits.maxDepth === DEFAULT_XML_LIMITS.maxDepth ? defaultParser : createParser(limits.maxDepth);
}

function isRawNode(value: unknown): value is RawNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tagOf(node: RawNode): string {
  for (const key in node) if (key !== ATTRIBUTES_KEY) return key;
  throw new XmlError('XML_MALFORMED', 'Empty node');
}

function innerText(value: unknown): string {
  if (!Array.isArray(value)) return '';
  let out = '';
  for (const part of value) {
    if (isRawNode(part) && typeof part['#text'] === 'string') out += part['#text'];
  }
  return out;
}

class Converter {
  private elements = 0;

  constructor(
    private readonly limits: XmlLimits,
    private readonly ignoreWhitespace: boolean,
    private readonly fromBytes: boolean,
  ) {}

  document(raw: unknown): XmlElement {
    if (!Array.isArray(raw)) throw new XmlError('XML_MALFORMED', 'No document');
    let root: XmlElement | undefined;
    for (const node of raw) {
      if (!isRawNode(node)) continue;
      const tag = tagOf(node);
      if (tag === '#text') {
        if (!WHITESPACE_ONLY.test(String(node[tag]))) throw new XmlError('XML_MALFORMED', 'Text outside the root');
      } else if (tag === '?xml') {
        this.declaration(node[ATTRIBUTES_KEY]);
      } else if (tag.charCodeAt(0) === NAME_MARK) {
        if (root !== undefined) throw new XmlError('XML_MALFORMED', 'More than one root element');
        root = this.element(tag, node, ROOT_SCOPE);
      }
    }
    if (root === undefined) throw new XmlError('XML_MALFORMED', 'No root element');
    return root;
  }

  private declaration(attributes: unknown): void {
    if (!this.fromBytes || !isRawNode(attributes)) return;
    const encoding = attributes['.encoding'];
    // Byte input is decoded as UTF-8 (PIDF, watcherinfo and XCAP bodies are UTF-8); refuse to misread others.
    if (typeof encoding === 'string' && !/^(utf-8|us-ascii)$/i.test(encoding)) {
      throw new XmlError('XML_ENCODING', `Unsupported encoding ${encoding}`);
    }
  }

  private element(tag: string, node: RawNode, parentScope: Scope): XmlElement {
    this.elements++;
    if (this.elements > this.limits.maxElements) {
      throw new XmlLimitError('maxElements', `More than ${this.limits.maxElements} elements`);
    }
    const rawAttributes = node[ATTRIBUTES_KEY];
    let scope = parentScope;
    const namespaces: XmlNamespaceDeclaration[] = [];
    const attributes: XmlAttribute[] = [];
    if (isRawNode(rawAttributes)) {
      scope = this.declarations(rawAttributes, parentScope, namespaces);
      this.attributes(rawAttributes, scope, attributes);
    }
    const name = splitName(tag.slice(1));
    let ns: string | null;
    if (name.prefix === null) {
      ns = scope.get('') || null;
    } else {
      const bound = scope.get(name.prefix);
      if (bound === undefined) throw new XmlError('XML_UNBOUND_PREFIX', `Prefix "${name.prefix}" is not declared`);
      ns = bound;
    }
    return {
      type: 'element',
      name: { ns, local: name.local },
      prefix: name.prefix,
      namespaces,
      attributes,
      children: this.children(node[tag], scope),
    };
  }

  private declarations(raw: RawNode, parentScope: Scope, out: XmlNamespaceDeclaration[]): Scope {
    let scope: Map<string, string> | undefined;
    for (const marked in raw) {
      const key = marked.slice(1);
      if (key !== 'xmlns' && !key.startsWith('xmlns:')) continue;
      const value = raw[marked];
      if (typeof value !== 'string') throw new XmlError('XML_MALFORMED', `Attribute ${key} has no value`);
      const uri = decodeAttributeValue(value);
      const prefix = key === 'xmlns' ? null : key.slice(6);
      checkBinding(prefix, uri);
      out.push({ prefix, uri });
      scope ??= new Map(parentScope);
      scope.set(prefix ?? '', uri);
    }
    return scope ?? parentScope;
  }

  private attributes(raw: RawNode, scope: Scope, out: XmlAttribute[]): void {
    let prefixed = false;
    for (const marked in raw) {
      const key = marked.slice(1);
      if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
      const value = raw[marked];
      if (typeof value !== 'string') throw new XmlError('XML_MALFORMED', `Attribute ${key} has no value`);
      const decoded = decodeAttributeValue(value);
      const name = splitName(key);
      if (name.prefix === null) {
        out.push({ ns: null, local: name.local, prefix: null, value: decoded });
        continue;
      }
      // Namespaces in XML 1.0 §6.2: an unprefixed attribute is in no namespace; a prefixed one needs a binding.
      const ns = scope.get(name.prefix);
      if (ns === undefined) throw new XmlError('XML_UNBOUND_PREFIX', `Prefix "${name.prefix}" is not declared`);
      prefixed = true;
      out.push({ ns, local: name.local, prefix: name.prefix, value: decoded });
    }
    if (prefixed) {
      // Namespaces in XML 1.0 §6.3: no two attributes may share an expanded name, even through different prefixes.
      const seen = new Set<string>();
      for (const attribute of out) {
        const key = `${attribute.ns ?? ''}\u0000${attribute.local}`;
        if (seen.has(key)) throw new XmlError('XML_MALFORMED', `Duplicate attribute ${attribute.local}`);
        seen.add(key);
      }
    }
  }

  private children(raw: unknown, scope: Scope): XmlNode[] {
    const out: XmlNode[] = [];
    if (!Array.isArray(raw)) return out;
    let pending = '';
    for (const node of raw) {
      if (!isRawNode(node)) continue;
      const tag = tagOf(node);
      if (tag === '#text') {
        pending += decodeReferences(String(node[tag]));
        continue;
      }
      if (tag === '#cdata') {
        pending += innerText(node[tag]);
        continue;
      }
      const comment = tag === '#comment';
      if (!comment && tag.charCodeAt(0) !== NAME_MARK) continue; // processing instructions
      this.flush(pending, out);
      pending = '';
      if (comment) out.push({ type: 'comment', value: innerText(node[tag]) });
      else out.push(this.element(tag, node, scope));
    }
    this.flush(pending, out);
    return out;
  }

  private flush(text: string, out: XmlNode[]): void {
    if (text.length === 0) return;
    if (this.ignoreWhitespace && WHITESPACE_ONLY.test(text)) return;
    if (text.length > this.limits.maxTextLength) {
      throw new XmlLimitError(
        'maxTextLength',
        `Text of ${text.length} characters exceeds ${this.limits.maxTextLength}`,
      );
    }
    out.push({ type: 'text', value: text });
  }
}

/** Namespaces in XML 1.0 §3: constraints on what a declaration may bind. */
function checkBinding(prefix: string | null, uri: string): void {
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
