import { decodeReferences } from './characters.js';
import { XmlError, XmlLimitError } from './errors.js';
import { type HollowOptions, hollowElement, type XmlElementHead } from './hollow.js';
import type { XmlLimits } from './limits.js';
import { checkDeclaration, isSpace, isWhitespaceOnly, malformed } from './markup.js';
import { asciiQNameEnd, createQNameMatcher, type LexicalName } from './names.js';

import { type RawAttributes, type ResolvedAttributes, ROOT_SCOPE, resolveAttributes, type Scope } from './resolve.js';
import type { QName, XmlAttribute, XmlElement, XmlNamespaceDeclaration, XmlNode } from './tree.js';

/** A tag as written, split once, with the expanded name it had in the scope it was last seen in. */
interface KnownTag extends LexicalName {
  scope: Scope | undefined;
  name: QName | undefined;
}

const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;

/** Shared by every element that has none: a parsed tree is read-only, and 190,000 empty arrays are 6 MB. */
const NONE: readonly never[] = Object.freeze([]);

/** Carries an exception of the caller's `visit` through the reader untouched (`parseXml` rethrows its cause). */
export class VisitorFailure {
  constructor(readonly cause: unknown) {}
}

/** Where to read, and what to make hollow (see `hollow.ts`). */
export interface ReaderOptions {
  /** Read only `text[from, to)`, which holds exactly one element, in `scope` (an element already checked once). */
  readonly range?: { readonly from: number; readonly to: number; readonly scope: Scope };
  readonly hollow?: HollowOptions;
}

/** An element whose end tag has not been read yet. */
interface OpenElement extends XmlElementHead {
  /** Offset of its `<`. */
  readonly start: number;
  /** The name as written, which the end tag must repeat (XML 1.0 §3 WFC Element Type Match). */
  readonly tag: string;
  readonly name: QName;
  readonly prefix: string | null;
  readonly namespaces: readonly XmlNamespaceDeclaration[];
  readonly attributes: readonly XmlAttribute[];
  readonly scope: Scope;
  /** Where this element's children start in the reader's shared node stack. */
  readonly firstChild: number;
  /** Character data not yet flushed: adjacent text and CDATA sections merge into one node. */
  text: string;
  /**
   * With `ignoreWhitespace`, a whitespace-only run that starts the pending text is only noted (as offsets): it is
   * sliced only if more character data follows, and most often dropped without ever being copied.
   */
  spaceFrom: number;
  spaceTo: number;
}

/**
 * The strict single pass behind `parseXml`: well-formedness (tags nest and match, attributes are `name="value"`
 * and unique, one root, no text outside it, no `--` in comments, no `]]>` in text, the XML declaration first,
 * names are QNames), no DOCTYPE (XML 1.0 §2.8; without a DTD no entity can expand), the structural limits, and
 * namespace resolution, while building the tree. Linear in the input: every search moves forward.
 */
export class DocumentReader {
  /** The exact (regular expression) name rule, made only when a name is not plain ASCII. */
  private matcher: RegExp | undefined;
  private readonly open: OpenElement[] = [];
  /** Expanded names are shared: a document repeats a few dozen names over and over. */
  private readonly names = new Map<string | null, Map<string, QName>>();
  /** Children of the open elements, innermost last; each element takes its own off the top when it closes. */
  private readonly nodes: XmlNode[] = [];
  private nodeCount = 0;
  private readonly raw: RawAttributes = { names: [], starts: [], ends: [], count: 0 };
  private readonly resolved: ResolvedAttributes = { scope: ROOT_SCOPE, namespaces: NONE, attributes: NONE };
  /** Tags as written, split once: `p:local` → `{ prefix, local }`. */
  private readonly tags = new Map<string, KnownTag>();
  private root: XmlElement | undefined;
  private elements = 0;
  private seenRoot = false;
  /** Next `]]>` at or after the current text run (amortised linear search). */
  private cdataEnd = -2;

  constructor(
    private readonly text: string,
    private readonly limits: XmlLimits,
    private readonly ignoreWhitespace: boolean,
    private readonly fromBytes: boolean,
    private readonly options: ReaderOptions = {},
  ) {}

  read(): XmlElement {
    const { text } = this;
    const length = this.options.range?.to ?? text.length;
    let i = this.options.range?.from ?? 0;
    while (i < length) {
      let lt = text.indexOf('<', i);
      if (lt >= length) lt = -1;
      const end = lt === -1 ? length : lt;
      if (end > i) this.textRun(i, end);
      if (lt === -1) break;
      const next = text.charCodeAt(lt + 1);
      if (next === BANG) i = this.markupDeclaration(lt);
      else if (next === QUESTION) i = this.instruction(lt);
      else if (next === SLASH) i = this.endTag(lt);
      else i = this.startTag(lt);
    }
    const unclosed = this.open.pop();
    if (unclosed !== undefined) throw malformed(`Element <${unclosed.tag}> is not closed`);
    if (this.root === undefined) throw malformed('No root element');
    return this.root;
  }

  private checkLength(length: number, what: string): void {
    if (length > this.limits.maxTextLength) {
      throw new XmlLimitError('maxTextLength', `${what} of ${length} characters exceeds ${this.limits.maxTextLength}`);
    }
  }

  private closing(from: number, marker: string, what: string): number {
    const end = this.text.indexOf(marker, from);
    if (end === -1) throw malformed(`Unterminated ${what}`);
    return end;
  }

  private nameEnd(at: number): number {
    const end = asciiQNameEnd(this.text, at);
    if (end !== -1) return end;
    this.matcher ??= createQNameMatcher();
    this.matcher.lastIndex = at;
    const match = this.matcher.exec(this.text);
    if (match === null) throw malformed(`Expected a name at offset ${at}`);
    return at + match[0].length;
  }

  private skipSpace(at: number): number {
    let i = at;
    while (isSpace(this.text.charCodeAt(i))) i++;
    return i;
  }

  private textRun(from: number, to: number): void {
    const { text } = this;
    this.checkLength(to - from, 'Text');
    const parent = this.open[this.open.length - 1];
    if (parent === undefined) {
      for (let i = from; i < to; i++)
        if (!isSpace(text.charCodeAt(i))) throw malformed('Text outside the root element');
      return;
    }
    if (this.ignoreWhitespace && parent.text.length === 0 && parent.spaceTo === 0) {
      let i = from;
      while (i < to && isSpace(text.charCodeAt(i))) i++;
      if (i === to) {
        parent.spaceFrom = from;
        parent.spaceTo = to;
        return;
      }
    }
    // XML 1.0 §2.4: "]]>" must not appear in character data. (A range was checked when it was first read, and a
    // search from here could run to the end of the whole document.)
    if (this.options.range !== undefined) this.cdataEnd = -1;
    if (this.cdataEnd !== -1 && this.cdataEnd < from) this.cdataEnd = text.indexOf(']]>', from);
    if (this.cdataEnd !== -1 && this.cdataEnd < to) throw malformed('"]]>" in character data');
    this.appendText(parent, decodeReferences(text.slice(from, to)));
  }

  private markupDeclaration(lt: number): number {
    const { text } = this;
    if (text.startsWith('<!--', lt)) {
      const end = this.closing(lt + 4, '-->', 'comment');
      // XML 1.0 §2.5: "--" must not occur within a comment.
      if (text.indexOf('--', lt + 4) < end) throw malformed('"--" inside a comment');
      this.checkLength(end - lt, 'Comment');
      const parent = this.open[this.open.length - 1];
      // Comments outside the root element are dropped; inside they are kept and end the text before them.
      if (parent !== undefined) this.child(parent, { type: 'comment', value: text.slice(lt + 4, end) });
      return end + 3;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const parent = this.open[this.open.length - 1];
      if (parent === undefined) throw malformed('CDATA section outside the root element');
      const end = this.closing(lt + 9, ']]>', 'CDATA section');
      this.checkLength(end - lt, 'CDATA section');
      this.appendText(parent, text.slice(lt + 9, end));
      return end + 3;
    }
    if (text.startsWith('<!DOCTYPE', lt)) {
      throw new XmlError('XML_DOCTYPE_FORBIDDEN', 'Document type declarations are not accepted');
    }
    throw malformed('Unexpected markup declaration');
  }

  /** Processing instructions are checked and dropped (text around one merges); the declaration is read. */
  private instruction(lt: number): number {
    const targetEnd = this.nameEnd(lt + 2);
    const target = this.text.slice(lt + 2, targetEnd);
    const isXml = target.toLowerCase() === 'xml';
    // XML 1.0 §2.8: the XML declaration may only stand at the very start; §2.6: "xml" targets are reserved.
    if (isXml && lt !== 0) throw malformed('XML declaration not at the start');
    const end = this.closing(targetEnd, '?>', 'processing instruction');
    this.checkLength(end - lt, 'Processing instruction');
    if (target === 'xml') checkDeclaration(this.text.slice(targetEnd, end), this.fromBytes);
    return end + 2;
  }

  private endTag(lt: number): number {
    const { text } = this;
    const open = this.open.pop();
    const nameAt = lt + 2;
    // The usual case: the end tag repeats the open tag's name, followed by optional space and ">".
    let end = -1;
    if (open !== undefined && text.startsWith(open.tag, nameAt)) {
      end = this.skipSpace(nameAt + open.tag.length);
      if (text.charCodeAt(end) !== GT) end = -1;
    }
    if (end === -1) {
      const nameEnd = this.nameEnd(nameAt);
      const name = text.slice(nameAt, nameEnd);
      const close = this.skipSpace(nameEnd);
      if (text.charCodeAt(close) !== GT) throw malformed(`Malformed end tag </${name}`);
      throw malformed(`End tag </${name}> does not match <${open?.tag ?? ''}>`);
    }
    if (open !== undefined) this.close(open, end + 1);
    return end + 1;
  }

  private startTag(lt: number): number {
    const { text, limits } = this;
    const parent = this.open[this.open.length - 1];
    if (parent === undefined) {
      if (this.seenRoot) throw malformed('More than one root element');
      this.seenRoot = true;
    }
    this.elements++;
    if (this.elements > limits.maxElements) {
      throw new XmlLimitError('maxElements', `More than ${limits.maxElements} elements`);
    }
    const tagEnd = this.nameEnd(lt + 1);
    const tag = text.slice(lt + 1, tagEnd);
    // Raw attributes (name, value start, value end) go to the reader's scratch arrays; they are resolved once the
    // whole tag (and so every namespace declaration on it) has been read.
    const raw = this.raw;
    raw.count = 0;
    let j = tagEnd;
    for (;;) {
      const k = this.skipSpace(j);
      const c = text.charCodeAt(k);
      if (c === GT || (c === SLASH && text.charCodeAt(k + 1) === GT)) {
        this.openElement(tag, lt, parent, c === SLASH ? k + 2 : -1);
        return c === SLASH ? k + 2 : k + 1;
      }
      if (k === j) throw malformed(`Malformed start tag <${tag}`);
      const nameEnd = this.nameEnd(k);
      const attribute = text.slice(k, nameEnd);
      if (raw.count >= limits.maxAttributes) {
        throw new XmlLimitError('maxAttributes', `More than ${limits.maxAttributes} attributes on one element`);
      }
      // A linear search is cheapest for the few attributes real elements carry; the limit keeps it bounded.
      for (let a = 0; a < raw.count; a++) {
        if (raw.names[a] === attribute) throw malformed(`Duplicate attribute ${attribute}`);
      }
      let v = this.skipSpace(nameEnd);
      if (text.charCodeAt(v) !== EQUALS) throw malformed(`Attribute ${attribute} has no value`);
      v = this.skipSpace(v + 1);
      const quote = text.charCodeAt(v);
      if (quote !== QUOTE && quote !== APOSTROPHE) throw malformed(`Attribute ${attribute} value is not quoted`);
      const close = text.indexOf(quote === QUOTE ? '"' : "'", v + 1);
      if (close === -1) throw malformed('Unterminated attribute value');
      this.checkLength(close - v - 1, 'Attribute value');
      raw.names[raw.count] = attribute;
      raw.starts[raw.count] = v + 1;
      raw.ends[raw.count] = close;
      raw.count++;
      j = close + 1;
    }
  }

  /** `emptyEnd` is the offset after `/>` of an empty-element tag, -1 for a start tag. */
  private openElement(tag: string, start: number, parent: OpenElement | undefined, emptyEnd: number): void {
    const parentScope = parent?.scope ?? this.options.range?.scope ?? ROOT_SCOPE;
    let scope = parentScope;
    let namespaces: readonly XmlNamespaceDeclaration[] = NONE;
    let attributes: readonly XmlAttribute[] = NONE;
    if (this.raw.count > 0) {
      const resolved = this.resolved;
      resolveAttributes(this.text, this.raw, parentScope, resolved);
      scope = resolved.scope;
      namespaces = resolved.namespaces;
      attributes = resolved.attributes;
    }
    let known = this.tags.get(tag);
    if (known === undefined) {
      const colon = tag.indexOf(':');
      const prefix = colon === -1 ? null : tag.slice(0, colon);
      known = { prefix, local: colon === -1 ? tag : tag.slice(colon + 1), scope: undefined, name: undefined };
      this.tags.set(tag, known);
    }
    const { prefix } = known;
    let name = known.name;
    // The same tag in the same scope (siblings, and every element of a document that declares at its root only)
    // has the same expanded name: resolve it once per scope.
    if (known.scope !== scope || name === undefined) {
      let ns: string | null;
      if (prefix === null) {
        ns = scope.get('') || null;
      } else {
        const bound = scope.get(prefix);
        if (bound === undefined) throw new XmlError('XML_UNBOUND_PREFIX', `Prefix "${prefix}" is not declared`);
        ns = bound;
      }
      name = this.qname(ns, known.local);
      known.scope = scope;
      known.name = name;
    }
    if (emptyEnd !== -1) {
      const element: XmlElement = { type: 'element', name, prefix, namespaces, attributes, children: NONE };
      this.visit(element, element, parent);
      this.place(element, parent);
      return;
    }
    if (parent !== undefined) this.flush(parent);
    const firstChild = this.nodeCount;
    const element: OpenElement = {
      start,
      tag,
      name,
      prefix,
      namespaces,
      attributes,
      scope,
      firstChild,
      text: '',
      spaceFrom: 0,
      spaceTo: 0,
    };
    this.open.push(element);
    if (this.open.length > this.limits.maxDepth) {
      throw new XmlLimitError('maxDepth', `Nesting deeper than ${this.limits.maxDepth}`);
    }
  }

  private qname(ns: string | null, local: string): QName {
    let locals = this.names.get(ns);
    if (locals === undefined) {
      locals = new Map();
      this.names.set(ns, locals);
    }
    let name = locals.get(local);
    if (name === undefined) {
      name = { ns, local };
      locals.set(local, name);
    }
    return name;
  }

  private close(open: OpenElement, end: number): void {
    this.flush(open);
    // An array of exactly the right size: one grown by push keeps up to half again of unused slots.
    const children = this.nodeCount === open.firstChild ? NONE : this.nodes.slice(open.firstChild, this.nodeCount);
    this.nodeCount = open.firstChild;
    const { name, prefix, namespaces, attributes } = open;
    const full: XmlElement = { type: 'element', name, prefix, namespaces, attributes, children };
    const parent = this.open[this.open.length - 1];
    const { hollow } = this.options;
    let element = full;
    if (hollow !== undefined && this.open.length + 1 === hollow.depth && children.length > 0) {
      element = hollowElement(full, {
        text: this.text,
        start: open.start,
        end,
        scope: parent?.scope ?? this.options.range?.scope ?? ROOT_SCOPE,
        limits: this.limits,
        ignoreWhitespace: this.ignoreWhitespace,
      });
    }
    this.visit(full, element, parent);
    this.place(element, parent);
  }

  private visit(full: XmlElement, element: XmlElement, parent: OpenElement | undefined): void {
    const visit = this.options.hollow?.visit;
    if (visit !== undefined && parent !== undefined && this.open.length + 1 === this.options.hollow?.depth) {
      try {
        visit(full, element, parent);
      } catch (cause) {
        throw new VisitorFailure(cause);
      }
    }
  }

  private place(element: XmlElement, parent: OpenElement | undefined): void {
    if (parent === undefined) this.root = element;
    else this.child(parent, element);
  }

  private child(parent: OpenElement, node: XmlNode): void {
    this.flush(parent);
    this.nodes[this.nodeCount++] = node;
  }

  private appendText(open: OpenElement, value: string): void {
    if (open.spaceTo !== 0) {
      open.text = this.text.slice(open.spaceFrom, open.spaceTo);
      open.spaceTo = 0;
    }
    open.text += value;
  }

  private flush(open: OpenElement): void {
    // A noted whitespace run with nothing after it is indentation, and ignored.
    open.spaceTo = 0;
    const value = open.text;
    if (value.length === 0) return;
    open.text = '';
    if (this.ignoreWhitespace && isWhitespaceOnly(value)) return;
    this.checkLength(value.length, 'Text');
    this.nodes[this.nodeCount++] = { type: 'text', value };
  }
}
