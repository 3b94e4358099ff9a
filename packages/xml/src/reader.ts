import { decodeReferences } from './characters.js';
import { XmlError, XmlLimitError } from './errors.js';
import {
  type HollowContext,
  type HollowOptions,
  hollowElement,
  type SkimInput,
  type SkimmedElement,
  type XmlElementHead,
} from './hollow.js';
import type { XmlLimits } from './limits.js';
import { checkDeclaration, isSpace, isWhitespaceOnly, malformed } from './markup.js';
import { type KnownName, NameScanner, unbound } from './names-table.js';
import {
  NONE,
  type RawAttributes,
  type ResolvedAttributes,
  ROOT_SCOPE,
  resolveAttributes,
  type Scope,
} from './resolve.js';
import type { QName, XmlAttribute, XmlElement, XmlNamespaceDeclaration, XmlNode } from './tree.js';

const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const AMPERSAND = 0x26;
const LT = 0x3c;

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

/**
 * The strict single pass behind `parseXml`: well-formedness (tags nest and match, attributes are `name="value"`
 * and unique, one root, no text outside it, no `--` in comments, no `]]>` in text, the XML declaration first,
 * names are QNames), no DOCTYPE (XML 1.0 §2.8; without a DTD no entity can expand), the structural limits, and
 * namespace resolution, while building the tree. Linear in the input: every search moves forward.
 *
 * Open elements live in parallel stacks (no object per element until it is complete), names are scanned by
 * character code and found again by hash (see `names-table.ts`), and character data is sliced once.
 */
export class DocumentReader {
  /** Reads names and keeps them once per document. */
  private readonly scanner: NameScanner;

  // The open elements, innermost last.
  private depth = 0;
  private readonly openTag: KnownName[] = [];
  private readonly openStart: number[] = [];
  private readonly openName: QName[] = [];
  private readonly openNamespaces: (readonly XmlNamespaceDeclaration[])[] = [];
  private readonly openAttributes: (readonly XmlAttribute[])[] = [];
  private readonly openScope: Scope[] = [];
  /** Where each open element's children start in {@link nodes}. */
  private readonly openFirst: number[] = [];
  /** Per depth, whether `hollow.descend` kept the open element there whole (see {@link hollowDepth}). */
  private readonly openDescended: boolean[] = [];
  /** Depth (the root is 1) whose elements are made hollow here: `hollow.depth`, plus one per descended ancestor. */
  private hollowDepth: number;
  /** Per depth, the name of the last element started there inside the current parent. */
  private readonly previous: (KnownName | undefined)[] = [undefined];

  /** Children of the open elements, innermost last; each element takes its own off the top when it closes. */
  private readonly nodes: XmlNode[] = [];
  private nodeCount = 0;
  /** Character data of the innermost open element not yet flushed: adjacent text and CDATA merge into one node. */
  private pending = '';
  /**
   * With `ignoreWhitespace`, a whitespace-only run that starts the pending text is only noted (as offsets): it is
   * sliced only if more character data follows, and most often dropped without ever being copied.
   */
  private spaceFrom = 0;
  private spaceTo = 0;

  private readonly raw: RawAttributes = { names: [], starts: [], ends: [], plain: [], count: 0, declarations: 0 };
  private readonly resolved: ResolvedAttributes = { scope: ROOT_SCOPE, namespaces: NONE, attributes: NONE };
  private root: XmlElement | undefined;
  private elements = 0;
  private seenRoot = false;
  /** Next `]]>` at or after the current text run (amortised linear search). */
  private cdataEnd = -2;
  private readonly outerScope: Scope;
  /** Shared by the hollow elements of this read. */
  private context: HollowContext | undefined;
  /** What `hollow.skim` is shown, one object for the whole read. */
  private skimView: SkimView | undefined;

  constructor(
    private readonly text: string,
    private readonly limits: XmlLimits,
    private readonly ignoreWhitespace: boolean,
    private readonly fromBytes: boolean,
    private readonly options: ReaderOptions = {},
  ) {
    this.scanner = new NameScanner(text);
    this.outerScope = options.range?.scope ?? ROOT_SCOPE;
    this.hollowDepth = options.hollow?.depth ?? -1;
    // A range was checked when it was first read, and a search from here could run to the end of the document.
    if (options.range !== undefined) this.cdataEnd = -1;
  }

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
      if (next === SLASH) i = this.endTag(lt);
      else if (next === BANG) i = this.markupDeclaration(lt);
      else if (next === QUESTION) i = this.instruction(lt);
      else i = this.startTag(lt);
    }
    if (this.depth > 0) throw malformed(`Element <${this.openTag[this.depth - 1]?.raw ?? ''}> is not closed`);
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

  private skipSpace(at: number): number {
    let i = at;
    while (isSpace(this.text.charCodeAt(i))) i++;
    return i;
  }

  private textRun(from: number, to: number): void {
    const { text } = this;
    this.checkLength(to - from, 'Text');
    if (this.depth === 0) {
      for (let i = from; i < to; i++)
        if (!isSpace(text.charCodeAt(i))) throw malformed('Text outside the root element');
      return;
    }
    if (this.ignoreWhitespace && this.pending.length === 0 && this.spaceTo === 0) {
      let i = from;
      while (i < to && isSpace(text.charCodeAt(i))) i++;
      if (i === to) {
        this.spaceFrom = from;
        this.spaceTo = to;
        return;
      }
    }
    // XML 1.0 §2.4: "]]>" must not appear in character data.
    if (this.cdataEnd !== -1 && this.cdataEnd < from) this.cdataEnd = text.indexOf(']]>', from);
    if (this.cdataEnd !== -1 && this.cdataEnd < to) throw malformed('"]]>" in character data');
    this.appendText(decodeReferences(text.slice(from, to)));
  }

  private markupDeclaration(lt: number): number {
    const { text } = this;
    if (text.startsWith('<!--', lt)) {
      const end = this.closing(lt + 4, '-->', 'comment');
      // XML 1.0 §2.5: "--" must not occur within a comment.
      if (text.indexOf('--', lt + 4) < end) throw malformed('"--" inside a comment');
      this.checkLength(end - lt, 'Comment');
      // Comments outside the root element are dropped; inside they are kept and end the text before them.
      if (this.depth > 0) this.child({ type: 'comment', value: text.slice(lt + 4, end) });
      return end + 3;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      if (this.depth === 0) throw malformed('CDATA section outside the root element');
      const end = this.closing(lt + 9, ']]>', 'CDATA section');
      this.checkLength(end - lt, 'CDATA section');
      this.appendText(text.slice(lt + 9, end));
      return end + 3;
    }
    if (text.startsWith('<!DOCTYPE', lt)) {
      throw new XmlError('XML_DOCTYPE_FORBIDDEN', 'Document type declarations are not accepted');
    }
    throw malformed('Unexpected markup declaration');
  }

  /** Processing instructions are checked and dropped (text around one merges); the declaration is read. */
  private instruction(lt: number): number {
    const target = this.scanner.name(lt + 2).raw;
    const targetEnd = this.scanner.end;
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
    const depth = this.depth;
    const tag = depth > 0 ? this.openTag[depth - 1]?.raw : undefined;
    const nameAt = lt + 2;
    // The usual case: the end tag repeats the open tag's name, followed by optional space and ">".
    let end = -1;
    if (tag !== undefined && text.startsWith(tag, nameAt)) {
      end = this.skipSpace(nameAt + tag.length);
      if (text.charCodeAt(end) !== GT) end = -1;
    }
    if (end === -1) {
      const name = this.scanner.name(nameAt).raw;
      const close = this.skipSpace(this.scanner.end);
      if (text.charCodeAt(close) !== GT) throw malformed(`Malformed end tag </${name}`);
      throw malformed(`End tag </${name}> does not match <${tag ?? ''}>`);
    }
    this.close(end + 1);
    return end + 1;
  }

  private startTag(lt: number): number {
    const { text, limits } = this;
    if (this.depth === 0) {
      if (this.seenRoot) throw malformed('More than one root element');
      this.seenRoot = true;
    }
    const skim = this.options.hollow?.skim;
    if (skim !== undefined && this.depth > 0 && this.depth + 1 === this.hollowDepth) {
      const end = this.skimmed(skim, lt);
      if (end !== -1) return end;
    }
    this.elements++;
    if (this.elements > limits.maxElements) {
      throw new XmlLimitError('maxElements', `More than ${limits.maxElements} elements`);
    }
    // Try the name that followed the previous sibling (or opened the parent's children) last time.
    const depth = this.depth;
    const before = this.previous[depth];
    const parentTag = depth > 0 ? this.openTag[depth - 1] : undefined;
    const guess = before !== undefined ? before.nextSibling : parentTag?.firstChild;
    let tag: KnownName;
    if (this.scanner.predicted(guess, lt + 1)) {
      tag = guess as KnownName;
    } else {
      tag = this.scanner.name(lt + 1);
      if (before !== undefined) before.nextSibling = tag;
      else if (parentTag !== undefined) parentTag.firstChild = tag;
    }
    this.previous[depth] = tag;
    // Raw attributes (name, value start, value end) go to the reader's scratch arrays; they are resolved once the
    // whole tag (and so every namespace declaration on it) has been read.
    const raw = this.raw;
    raw.count = 0;
    raw.declarations = 0;
    let j = this.scanner.end;
    let last: KnownName | undefined;
    for (;;) {
      const k = this.skipSpace(j);
      const c = text.charCodeAt(k);
      if (c === GT) {
        this.openElement(tag, lt, false);
        return k + 1;
      }
      if (c === SLASH && text.charCodeAt(k + 1) === GT) {
        this.openElement(tag, lt, true);
        return k + 2;
      }
      if (k === j) throw malformed(`Malformed start tag <${tag.raw}`);
      const expected = last === undefined ? tag.firstAttribute : last.nextAttribute;
      let attribute: KnownName;
      if (this.scanner.predicted(expected, k)) {
        attribute = expected as KnownName;
      } else {
        attribute = this.scanner.name(k);
        if (last === undefined) tag.firstAttribute = attribute;
        else last.nextAttribute = attribute;
      }
      last = attribute;
      if (raw.count >= limits.maxAttributes) {
        throw new XmlLimitError('maxAttributes', `More than ${limits.maxAttributes} attributes on one element`);
      }
      // Equal names are the same entry of the name table. A linear search is cheapest for the few attributes real
      // elements carry; the limit keeps it bounded.
      for (let a = 0; a < raw.count; a++) {
        if (raw.names[a] === attribute) throw malformed(`Duplicate attribute ${attribute.raw}`);
      }
      let v = this.skipSpace(this.scanner.end);
      if (text.charCodeAt(v) !== EQUALS) throw malformed(`Attribute ${attribute.raw} has no value`);
      v = this.skipSpace(v + 1);
      const quote = text.charCodeAt(v);
      if (quote !== QUOTE && quote !== APOSTROPHE) throw malformed(`Attribute ${attribute.raw} value is not quoted`);
      // Find the closing quote, noting on the way whether the value needs any work (XML 1.0 §3.3.3 normalisation,
      // references, or a "<" to refuse): most values are taken as they are.
      let close = v + 1;
      let plain = true;
      for (;;) {
        const code = text.charCodeAt(close);
        if (code === quote) break;
        if (Number.isNaN(code)) throw malformed('Unterminated attribute value');
        if (code === AMPERSAND || code === LT || code === 0x09 || code === 0x0a || code === 0x0d) plain = false;
        close++;
      }
      this.checkLength(close - v - 1, 'Attribute value');
      raw.names[raw.count] = attribute;
      raw.starts[raw.count] = v + 1;
      raw.ends[raw.count] = close;
      raw.plain[raw.count] = plain;
      raw.count++;
      if (attribute.declaration) raw.declarations++;
      j = close + 1;
    }
  }

  /** Offers the element at `lt` to `skim`; the offset after it when skimmed, else -1 (to be read here). */
  private skimmed(skim: (input: SkimInput) => SkimmedElement | undefined, lt: number): number {
    const depth = this.depth;
    const scope = this.openScope[depth - 1] as Scope;
    this.skimView ??= new SkimView(this.text, this.limits, this.ignoreWhitespace);
    const view = this.skimView;
    view.at = lt;
    view.scope = scope;
    view.parent = this.head(depth - 1);
    let result: SkimmedElement | undefined;
    try {
      result = skim(view);
    } catch (cause) {
      throw new VisitorFailure(cause);
    }
    if (result === undefined) return -1;
    // Near a limit the element is read here instead, so that the document fails where and as it would have.
    if (this.elements + result.elements > this.limits.maxElements) return -1;
    if (depth + result.depth >= this.limits.maxDepth) return -1;
    this.elements += result.elements;
    const { name, prefix, attributes } = result;
    const full: XmlElement = { type: 'element', name, prefix, namespaces: NONE, attributes, children: NONE };
    let element = full;
    if (result.hasChildren) {
      this.context ??= { text: this.text, limits: this.limits, ignoreWhitespace: this.ignoreWhitespace };
      element = hollowElement(full, this.context, lt, result.end, scope);
    }
    this.child(element);
    try {
      result.place(element);
    } catch (cause) {
      throw new VisitorFailure(cause);
    }
    return result.end;
  }

  private openElement(tag: KnownName, start: number, empty: boolean): void {
    const depth = this.depth;
    const parentScope = depth > 0 ? (this.openScope[depth - 1] as Scope) : this.outerScope;
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
    const { prefix } = tag;
    let name = tag.name;
    // The same tag in the same scope (siblings, and every element of a document that declares at its root only)
    // has the same expanded name: resolve it once per scope.
    if (tag.scope !== scope || name === undefined) {
      let ns: string | null;
      if (prefix === null) {
        ns = scope.get('') || null;
      } else {
        const bound = scope.get(prefix);
        if (bound === undefined) throw unbound(prefix);
        ns = bound;
      }
      name = this.scanner.qname(ns, tag.local);
      tag.scope = scope;
      tag.name = name;
    }
    if (empty) {
      const element: XmlElement = { type: 'element', name, prefix, namespaces, attributes, children: NONE };
      if (depth > 0) {
        this.visit(element, element, depth);
        this.child(element);
      } else {
        this.root = element;
      }
      return;
    }
    if (depth > 0) this.flush();
    if (depth >= this.limits.maxDepth) {
      throw new XmlLimitError('maxDepth', `Nesting deeper than ${this.limits.maxDepth}`);
    }
    this.openTag[depth] = tag;
    this.openStart[depth] = start;
    this.openName[depth] = name;
    this.openNamespaces[depth] = namespaces;
    this.openAttributes[depth] = attributes;
    this.openScope[depth] = scope;
    this.openFirst[depth] = this.nodeCount;
    this.previous[depth + 1] = undefined;
    const descend = this.options.hollow?.descend;
    let descended = false;
    if (descend !== undefined && depth + 1 === this.hollowDepth) {
      const parent = depth > 0 ? this.head(depth - 1) : undefined;
      try {
        descended = descend({ name, attributes }, parent);
      } catch (cause) {
        throw new VisitorFailure(cause);
      }
      if (descended) this.hollowDepth++;
    }
    this.openDescended[depth] = descended;
    this.depth = depth + 1;
  }

  /** Closes the innermost open element; `end` is the offset just after its end tag. */
  private close(end: number): void {
    this.flush();
    const depth = this.depth - 1;
    this.depth = depth;
    const first = this.openFirst[depth] as number;
    // An array of exactly the right size: one grown by push keeps up to half again of unused slots.
    const children = this.nodeCount === first ? NONE : this.nodes.slice(first, this.nodeCount);
    this.nodeCount = first;
    const name = this.openName[depth] as QName;
    const prefix = (this.openTag[depth] as KnownName).prefix;
    const namespaces = this.openNamespaces[depth] as readonly XmlNamespaceDeclaration[];
    const attributes = this.openAttributes[depth] as readonly XmlAttribute[];
    const full: XmlElement = { type: 'element', name, prefix, namespaces, attributes, children };
    let element = full;
    let hollow = depth + 1 === this.hollowDepth;
    if (this.openDescended[depth] === true) {
      // Kept whole: its children were the hollow ones.
      this.hollowDepth--;
      hollow = false;
    }
    if (hollow && children.length > 0) {
      this.context ??= { text: this.text, limits: this.limits, ignoreWhitespace: this.ignoreWhitespace };
      element = hollowElement(
        full,
        this.context,
        this.openStart[depth] as number,
        end,
        depth > 0 ? (this.openScope[depth - 1] as Scope) : this.outerScope,
      );
    }
    if (depth === 0) {
      this.root = element;
      return;
    }
    if (hollow) this.visit(full, element, depth);
    this.child(element);
  }

  /** `depth` is the number of elements open around `element` (its own depth minus one). */
  private visit(full: XmlElement, element: XmlElement, depth: number): void {
    if (depth + 1 !== this.hollowDepth) return;
    const visit = this.options.hollow?.visit;
    if (visit === undefined) return;
    try {
      visit(full, element, this.head(depth - 1));
    } catch (cause) {
      throw new VisitorFailure(cause);
    }
  }

  /** Name and attributes of the open element at `depth`. */
  private head(depth: number): XmlElementHead {
    return { name: this.openName[depth] as QName, attributes: this.openAttributes[depth] as readonly XmlAttribute[] };
  }

  private child(node: XmlNode): void {
    this.flush();
    this.nodes[this.nodeCount++] = node;
  }

  private appendText(value: string): void {
    if (this.spaceTo !== 0) {
      this.pending = this.text.slice(this.spaceFrom, this.spaceTo);
      this.spaceTo = 0;
    }
    this.pending = this.pending.length === 0 ? value : this.pending + value;
  }

  private flush(): void {
    // A noted whitespace run with nothing after it is indentation, and ignored.
    this.spaceTo = 0;
    const value = this.pending;
    if (value.length === 0) return;
    this.pending = '';
    if (this.ignoreWhitespace && isWhitespaceOnly(value)) return;
    this.checkLength(value.length, 'Text');
    this.nodes[this.nodeCount++] = { type: 'text', value };
  }
}

/** The reader's {@link SkimInput}: one object per read, moved to each element offered. */
class SkimView implements SkimInput {
  at = 0;
  scope: Scope = ROOT_SCOPE;
  parent: XmlElementHead = { name: { ns: null, local: '' }, attributes: NONE };

  constructor(
    readonly text: string,
    readonly limits: XmlLimits,
    readonly ignoreWhitespace: boolean,
  ) {}

  resolve(prefix: string): string | undefined {
    return this.scope.get(prefix);
  }
}
