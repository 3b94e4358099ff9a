import { XmlError } from './errors.js';
import { splitName } from './names.js';
import type { QName } from './tree.js';

/**
 * A name as written in one document (`p:local`, `xmlns:p`, `id`), split once. The reader finds it again by the hash
 * it computes while scanning the name, so repeated tags and attribute names are neither sliced nor hashed again.
 */
export interface KnownName {
  readonly raw: string;
  readonly prefix: string | null;
  readonly local: string;
  /** `xmlns` or `xmlns:p` (Namespaces in XML 1.0 §3): a declaration when used as an attribute name. */
  readonly declaration: boolean;
  /** As an element name: the scope it was last resolved in, and what it meant there. */
  scope: unknown;
  name: QName | undefined;
  /** Next name with the same hash. */
  next: KnownName | undefined;
  // What followed this name last time, which the reader tries first (documents repeat their structure):
  /** As an element name: its first child element's name, and the next sibling element's name. */
  firstChild: KnownName | undefined;
  nextSibling: KnownName | undefined;
  /** As an element name: its first attribute's name; as an attribute name: the next attribute's name. */
  firstAttribute: KnownName | undefined;
  nextAttribute: KnownName | undefined;
}

/**
 * Names seen under one hash before the rest go to a map by name: hostile input can make any number of distinct names
 * share a hash (`Aa` and `BB` do), and a longer chain would make each lookup linear in the number of names.
 */
const MAX_CHAIN = 8;

/** Names of one document by hash; a document uses a few dozen names over and over. */
export class NameTable {
  private readonly byHash = new Map<number, KnownName>();
  /** Names that found their hash's chain full (see {@link MAX_CHAIN}); V8's string hash is seeded per process. */
  private readonly overflow = new Map<string, KnownName>();

  /** The name `text[from, to)` whose hash is `hash`, split (and checked as a QName) the first time it is seen. */
  find(text: string, from: number, to: number, hash: number): KnownName {
    const length = to - from;
    const first = this.byHash.get(hash);
    let chain = 0;
    for (let known = first; known !== undefined; known = known.next) {
      if (known.raw.length === length && text.startsWith(known.raw, from)) return known;
      chain++;
    }
    const raw = text.slice(from, to);
    if (chain >= MAX_CHAIN) {
      const known = this.overflow.get(raw) ?? create(raw, undefined);
      this.overflow.set(raw, known);
      return known;
    }
    const known = create(raw, first);
    this.byHash.set(hash, known);
    return known;
  }
}

function create(raw: string, next: KnownName | undefined): KnownName {
  const { prefix, local } = splitName(raw);
  return {
    raw,
    prefix,
    local,
    declaration: raw === 'xmlns' || prefix === 'xmlns',
    scope: undefined,
    name: undefined,
    next,
    firstChild: undefined,
    nextSibling: undefined,
    firstAttribute: undefined,
    nextAttribute: undefined,
  };
}

/** The hash {@link NameTable.find} expects: the reader computes the same one inline while it scans. */
export function nameHash(text: string, from: number, to: number): number {
  let hash = 0;
  for (let i = from; i < to; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}

export function unbound(prefix: string): XmlError {
  return new XmlError('XML_UNBOUND_PREFIX', `Prefix "${prefix}" is not declared`);
}
