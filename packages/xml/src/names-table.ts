import { XmlError } from './errors.js';
import { isSpace, malformed } from './markup.js';
import { createQNameMatcher, isAsciiNameChar, isAsciiNameStart, splitName } from './names.js';
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

const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const COLON = 0x3a;

/** Reads the names of one document's text, keeping each once (see {@link NameTable}). */
export class NameScanner {
  /** End offset of the name read last. */
  end = 0;
  private readonly table = new NameTable();
  /** The exact (regular expression) name rule, used only when a name is not plain ASCII. */
  private matcher: RegExp | undefined;
  /** Expanded names are shared: a document repeats a few dozen names over and over. */
  private readonly expanded = new Map<string | null, Map<string, QName>>();

  constructor(private readonly text: string) {}

  /**
   * The QName starting at `at`, ending at {@link end}. Plain ASCII names (all of SimpleKit's vocabularies) are
   * scanned by character code, hashing as they go; anything else (non-ASCII, a second colon, a bad start after the
   * colon, no name at all) is settled by the exact rule.
   */
  name(at: number): KnownName {
    const { text } = this;
    let code = text.charCodeAt(at);
    if (isAsciiNameStart(code)) {
      let hash = code;
      let colon = -1;
      let i = at + 1;
      for (;;) {
        code = text.charCodeAt(i);
        if (isAsciiNameChar(code)) hash = (Math.imul(hash, 31) + code) | 0;
        else if (code === COLON && colon === -1) {
          colon = i;
          hash = (Math.imul(hash, 31) + code) | 0;
        } else break;
        i++;
      }
      if (
        code < 0x80 &&
        code !== COLON &&
        (colon === -1 || (colon < i - 1 && isAsciiNameStart(text.charCodeAt(colon + 1))))
      ) {
        this.end = i;
        return this.table.find(text, at, i, hash);
      }
    }
    this.matcher ??= createQNameMatcher();
    this.matcher.lastIndex = at;
    const match = this.matcher.exec(text);
    if (match === null) throw malformed(`Expected a name at offset ${at}`);
    const end = at + match[0].length;
    this.end = end;
    return this.table.find(text, at, end, nameHash(text, at, end));
  }

  /**
   * True (and {@link end} set) when the text at `at` is the name `guess` followed by white space, `>`, `/` or `=`:
   * the name a scan from `at` would find, found by one comparison.
   */
  predicted(guess: KnownName | undefined, at: number): boolean {
    if (guess === undefined) return false;
    const { raw } = guess;
    if (!this.text.startsWith(raw, at)) return false;
    const end = at + raw.length;
    const code = this.text.charCodeAt(end);
    if (code !== GT && code !== SLASH && code !== EQUALS && !isSpace(code)) return false;
    this.end = end;
    return true;
  }

  /** The shared `{ ns, local }` object of an expanded name. */
  qname(ns: string | null, local: string): QName {
    let locals = this.expanded.get(ns);
    if (locals === undefined) {
      locals = new Map();
      this.expanded.set(ns, locals);
    }
    let name = locals.get(local);
    if (name === undefined) {
      name = { ns, local };
      locals.set(local, name);
    }
    return name;
  }
}
