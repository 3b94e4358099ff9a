import type { SkimInput } from '@simplekit/xml';
import { AB, BLINK, RL, SIPSIMPLE } from './names.js';

/**
 * The elements of Blink's address-book items, by expanded name (see `names.ts`): what the skimmer reads. `0` is any
 * other element, which makes it give the item back to the XML reader.
 */
export const Tag = {
  Other: 0,
  Contact: 1,
  Group: 2,
  Name: 3,
  Uris: 4,
  Uri: 5,
  Dialog: 6,
  Presence: 7,
  Policy: 8,
  Subscribe: 9,
  Contacts: 10,
  ContactId: 11,
  Attributes: 12,
  Attribute: 13,
  BlinkAttributes: 14,
  BlinkAttribute: 15,
  List: 16,
  Entry: 17,
} as const;
export type Tag = (typeof Tag)[keyof typeof Tag];
const TAG_COUNT = 18;

const LOCALS: ReadonlyMap<string, ReadonlyMap<string, Tag>> = new Map([
  [
    AB,
    new Map<string, Tag>([
      ['contact', Tag.Contact],
      ['group', Tag.Group],
      ['name', Tag.Name],
      ['uris', Tag.Uris],
      ['uri', Tag.Uri],
      ['dialog', Tag.Dialog],
      ['presence', Tag.Presence],
      ['policy', Tag.Policy],
      ['subscribe', Tag.Subscribe],
      ['contacts', Tag.Contacts],
      ['contact_id', Tag.ContactId],
    ]),
  ],
  [
    SIPSIMPLE,
    new Map<string, Tag>([
      ['attributes', Tag.Attributes],
      ['attribute', Tag.Attribute],
    ]),
  ],
  [
    BLINK,
    new Map<string, Tag>([
      ['attributes', Tag.BlinkAttributes],
      ['attribute', Tag.BlinkAttribute],
    ]),
  ],
  [
    RL,
    new Map<string, Tag>([
      ['list', Tag.List],
      ['entry', Tag.Entry],
    ]),
  ],
]);

/** The unprefixed attributes the skimmer reads (Blink's items carry no others). */
export const Attr = { Id: 0, Uri: 1, Type: 2, Default: 3, Name: 4, Nil: 5 } as const;
export type Attr = (typeof Attr)[keyof typeof Attr];
const ATTR_NAMES = ['id', 'uri', 'type', 'default', 'name', 'nil'] as const;
export const ATTR_COUNT = ATTR_NAMES.length;

/** How a start tag ended: `>` (children follow), `/>`, or something the skimmer does not read. */
export const Close = { No: 0, Open: 1, Empty: 2 } as const;
export type Close = (typeof Close)[keyof typeof Close];

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

/** Ends a tag name: white space, `>` or `/`. */
function endsName(code: number): boolean {
  return code === 0x3e || code === 0x2f || isSpace(code);
}

/**
 * One cursor per read (the reader's input object lives as long as the read) and scope: the items of one list share
 * their scope object, so their names are resolved once per document.
 */
const cursors = new WeakMap<SkimInput, SkimCursor>();

/**
 * A forward-only reader of the narrow XML that Blink writes for its items: start tags with a few unprefixed
 * attributes, end tags, white space between elements, and text without references. Everything else (comments,
 * CDATA, references, declarations, prefixed or unknown attributes, other elements) makes a method return a failure,
 * and the skimmer hands the item to the XML reader, which reads (and judges) it in full.
 */
export class SkimCursor {
  i = 0;
  /** Values of the attributes of the last start tag, by {@link Attr}; `undefined` when absent. */
  readonly values: (string | undefined)[] = new Array(ATTR_COUNT).fill(undefined);
  /** The attributes of the last start tag in document order, {@link attributeCount} of them. */
  readonly order: Attr[] = new Array(ATTR_COUNT).fill(Attr.Id);
  #count = 0;
  elements = 0;
  /** The prefix of the item's own start tag (the first one read). */
  itemPrefix: string | null = null;
  #close: Close = Close.No;
  readonly text: string;
  readonly #input: SkimInput;
  readonly #scope: object;
  readonly #maxText: number;
  readonly #maxAttributes: number;
  /** Tag names as written in this scope (`addressbook:uri` → Uri). */
  readonly #tags = new Map<string, Tag>();
  /** Per tag, the spelling seen last: tried first, with one comparison. */
  readonly #raw: (string | undefined)[] = new Array(TAG_COUNT).fill(undefined);
  /** Per tag, `</` and that spelling. */
  readonly #endRaw: (string | undefined)[] = new Array(TAG_COUNT).fill(undefined);

  private constructor(input: SkimInput) {
    this.#input = input;
    this.#scope = input.scope;
    this.text = input.text;
    this.#maxText = input.limits.maxTextLength;
    this.#maxAttributes = input.limits.maxAttributes;
  }

  /** The cursor of `input`'s scope, on the item `input` offers. */
  static at(input: SkimInput): SkimCursor {
    let cursor = cursors.get(input);
    if (cursor === undefined || cursor.#scope !== input.scope) {
      cursor = new SkimCursor(input);
      cursors.set(input, cursor);
    }
    cursor.i = input.at;
    cursor.elements = 0;
    cursor.itemPrefix = null;
    return cursor;
  }

  /** Skips white space (between elements: a text node the model ignores). */
  space(): void {
    const { text } = this;
    let i = this.i;
    while (isSpace(text.charCodeAt(i))) i++;
    this.i = i;
  }

  /** True when a start tag (`<` and a name) is next. */
  atStartTag(): boolean {
    const { text, i } = this;
    if (text.charCodeAt(i) !== 0x3c) return false;
    const next = text.charCodeAt(i + 1);
    return next !== 0x2f && next !== 0x21 && next !== 0x3f;
  }

  /**
   * Reads the start tag here (the cursor is on its `<`): its {@link Tag} (`expected` is tried first), its attributes
   * into {@link values}. Returns the tag, or {@link Tag.Other}; {@link closing} tells how it ended.
   */
  startTag(expected: Tag): Tag {
    const { text } = this;
    const at = this.i + 1;
    const guess = this.#raw[expected];
    let tag: Tag = expected;
    let end = guess === undefined ? at : at + guess.length;
    if (guess === undefined || !text.startsWith(guess, at) || !endsName(text.charCodeAt(end))) {
      end = at;
      while (end < text.length && !endsName(text.charCodeAt(end))) end++;
      tag = this.#learn(text.slice(at, end));
      if (tag === Tag.Other) return tag;
    }
    if (this.elements === 0) {
      const colon = text.indexOf(':', at);
      this.itemPrefix = colon !== -1 && colon < end ? text.slice(at, colon) : null;
    }
    this.elements++;
    this.i = end;
    this.#close = this.#attributes();
    return this.#close === Close.No ? Tag.Other : tag;
  }

  /** How the last start tag ended (a method: the cursor moves under the caller's feet). */
  closing(): Close {
    return this.#close;
  }

  /** How many attributes the last start tag had. */
  attributeCount(): number {
    return this.#count;
  }

  /** Resolves a tag name once per scope. */
  #learn(raw: string): Tag {
    let tag = this.#tags.get(raw);
    if (tag === undefined) {
      const colon = raw.indexOf(':');
      const prefix = colon === -1 ? '' : raw.slice(0, colon);
      const local = colon === -1 ? raw : raw.slice(colon + 1);
      // A declared prefix is a checked NCName; an empty one (":name") is no QName at all.
      const ns = colon === 0 ? undefined : this.#input.resolve(prefix);
      tag = (ns === undefined ? undefined : LOCALS.get(ns)?.get(local)) ?? Tag.Other;
      this.#tags.set(raw, tag);
    }
    if (tag !== Tag.Other && this.#raw[tag] !== raw) {
      this.#raw[tag] = raw;
      this.#endRaw[tag] = `</${raw}`;
    }
    return tag;
  }

  /** Reads `(S name S? = S? "value")* S? (> | />)`; names must be {@link Attr}s, each once. */
  #attributes(): Close {
    const { text, values, order } = this;
    for (let a = 0; a < this.#count; a++) values[order[a] as Attr] = undefined;
    this.#count = 0;
    let i = this.i;
    for (;;) {
      const before = i;
      while (isSpace(text.charCodeAt(i))) i++;
      const code = text.charCodeAt(i);
      if (code === 0x3e) {
        this.i = i + 1;
        return Close.Open;
      }
      if (code === 0x2f) {
        if (text.charCodeAt(i + 1) !== 0x3e) return Close.No;
        this.i = i + 2;
        return Close.Empty;
      }
      // XML 1.0 §3.1: attributes are separated from the name and from each other by white space.
      if (i === before || this.#count >= this.#maxAttributes) return Close.No;
      const attr = attrAt(text, i, code);
      if (attr === -1 || values[attr] !== undefined) return Close.No;
      i += (ATTR_NAMES[attr] as string).length;
      while (isSpace(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) !== 0x3d) return Close.No;
      i++;
      while (isSpace(text.charCodeAt(i))) i++;
      const quote = text.charCodeAt(i);
      if (quote !== 0x22 && quote !== 0x27) return Close.No;
      const start = i + 1;
      let j = start;
      for (;;) {
        const c = text.charCodeAt(j);
        if (c === quote) break;
        // References, a "<" (an error) and literal white space to normalise (XML 1.0 §3.3.3) are the reader's.
        if (c === 0x26 || c === 0x3c || c === 0x09 || c === 0x0a || c === 0x0d || Number.isNaN(c)) return Close.No;
        j++;
      }
      if (j - start > this.#maxText) return Close.No;
      values[attr] = text.slice(start, j);
      order[this.#count++] = attr;
      i = j + 1;
    }
  }

  /**
   * The character data up to the next `<`, which must start the end tag of `tag`; the cursor moves past that end
   * tag. `undefined` when the text holds a reference or `]]>`, or anything but the end tag follows.
   */
  textThenEnd(tag: Tag): string | undefined {
    const { text } = this;
    const from = this.i;
    const lt = text.indexOf('<', from);
    if (lt === -1 || lt - from > this.#maxText) return undefined;
    const value = text.slice(from, lt);
    if (value.includes('&') || value.includes(']]>')) return undefined;
    this.i = lt;
    if (!this.endTag(tag)) return undefined;
    // With ignoreWhitespace, the reader drops a text node of white space only.
    return this.#input.ignoreWhitespace && isBlank(value) ? '' : value;
  }

  /**
   * The content of the element whose start tag was just read, up to the first `</` of `tag` (as spelled in this
   * scope) — the whole content when the element is well-formed and cannot hold another `tag` — or `undefined`.
   * Two elements with the same content read the same, so a caller may keep what it read by this text.
   */
  content(tag: Tag): string | undefined {
    const end = this.#endRaw[tag];
    if (end === undefined) return undefined;
    const close = this.text.indexOf(end, this.i);
    return close === -1 ? undefined : this.text.slice(this.i, close);
  }

  /** Length of the end tag of `tag` as {@link endTag} just read it: `</`, the name, and `>` (no white space). */
  endLength(tag: Tag): number {
    return (this.#endRaw[tag]?.length ?? 0) + 1;
  }

  /** Moves past `content` (as {@link content} gave it) and the end tag of `tag` after it. */
  skip(content: string, tag: Tag): boolean {
    this.i += content.length;
    return this.endTag(tag);
  }

  /** Reads `</name S? >` for `tag` as spelled in this scope. */
  endTag(tag: Tag): boolean {
    const { text } = this;
    const raw = this.#raw[tag];
    if (raw === undefined) return false;
    const at = this.i;
    if (text.charCodeAt(at) !== 0x3c || text.charCodeAt(at + 1) !== 0x2f || !text.startsWith(raw, at + 2)) return false;
    let i = at + 2 + raw.length;
    while (isSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 0x3e) return false;
    this.i = i + 1;
    return true;
  }
}

function isBlank(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (!isSpace(value.charCodeAt(i))) return false;
  return true;
}

/** The {@link Attr} whose name stands at `i` (its first character `code`), followed by `=` or white space; or -1. */
function attrAt(text: string, i: number, code: number): Attr | -1 {
  let attr: Attr;
  if (code === 0x69) attr = Attr.Id;
  else if (code === 0x75) attr = Attr.Uri;
  else if (code === 0x74) attr = Attr.Type;
  else if (code === 0x64) attr = Attr.Default;
  else if (code === 0x6e) attr = text.charCodeAt(i + 1) === 0x61 ? Attr.Name : Attr.Nil;
  else return -1;
  const name = ATTR_NAMES[attr];
  if (!text.startsWith(name, i)) return -1;
  const after = text.charCodeAt(i + name.length);
  return after === 0x3d || isSpace(after) ? attr : -1;
}
