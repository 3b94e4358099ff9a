import { decodeAnyUri } from '@simplekit/xcap';
import { attributeValue, isHollow, type QName, serializeXml, textContent, type XmlElement } from '@simplekit/xml';
import type {
  Attribute,
  Attributes,
  Contact,
  ContactUri,
  EventHandling,
  Group,
  PolicyElement,
  PolicyValue,
} from '../model/types.js';
import { DEFAULT_HANDLING, isPolicyValue } from '../model/types.js';
import { AB, BLINK, N, SIPSIMPLE } from './names.js';
import { isPristine, PristineContact, PristineGroup, PristinePolicy, PristineUri } from './pristine.js';
import { stableId } from './stable-id.js';

/** Ids already used, as {@link stableId} and {@link IdScope} need them. */
export interface TakenIds {
  has(id: string): boolean;
  add(id: string): unknown;
}

/**
 * The URI ids of one contact: a contact has one or two URIs, so a short list scanned is cheaper than a `Set` per
 * contact (ten thousand of them while a book is read); past {@link FEW_IDS} ids it becomes a `Set`, so a contact
 * with thousands of URIs is still read in linear time.
 */
const FEW_IDS = 8;
export class FewIds implements TakenIds {
  #list: string[] = [];
  #set: Set<string> | undefined;

  has(id: string): boolean {
    return this.#set === undefined ? this.#list.includes(id) : this.#set.has(id);
  }

  add(id: string): void {
    if (this.#set !== undefined) this.#set.add(id);
    else if (this.#list.length < FEW_IDS) this.#list.push(id);
    else this.#set = new Set([...this.#list, id]);
  }
}

/** Ids already used per kind while one document is read. */
export interface IdScope {
  readonly taken: TakenIds;
  position: number;
}

/**
 * Strings that repeat across the items of one document (attribute names, URI types) are kept once:
 * ten thousand contacts carry ten thousand copies of `organization` otherwise.
 */
export type SharedStrings = Map<string, string>;

export function shared(strings: SharedStrings, value: string): string {
  const known = strings.get(value);
  if (known !== undefined) return known;
  strings.set(value, value);
  return value;
}

/** Reading changed nothing when the item kept the id it was written with (none was generated). */
function keptId(element: XmlElement, id: string): boolean {
  return attributeValue(element, 'id') === id;
}

/** The element's `id`, or a stable generated one when it has none (or repeats one already read). */
function idOf(element: XmlElement, scope: IdScope, kind: string): string {
  scope.position++;
  const id = attributeValue(element, 'id')?.trim();
  const result =
    id !== undefined && id.length > 0 && !scope.taken.has(id)
      ? id
      : stableId(
          `${kind}:${scope.position}:${id ?? ''}:${serializeXml(element, { xmlDeclaration: false })}`,
          scope.taken,
        );
  scope.taken.add(result);
  return result;
}

// XML Schema boolean (§3.2.2): true, false, 1, 0.
export function booleanText(value: string): boolean {
  return value === 'true' || value === '1';
}

export const NO_ATTRIBUTES: Attributes = Object.freeze([]) as Attributes;

/** A copy without spare capacity: an array grown by push keeps up to 16 unused slots (V8), for every item held. */
function exact<T>(list: T[]): T[] {
  return list.length === 0 ? [] : list.slice();
}

// Every read item points at one of these six instead of holding its own.
export const HANDLINGS: Readonly<Record<PolicyValue, readonly [EventHandling, EventHandling]>> = {
  allow: [Object.freeze({ policy: 'allow', subscribe: false }), Object.freeze({ policy: 'allow', subscribe: true })],
  block: [Object.freeze({ policy: 'block', subscribe: false }), Object.freeze({ policy: 'block', subscribe: true })],
  default: [DEFAULT_HANDLING, Object.freeze({ policy: 'default', subscribe: true })],
};

/** The first child element of each name an item may have, found in one pass over its children. */
interface ItemParts {
  name?: XmlElement;
  uris?: XmlElement;
  contacts?: XmlElement;
  presence?: XmlElement;
  dialog?: XmlElement;
  attributes?: XmlElement;
  blinkAttributes?: XmlElement;
}

function partsOf(element: XmlElement): ItemParts {
  const parts: ItemParts = {};
  for (const child of element.children) {
    if (child.type !== 'element') continue;
    const { ns, local } = child.name;
    if (ns === AB) {
      if (local === 'name') parts.name ??= child;
      else if (local === 'uris') parts.uris ??= child;
      else if (local === 'contacts') parts.contacts ??= child;
      else if (local === 'presence') parts.presence ??= child;
      else if (local === 'dialog') parts.dialog ??= child;
    } else if (local === 'attributes') {
      if (ns === SIPSIMPLE) parts.attributes ??= child;
      else if (ns === BLINK) parts.blinkAttributes ??= child;
    }
  }
  return parts;
}

/** Text of an element; `trim` for token-like values (policy, booleans), never for names. */
function textOf(element: XmlElement | undefined, trim = true): string {
  if (element === undefined) return '';
  return trim ? textContent(element).trim() : textContent(element);
}

function handlingOf(child: XmlElement | undefined): EventHandling {
  if (child === undefined) return DEFAULT_HANDLING;
  let policy: string | undefined;
  let subscribe: string | undefined;
  for (const node of child.children) {
    if (node.type !== 'element' || node.name.ns !== AB) continue;
    if (node.name.local === 'policy') policy ??= textOf(node);
    else if (node.name.local === 'subscribe') subscribe ??= textOf(node);
  }
  // Blink's schema allows only allow/block/default; anything else reads as default, as an absent policy would.
  const pair = HANDLINGS[policy !== undefined && isPolicyValue(policy) ? policy : 'default'];
  return pair[booleanText(subscribe ?? '') ? 1 : 0];
}

function bagOf(container: XmlElement | undefined, item: QName, strings: SharedStrings): Attributes {
  if (container === undefined) return NO_ATTRIBUTES;
  let out: Attribute[] | undefined;
  let seen: Set<string> | undefined;
  for (const child of container.children) {
    if (child.type !== 'element' || child.name.local !== item.local || child.name.ns !== item.ns) continue;
    const name = attributeValue(child, 'name');
    if (name === undefined) continue;
    if (out === undefined) out = [];
    else {
      seen ??= new Set(out.map((a) => a.name));
      if (seen.has(name)) continue;
      seen.add(name);
    }
    const nil = attributeValue(child, 'nil');
    out.push({ name: shared(strings, name), value: nil === 'true' || nil === '1' ? null : textContent(child) });
  }
  return out === undefined ? NO_ATTRIBUTES : exact(out);
}

/** `contact` is the hollow element `element` sits in (at `index` among its URIs), or `undefined`. */
function readUri(
  element: XmlElement,
  scope: IdScope,
  strings: SharedStrings,
  contact: XmlElement | undefined,
  index: number,
): ContactUri {
  const type = attributeValue(element, 'type');
  const parts = partsOf(element);
  const fields = {
    id: idOf(element, scope, 'uri'),
    uri: decodeAnyUri(attributeValue(element, 'uri') ?? ''),
    type: type === undefined ? null : shared(strings, type),
    attributes: bagOf(parts.attributes, N.sipsimpleAttribute, strings),
    blinkAttributes: bagOf(parts.blinkAttributes, N.blinkAttribute, strings),
  };
  // Read from a hollow contact, a pristine URI does not hold its element: it is read again from the contact's text
  // when the writer (or a copy) asks for it.
  if (keptId(element, fields.id)) return new PristineUri(fields, element, contact, index);
  return { ...fields, source: element };
}

export function sameId(uris: readonly ContactUri[], id: string | null): string | null {
  for (const uri of uris) if (uri.id === id) return uri.id;
  return id;
}

/**
 * `element` is read; `source` (default: `element`) is what the book keeps and writes back. `strings` is shared by
 * the items of one document.
 */
export function readContact(
  element: XmlElement,
  scope: IdScope,
  source = element,
  strings: SharedStrings = new Map(),
): Contact {
  const id = idOf(element, scope, 'contact');
  const parts = partsOf(element);
  const urisElement = parts.uris;
  const uris: ContactUri[] = [];
  const uriScope: IdScope = { taken: new FewIds(), position: 0 };
  const lazy = source !== element && isHollow(source);
  let clean = true;
  if (urisElement !== undefined) {
    for (const child of urisElement.children) {
      if (child.type === 'element' && child.name.local === 'uri' && child.name.ns === N.uri.ns) {
        const uri = readUri(child, uriScope, strings, lazy ? source : undefined, uris.length);
        if (!isPristine(uri)) clean = false;
        uris.push(uri);
      }
    }
  }
  const defaultUri = (urisElement && attributeValue(urisElement, 'default')) ?? null;
  const fields = {
    id,
    name: textOf(parts.name, false),
    uris: exact(uris),
    // The same string as the URI's id when it names one.
    defaultUri: sameId(uris, defaultUri),
    presence: handlingOf(parts.presence),
    dialog: handlingOf(parts.dialog),
    attributes: bagOf(parts.attributes, N.sipsimpleAttribute, strings),
    blinkAttributes: bagOf(parts.blinkAttributes, N.blinkAttribute, strings),
  };
  return clean && keptId(element, id) ? new PristineContact(fields, source) : { ...fields, source };
}

export function readGroup(
  element: XmlElement,
  scope: IdScope,
  source = element,
  strings: SharedStrings = new Map(),
): Group {
  const id = idOf(element, scope, 'group');
  const parts = partsOf(element);
  const contacts = parts.contacts;
  const contactIds = new Set<string>();
  if (contacts !== undefined) {
    for (const child of contacts.children) {
      if (child.type !== 'element' || child.name.local !== 'contact_id' || child.name.ns !== N.contactId.ns) continue;
      const contactId = textContent(child).trim();
      if (contactId.length > 0) contactIds.add(contactId);
    }
  }
  const fields = {
    id,
    name: textOf(parts.name, false),
    contactIds: [...contactIds],
    attributes: bagOf(parts.attributes, N.sipsimpleAttribute, strings),
    blinkAttributes: bagOf(parts.blinkAttributes, N.blinkAttribute, strings),
  };
  return keptId(element, id) ? new PristineGroup(fields, source) : { ...fields, source };
}

export function readPolicy(
  element: XmlElement,
  scope: IdScope,
  source = element,
  strings: SharedStrings = new Map(),
): PolicyElement {
  const parts = partsOf(element);
  const fields = {
    id: idOf(element, scope, 'policy'),
    uri: decodeAnyUri(attributeValue(element, 'uri') ?? ''),
    name: textOf(parts.name, false),
    presence: handlingOf(parts.presence),
    dialog: handlingOf(parts.dialog),
    attributes: bagOf(parts.attributes, N.sipsimpleAttribute, strings),
    blinkAttributes: bagOf(parts.blinkAttributes, N.blinkAttribute, strings),
  };
  return keptId(element, fields.id) ? new PristinePolicy(fields, source) : { ...fields, source };
}
