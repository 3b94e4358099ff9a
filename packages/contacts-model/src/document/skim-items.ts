import { decodeAnyUri } from '@simplekit/xcap';
import type { QName, SkimInput, SkimmedElement, XmlAttribute, XmlElement } from '@simplekit/xml';
import type { Attribute, Attributes, Contact, ContactUri, EventHandling, Group } from '../model/types.js';
import { DEFAULT_HANDLING, isPolicyValue } from '../model/types.js';
import { N } from './names.js';
import { PristineContact, PristineGroup, PristineUri } from './pristine.js';
import {
  booleanText,
  HANDLINGS,
  type IdScope,
  NO_ATTRIBUTES,
  type SharedStrings,
  sameId,
  shared,
} from './read-items.js';
import { Attr, Close, SkimCursor, Tag } from './skim-cursor.js';

/** Where skimmed items go: the items of one address-book list (see `read.ts`). */
export interface SkimTarget {
  readonly groups: Map<string, Group>;
  readonly contacts: Map<string, Contact>;
  readonly scopes: Record<'group' | 'contact', IdScope>;
  readonly strings: SharedStrings;
  /**
   * What element contents read as, by their text (per document): Blink writes the same attribute bags and the same
   * presence/dialog settings over and over, which are then read once and shared (they are immutable).
   */
  readonly memo: SkimMemo;
}

/** See {@link SkimTarget.memo}: bags by kind (sipsimple, blink), and presence/dialog settings. */
export interface SkimMemo {
  readonly attributes: Map<string, Remembered<Attributes>>;
  readonly blinkAttributes: Map<string, Remembered<Attributes>>;
  readonly handlings: Map<string, Remembered<EventHandling>>;
}

/** What a content read as, and how many elements it holds (they count towards the reader's limit). */
interface Remembered<T> {
  readonly value: T;
  readonly elements: number;
}

/**
 * What `content` (see `SkimCursor.content`) read as before, the cursor then past the element; `undefined` when it is
 * not known, `null` when it is but no well-formed end tag follows it (the item is then not skimmed).
 */
function recall<T>(
  cursor: SkimCursor,
  tag: Tag,
  memo: Map<string, Remembered<T>>,
  content: string,
): T | null | undefined {
  const known = memo.get(content);
  if (known === undefined) return undefined;
  cursor.elements += known.elements;
  return cursor.skip(content, tag) ? known.value : null;
}

/**
 * Keeps what `content` read as (`value`, read from `from` with `elements` counted before it), when the end tag
 * followed the content directly.
 */
function remember<T>(
  cursor: SkimCursor,
  tag: Tag,
  memo: Map<string, Remembered<T>>,
  content: string | undefined,
  from: number,
  elements: number,
  value: T | undefined,
): void {
  if (value === undefined || content === undefined) return;
  if (cursor.i !== from + content.length + cursor.endLength(tag)) return;
  memo.set(content, { value, elements: cursor.elements - elements });
}

export function emptySkimMemo(): SkimMemo {
  return { attributes: new Map(), blinkAttributes: new Map(), handlings: new Map() };
}

/**
 * Reads a `<contact>` or `<group>` of Blink's address book straight from the text into the model, without building
 * its element tree: the common case of a large book, most of whose items are then written back as read. It reads
 * only items in Blink's own shape with ids of their own (see `SkimCursor` for the XML it reads); anything else —
 * a missing or repeated id, foreign markup, comments, references — is left to the XML reader and `read-items.ts`,
 * which give the same model. Property tests check that both ways agree.
 */
export function skimItem(input: SkimInput, target: SkimTarget): SkimmedElement | undefined {
  const cursor = SkimCursor.at(input);
  if (!cursor.atStartTag()) return undefined;
  const tag = cursor.startTag(Tag.Contact);
  if (cursor.closing() !== Close.Open) return undefined;
  if (tag === Tag.Contact) return skimContact(cursor, target);
  if (tag === Tag.Group) return skimGroup(cursor, target);
  return undefined;
}

/** Deepest nesting of an item the skimmer reads: contact, uris, uri, attributes, attribute. */
const ITEM_DEPTH = 5;

/** The item's `id`, when it is one the XML reader's way would keep as it is. */
function ownId(cursor: SkimCursor, scope: IdScope): string | undefined {
  if (cursor.attributeCount() !== 1) return undefined;
  const id = cursor.values[Attr.Id];
  if (id === undefined || id.length === 0 || id !== id.trim() || scope.taken.has(id)) return undefined;
  return id;
}

function idAttribute(id: string): readonly XmlAttribute[] {
  return [{ ns: null, local: 'id', prefix: null, value: id }];
}

/** Text of an element without attributes whose start tag was just read (`<x/>` is empty text). */
function plainText(cursor: SkimCursor, tag: Tag): string | undefined {
  if (cursor.attributeCount() !== 0) return undefined;
  return cursor.closing() === Close.Empty ? '' : cursor.textThenEnd(tag);
}

/** `<presence>` / `<dialog>` (start tag read): its first `<policy>` and `<subscribe>`. */
function handling(cursor: SkimCursor, tag: Tag, memo: SkimMemo): EventHandling | undefined {
  if (cursor.attributeCount() !== 0) return undefined;
  if (cursor.closing() === Close.Empty) return DEFAULT_HANDLING;
  const content = cursor.content(tag);
  const known = content === undefined ? undefined : recall(cursor, tag, memo.handlings, content);
  if (known !== undefined) return known ?? undefined;
  const from = cursor.i;
  const elements = cursor.elements;
  const value = handlingContent(cursor, tag);
  remember(cursor, tag, memo.handlings, content, from, elements, value);
  return value;
}

function handlingContent(cursor: SkimCursor, tag: Tag): EventHandling | undefined {
  let policy: string | undefined;
  let subscribe: string | undefined;
  for (;;) {
    cursor.space();
    if (!cursor.atStartTag()) break;
    const child = cursor.startTag(policy === undefined ? Tag.Policy : Tag.Subscribe);
    if (child === Tag.Policy && policy === undefined) policy = plainText(cursor, Tag.Policy)?.trim();
    else if (child === Tag.Subscribe && subscribe === undefined) subscribe = plainText(cursor, Tag.Subscribe)?.trim();
    else return undefined;
    if ((child === Tag.Policy ? policy : subscribe) === undefined) return undefined;
  }
  if (!cursor.endTag(tag)) return undefined;
  // As `handlingOf`: anything but allow/block/default reads as default.
  const pair = HANDLINGS[policy !== undefined && isPolicyValue(policy) ? policy : 'default'];
  return pair[booleanText(subscribe ?? '') ? 1 : 0];
}

/**
 * Lists filled while one item is read, then copied at their exact size: the skimmer never reads two bags or two URI
 * lists at once, and an array grown by push from empty makes room for 17 entries where an item has one to three.
 */
const bagScratch: (Attribute | undefined)[] = [];
const uriScratch: (UriFields | undefined)[] = [];

/**
 * Empties the first `count` entries of `scratch` (without shortening it, which would drop its room): a value left
 * there could hold a slice of a whole document long after that document is gone.
 */
function clear<T>(scratch: (T | undefined)[], count: number): void {
  for (let i = 0; i < count; i++) scratch[i] = undefined;
}

/** Past this many URIs a contact is left to the reader (which checks ids against a set, not a list). */
const MAX_SKIMMED_URIS = 8;

/** An `<attributes>` bag (start tag read) of `<attribute name [nil]>` items, each name once. */
function bag(
  cursor: SkimCursor,
  tag: Tag,
  item: Tag,
  strings: SharedStrings,
  memo: Map<string, Remembered<Attributes>>,
): Attributes | undefined {
  if (cursor.attributeCount() !== 0) return undefined;
  if (cursor.closing() === Close.Empty) return NO_ATTRIBUTES;
  const content = cursor.content(tag);
  const known = content === undefined ? undefined : recall(cursor, tag, memo, content);
  if (known !== undefined) return known ?? undefined;
  const from = cursor.i;
  const elements = cursor.elements;
  const value = bagContent(cursor, tag, item, strings);
  remember(cursor, tag, memo, content, from, elements, value);
  return value;
}

function bagContent(cursor: SkimCursor, tag: Tag, item: Tag, strings: SharedStrings): Attributes | undefined {
  let count = 0;
  try {
    for (;;) {
      cursor.space();
      if (!cursor.atStartTag()) break;
      if (cursor.startTag(item) !== item) return undefined;
      const name = cursor.values[Attr.Name];
      const nil = cursor.values[Attr.Nil];
      if (name === undefined || cursor.attributeCount() !== (nil === undefined ? 1 : 2)) return undefined;
      for (let a = 0; a < count; a++) if ((bagScratch[a] as Attribute).name === name) return undefined;
      const text = cursor.closing() === Close.Empty ? '' : cursor.textThenEnd(item);
      if (text === undefined) return undefined;
      bagScratch[count++] = { name: shared(strings, name), value: nil === 'true' || nil === '1' ? null : text };
    }
    if (!cursor.endTag(tag)) return undefined;
    return count === 0 ? NO_ATTRIBUTES : (bagScratch.slice(0, count) as Attribute[]);
  } finally {
    clear(bagScratch, count);
  }
}

/** The two bags an item may carry, read in any order, each once. */
class Bags {
  attributes: Attributes | undefined;
  blinkAttributes: Attributes | undefined;

  clear(): void {
    this.attributes = undefined;
    this.blinkAttributes = undefined;
  }

  /** Reads the bag whose start tag `tag` was just read; false when it is no bag, a second one, or unreadable. */
  read(cursor: SkimCursor, tag: Tag, strings: SharedStrings, memo: SkimMemo): boolean {
    if (tag === Tag.Attributes && this.attributes === undefined) {
      this.attributes = bag(cursor, tag, Tag.Attribute, strings, memo.attributes);
      return this.attributes !== undefined;
    }
    if (tag === Tag.BlinkAttributes && this.blinkAttributes === undefined) {
      this.blinkAttributes = bag(cursor, tag, Tag.BlinkAttribute, strings, memo.blinkAttributes);
      return this.blinkAttributes !== undefined;
    }
    return false;
  }
}

type UriFields = Omit<ContactUri, 'source'>;

/** Shared by the URIs of every contact, and by the items (neither is read inside the other). */
const uriBags = new Bags();
const itemBags = new Bags();

/** `<uris>` (start tag read): its `<uri>` children, each with an id of its own. */
function uriList(cursor: SkimCursor, strings: SharedStrings, memo: SkimMemo): UriFields[] | undefined {
  if (cursor.closing() === Close.Empty) return [];
  let count = 0;
  try {
    for (;;) {
      cursor.space();
      if (!cursor.atStartTag()) break;
      if (count === MAX_SKIMMED_URIS || cursor.startTag(Tag.Uri) !== Tag.Uri) return undefined;
      const { values, order } = cursor;
      for (let a = cursor.attributeCount() - 1; a >= 0; a--) {
        const attr = order[a];
        if (attr !== Attr.Id && attr !== Attr.Uri && attr !== Attr.Type) return undefined;
      }
      const id = values[Attr.Id];
      if (id === undefined || id.length === 0 || id !== id.trim()) return undefined;
      for (let u = 0; u < count; u++) if ((uriScratch[u] as UriFields).id === id) return undefined;
      const type = values[Attr.Type];
      const uri = decodeAnyUri(values[Attr.Uri] ?? '');
      const bags = uriBags;
      bags.clear();
      if (cursor.closing() === Close.Open) {
        for (;;) {
          cursor.space();
          if (!cursor.atStartTag()) break;
          const next = cursor.startTag(bags.attributes === undefined ? Tag.Attributes : Tag.BlinkAttributes);
          if (!bags.read(cursor, next, strings, memo)) return undefined;
        }
        if (!cursor.endTag(Tag.Uri)) return undefined;
      }
      uriScratch[count++] = {
        id,
        uri,
        type: type === undefined ? null : shared(strings, type),
        attributes: bags.attributes ?? NO_ATTRIBUTES,
        blinkAttributes: bags.blinkAttributes ?? NO_ATTRIBUTES,
      };
    }
    return cursor.endTag(Tag.Uris) ? (uriScratch.slice(0, count) as UriFields[]) : undefined;
  } finally {
    clear(uriScratch, count);
  }
}

/**
 * A contact or group read by the skimmer, placed in the book once the reader has placed its element: its id is
 * claimed in its scope then, as the reader's own way would at that position.
 */
abstract class SkimmedItem implements SkimmedElement {
  abstract readonly name: QName;
  readonly depth = ITEM_DEPTH;
  readonly hasChildren = true;
  readonly attributes: readonly XmlAttribute[];

  constructor(
    readonly end: number,
    readonly prefix: string | null,
    readonly elements: number,
    protected readonly target: SkimTarget,
    private readonly scope: IdScope,
    protected readonly id: string,
  ) {
    this.attributes = idAttribute(id);
  }

  place(element: XmlElement): void {
    this.scope.position++;
    this.scope.taken.add(this.id);
    this.settle(element);
  }

  protected abstract settle(element: XmlElement): void;
}

class SkimmedContact extends SkimmedItem {
  readonly name = N.contact;

  constructor(
    cursor: SkimCursor,
    target: SkimTarget,
    private readonly fields: ContactFields,
    private readonly uris: readonly UriFields[],
  ) {
    super(cursor.i, cursor.itemPrefix, cursor.elements, target, target.scopes.contact, fields.id);
  }

  protected settle(element: XmlElement): void {
    const { fields, uris } = this;
    // As `readUri` for a hollow contact: each URI reads its element again from the contact's text when asked.
    const list: ContactUri[] = new Array(uris.length);
    for (let u = 0; u < uris.length; u++) list[u] = new PristineUri(uris[u] as UriFields, element, element, u);
    fields.uris = list;
    fields.defaultUri = sameId(list, fields.defaultUri);
    this.target.contacts.set(fields.id, new PristineContact(fields, element));
  }
}

class SkimmedGroup extends SkimmedItem {
  readonly name = N.group;

  constructor(
    cursor: SkimCursor,
    target: SkimTarget,
    private readonly fields: Omit<Group, 'source'>,
  ) {
    super(cursor.i, cursor.itemPrefix, cursor.elements, target, target.scopes.group, fields.id);
  }

  protected settle(element: XmlElement): void {
    this.target.groups.set(this.fields.id, new PristineGroup(this.fields, element));
  }
}

type ContactFields = { -readonly [K in keyof Omit<Contact, 'source'>]: Contact[K] };

function skimContact(cursor: SkimCursor, target: SkimTarget): SkimmedElement | undefined {
  const { scopes, strings } = target;
  const id = ownId(cursor, scopes.contact);
  if (id === undefined) return undefined;
  let name: string | undefined;
  let uris: UriFields[] | undefined;
  let defaultUri: string | null = null;
  let presence: EventHandling | undefined;
  let dialog: EventHandling | undefined;
  const bags = itemBags;
  bags.clear();
  // Blink's order: name, uris, dialog, presence, then the two bags.
  let expected: Tag = Tag.Name;
  for (;;) {
    cursor.space();
    if (!cursor.atStartTag()) break;
    const child = cursor.startTag(expected);
    if (child === Tag.Name && name === undefined) {
      name = plainText(cursor, child);
      if (name === undefined) return undefined;
      expected = Tag.Uris;
    } else if (child === Tag.Uris && uris === undefined) {
      if (cursor.attributeCount() !== (cursor.values[Attr.Default] === undefined ? 0 : 1)) return undefined;
      defaultUri = cursor.values[Attr.Default] ?? null;
      uris = uriList(cursor, strings, target.memo);
      if (uris === undefined) return undefined;
      expected = Tag.Dialog;
    } else if (child === Tag.Dialog && dialog === undefined) {
      dialog = handling(cursor, child, target.memo);
      if (dialog === undefined) return undefined;
      expected = Tag.Presence;
    } else if (child === Tag.Presence && presence === undefined) {
      presence = handling(cursor, child, target.memo);
      if (presence === undefined) return undefined;
      expected = Tag.Attributes;
    } else if (bags.read(cursor, child, strings, target.memo)) {
      expected = Tag.BlinkAttributes;
    } else {
      return undefined;
    }
  }
  // A contact without child elements is left to the reader, which decides whether it has children at all.
  if (cursor.elements === 1 || !cursor.endTag(Tag.Contact)) return undefined;
  const fields: ContactFields = {
    id,
    name: name ?? '',
    uris: [],
    defaultUri,
    presence: presence ?? DEFAULT_HANDLING,
    dialog: dialog ?? DEFAULT_HANDLING,
    attributes: bags.attributes ?? NO_ATTRIBUTES,
    blinkAttributes: bags.blinkAttributes ?? NO_ATTRIBUTES,
  };
  return new SkimmedContact(cursor, target, fields, uris ?? []);
}

function skimGroup(cursor: SkimCursor, target: SkimTarget): SkimmedElement | undefined {
  const { scopes, strings } = target;
  const id = ownId(cursor, scopes.group);
  if (id === undefined) return undefined;
  let name: string | undefined;
  let members: Set<string> | undefined;
  const bags = itemBags;
  bags.clear();
  let expected: Tag = Tag.Name;
  for (;;) {
    cursor.space();
    if (!cursor.atStartTag()) break;
    const child = cursor.startTag(expected);
    if (child === Tag.Name && name === undefined) {
      name = plainText(cursor, child);
      if (name === undefined) return undefined;
      expected = Tag.Contacts;
    } else if (child === Tag.Contacts && members === undefined) {
      members = memberIds(cursor);
      if (members === undefined) return undefined;
      expected = Tag.Attributes;
    } else if (bags.read(cursor, child, strings, target.memo)) {
      expected = Tag.BlinkAttributes;
    } else {
      return undefined;
    }
  }
  if (cursor.elements === 1 || !cursor.endTag(Tag.Group)) return undefined;
  const fields = {
    id,
    name: name ?? '',
    contactIds: members === undefined ? [] : [...members],
    attributes: bags.attributes ?? NO_ATTRIBUTES,
    blinkAttributes: bags.blinkAttributes ?? NO_ATTRIBUTES,
  };
  return new SkimmedGroup(cursor, target, fields);
}

/** `<contacts>` of a group (start tag read): the trimmed, non-empty `<contact_id>` texts, each once. */
function memberIds(cursor: SkimCursor): Set<string> | undefined {
  if (cursor.attributeCount() !== 0) return undefined;
  const ids = new Set<string>();
  if (cursor.closing() === Close.Empty) return ids;
  for (;;) {
    cursor.space();
    if (!cursor.atStartTag()) break;
    if (cursor.startTag(Tag.ContactId) !== Tag.ContactId) return undefined;
    const text = plainText(cursor, Tag.ContactId)?.trim();
    if (text === undefined) return undefined;
    if (text.length > 0) ids.add(text);
  }
  return cursor.endTag(Tag.Contacts) ? ids : undefined;
}
