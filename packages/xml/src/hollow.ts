import type { XmlLimits } from './limits.js';
import { DocumentReader } from './reader.js';
import type { Scope } from './resolve.js';
import type { QName, XmlAttribute, XmlElement, XmlNamespaceDeclaration, XmlNode } from './tree.js';

/** Name and attributes of the element a hollow element sits in. */
export interface XmlElementHead {
  readonly name: QName;
  readonly attributes: readonly XmlAttribute[];
}

/**
 * Hollow elements (`parseXml(…, { hollow })`): a large document whose caller reads each element at one depth once
 * and afterwards mostly writes it back unchanged (an address book's contacts) need not keep those subtrees. Every
 * element at `depth` (the root is 1) that has children comes back hollow: name, prefix, declarations and attributes
 * as usual, `children` read again from the source text each time it is asked for (not cached), and
 * `serializeXml` writes it as its source text when the namespace bindings around it are the ones it was read in.
 */
export interface HollowOptions {
  readonly depth: number;
  /**
   * Asked for each element at `depth` once its start tag is read, with that element's head and its parent's (none
   * for the root): `true` keeps the element whole and moves the hollow depth one down inside it, where `descend` is
   * asked again (an address book list whose items should be hollow, among lists that should be hollow themselves).
   */
  readonly descend?: (element: XmlElementHead, parent: XmlElementHead | undefined) => boolean;
  /**
   * Called once per element at `depth` (or below where `descend` said so) except those it descended into, in document order, with the full element (to read now; do not keep it),
   * the element placed in the tree (hollow, or the same full element when it has no children) and its parent.
   */
  readonly visit?: (full: XmlElement, element: XmlElement, parent: XmlElementHead) => void;
  /**
   * Offered each element at `depth` (below the root) before its start tag is read, to read it without building its
   * tree (see {@link SkimInput}). A skimmed element is placed in the tree hollow (or plain, when it has no children)
   * and is neither `descend`ed into nor `visit`ed.
   */
  readonly skim?: (input: SkimInput) => SkimmedElement | undefined;
}

/**
 * What a skimmer sees: the text, where the element's `<` is, the namespace bindings around it, its parent and the
 * limits. A skimmer reads only what it fully understands and returns `undefined` for anything else (the reader then
 * reads the element itself, so a skimmer never decides whether a document is well-formed).
 *
 * The contract, since the reader does not read a skimmed element again: the text it accepts must be a well-formed
 * element in which every name resolves in `resolve`'s bindings, that declares no namespace and holds no entity or
 * character reference; its attribute values must hold no white space other than spaces (nothing to normalise); no
 * text or attribute value may be longer than `limits.maxTextLength` nor any element carry more than
 * `limits.maxAttributes` attributes; and it must be side-effect free until `place` is called: the reader may still drop the result (near a limit) and read the
 * element itself. The characters themselves were checked for the whole document before reading.
 */
export interface SkimInput {
  readonly text: string;
  /** Offset of the element's `<`. */
  readonly at: number;
  readonly parent: XmlElementHead;
  /** The namespace bound to `prefix` (`''` for the default namespace) around the element, if any. */
  resolve(prefix: string): string | undefined;
  readonly limits: XmlLimits;
  /** Whether this parse drops whitespace-only text. */
  readonly ignoreWhitespace: boolean;
  /** The bindings object itself: the same object for all siblings, so a skimmer may cache what it derives from it. */
  readonly scope: object;
}

/** An element read by a skimmer. */
export interface SkimmedElement {
  /** Offset just after its end tag (or its `/>`). */
  readonly end: number;
  readonly name: QName;
  readonly prefix: string | null;
  /** Its attributes, resolved (none may be a namespace declaration). */
  readonly attributes: readonly XmlAttribute[];
  /** Elements it holds, itself included (for `maxElements`). */
  readonly elements: number;
  /** Levels of elements with children, itself included (for `maxDepth`): 1 when its children hold none. */
  readonly depth: number;
  /** Whether it has children (nodes of any kind). */
  readonly hasChildren: boolean;
  /** Commits the read: called once with the element placed in the tree. */
  place(element: XmlElement): void;
}

/** Where a hollow element's text is, and how it was read. */
export interface HollowSource {
  readonly text: string;
  /** Offsets of its `<` and just after its end tag. */
  readonly start: number;
  readonly end: number;
  /** The namespace bindings in scope around it. */
  readonly scope: Scope;
  readonly limits: XmlLimits;
  readonly ignoreWhitespace: boolean;
}

/** What every hollow element of one parse shares. */
export interface HollowContext {
  readonly text: string;
  readonly limits: XmlLimits;
  readonly ignoreWhitespace: boolean;
}

/**
 * A hollow element. A copy (`{ ...element, children }`) is a plain object, so it is never mistaken for the original;
 * its `children` is an own, enumerable getter (one function for all instances), so a copy made by spreading gets the
 * children read at that moment.
 */
class HollowElement implements XmlElement {
  readonly type = 'element';
  readonly name: QName;
  readonly prefix: string | null;
  readonly namespaces: readonly XmlNamespaceDeclaration[];
  readonly attributes: readonly XmlAttribute[];
  declare readonly children: readonly XmlNode[];
  readonly #context: HollowContext;
  readonly #start: number;
  readonly #end: number;
  readonly #scope: Scope;

  constructor(full: XmlElement, context: HollowContext, start: number, end: number, scope: Scope) {
    this.name = full.name;
    this.prefix = full.prefix;
    this.namespaces = full.namespaces;
    this.attributes = full.attributes;
    this.#context = context;
    this.#start = start;
    this.#end = end;
    this.#scope = scope;
    Object.defineProperty(this, 'children', { get: this.#read, enumerable: true });
  }

  #read(): readonly XmlNode[] {
    const context = this.#context;
    return new DocumentReader(context.text, context.limits, context.ignoreWhitespace, false, {
      range: { from: this.#start, to: this.#end, scope: this.#scope },
    }).read().children;
  }

  static source(element: XmlElement): HollowSource | undefined {
    if (!(element instanceof HollowElement)) return undefined;
    const context = element.#context;
    return {
      text: context.text,
      start: element.#start,
      end: element.#end,
      scope: element.#scope,
      limits: context.limits,
      ignoreWhitespace: context.ignoreWhitespace,
    };
  }
}

/** `full` read from `context.text[start, end)`, in `scope`, kept hollow. */
export function hollowElement(
  full: XmlElement,
  context: HollowContext,
  start: number,
  end: number,
  scope: Scope,
): XmlElement {
  return new HollowElement(full, context, start, end, scope);
}

/** The source of a hollow element as parsed, or `undefined` for any other element. */
export function hollowSource(element: XmlElement): HollowSource | undefined {
  return HollowElement.source(element);
}

/** True when `element` is hollow (see {@link HollowOptions}). */
export function isHollow(element: XmlElement): boolean {
  return element instanceof HollowElement;
}
