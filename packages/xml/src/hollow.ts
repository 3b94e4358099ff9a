import type { XmlLimits } from './limits.js';
import { DocumentReader } from './reader.js';
import type { Scope } from './resolve.js';
import type { QName, XmlAttribute, XmlElement, XmlNode } from './tree.js';

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

// Keyed by the element objects themselves, so a copy (`{ ...element, children }`) is never mistaken for the original,
// and entries go with their elements.
const sources = new WeakMap<XmlElement, HollowSource>();

/** One getter for every hollow element (a closure per element would cost a function and a context each). */
function readChildren(this: XmlElement): readonly XmlNode[] {
  const source = sources.get(this);
  if (source === undefined) return [];
  return new DocumentReader(source.text, source.limits, source.ignoreWhitespace, false, {
    range: { from: source.start, to: source.end, scope: source.scope },
  }).read().children;
}

export function hollowElement(full: XmlElement, source: HollowSource): XmlElement {
  const element = {
    type: 'element',
    name: full.name,
    prefix: full.prefix,
    namespaces: full.namespaces,
    attributes: full.attributes,
  };
  // Defined the same way on every hollow element, so that they all share one hidden class (V8).
  Object.defineProperty(element, 'children', { get: readChildren, enumerable: true, configurable: false });
  const hollow = element as XmlElement;
  sources.set(hollow, source);
  return hollow;
}

/** The source of a hollow element as parsed, or `undefined` for any other element. */
export function hollowSource(element: XmlElement): HollowSource | undefined {
  return sources.get(element);
}

/** True when `element` is hollow (see {@link HollowOptions}). */
export function isHollow(element: XmlElement): boolean {
  return sources.has(element);
}
