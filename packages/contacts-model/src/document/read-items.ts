import { decodeAnyUri } from '@simplekit/xcap';
import {
  attributeValue,
  firstChildElement,
  isHollow,
  type QName,
  serializeXml,
  textContent,
  type XmlElement,
} from '@simplekit/xml';
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
import { N } from './names.js';
import { isPristine, markPristine } from './pristine.js';
import { stableId } from './stable-id.js';

/** Ids already used per kind while one document is read. */
export interface IdScope {
  readonly taken: Set<string>;
  position: number;
}

/**
 * Strings that repeat across the items of one document (attribute names, URI types, policy values) are kept once:
 * ten thousand contacts carry ten thousand copies of `organization` otherwise.
 */
export type SharedStrings = Map<string, string>;

function shared(strings: SharedStrings, value: string): string {
  const known = strings.get(value);
  if (known !== undefined) return known;
  strings.set(value, value);
  return value;
}

/** Marks the value pristine unless reading changed something (a generated id, a dropped duplicate). */
function pristineIf<T extends { id: string; source?: XmlElement | undefined }>(
  value: T,
  element: XmlElement,
  clean = true,
): T {
  return clean && attributeValue(element, 'id') === value.id ? markPristine(value) : value;
}

/** Text of a child element; `trim` for token-like values (policy, booleans), never for names. */
function text(element: XmlElement, name: QName, trim = true): string {
  const child = firstChildElement(element, name);
  if (child === undefined) return '';
  return trim ? textContent(child).trim() : textContent(child);
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
function booleanText(value: string): boolean {
  return value === 'true' || value === '1';
}

const NO_ATTRIBUTES: Attributes = Object.freeze([]) as Attributes;

/** A copy without spare capacity: an array grown by push keeps up to 16 unused slots (V8), for every item held. */
function exact<T>(list: T[]): T[] {
  return list.length === 0 ? [] : list.slice();
}

// Every read item points at one of these six instead of holding its own.
const HANDLINGS: Readonly<Record<PolicyValue, readonly [EventHandling, EventHandling]>> = {
  allow: [Object.freeze({ policy: 'allow', subscribe: false }), Object.freeze({ policy: 'allow', subscribe: true })],
  block: [Object.freeze({ policy: 'block', subscribe: false }), Object.freeze({ policy: 'block', subscribe: true })],
  default: [DEFAULT_HANDLING, Object.freeze({ policy: 'default', subscribe: true })],
};

function handlingOf(element: XmlElement, name: QName): EventHandling {
  const child = firstChildElement(element, name);
  if (child === undefined) return DEFAULT_HANDLING;
  const policy = text(child, N.policy);
  // Blink's schema allows only allow/block/default; anything else reads as default, as an absent policy would.
  const pair = HANDLINGS[isPolicyValue(policy) ? policy : 'default'];
  return pair[booleanText(text(child, N.subscribe)) ? 1 : 0];
}

function bagOf(element: XmlElement, bag: QName, item: QName, strings: SharedStrings): Attributes {
  const container = firstChildElement(element, bag);
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

/** A URI element is not kept by its URI: it is found again in its contact's element when asked for. */
interface UriOrigin {
  readonly contact: XmlElement;
  readonly index: number;
}

const ORIGIN = Symbol('contacts-model.uri-origin');

function uriElementAt(contact: XmlElement, index: number): XmlElement | undefined {
  const uris = firstChildElement(contact, N.uris);
  let at = 0;
  for (const child of uris?.children ?? []) {
    if (child.type === 'element' && child.name.local === N.uri.local && child.name.ns === N.uri.ns) {
      if (at === index) return child;
      at++;
    }
  }
  return undefined;
}

/** The `source` getter of URIs read from a hollow contact (one function for all of them). */
function uriSource(this: { [ORIGIN]?: UriOrigin }): XmlElement | undefined {
  const origin = this[ORIGIN];
  return origin === undefined ? undefined : uriElementAt(origin.contact, origin.index);
}

function readUri(element: XmlElement, scope: IdScope, strings: SharedStrings, origin: UriOrigin | undefined) {
  const type = attributeValue(element, 'type');
  const uri = {
    id: idOf(element, scope, 'uri'),
    uri: decodeAnyUri(attributeValue(element, 'uri') ?? ''),
    type: type === undefined ? null : shared(strings, type),
    attributes: bagOf(element, N.sipsimpleAttributes, N.sipsimpleAttribute, strings),
    blinkAttributes: bagOf(element, N.blinkAttributes, N.blinkAttribute, strings),
  };
  if (origin === undefined) {
    return pristineIf<ContactUri>({ ...uri, source: element }, element);
  }
  // Read from a hollow contact: the URI element is read again from the contact's text when the writer (or a copy)
  // asks for it, rather than held as a tree for every URI of the book.
  Object.defineProperty(uri, ORIGIN, { value: origin, enumerable: false });
  Object.defineProperty(uri, 'source', { get: uriSource, enumerable: true, configurable: false });
  return pristineIf(uri as ContactUri, element);
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
  const urisElement = firstChildElement(element, N.uris);
  const uris: ContactUri[] = [];
  const uriScope: IdScope = { taken: new Set(), position: 0 };
  const lazy = source !== element && isHollow(source);
  let clean = true;
  if (urisElement !== undefined) {
    for (const child of urisElement.children) {
      if (child.type === 'element' && child.name.local === 'uri' && child.name.ns === N.uri.ns) {
        const uri = readUri(child, uriScope, strings, lazy ? { contact: source, index: uris.length } : undefined);
        if (!isPristine(uri)) clean = false;
        uris.push(uri);
      }
    }
  }
  const defaultUri = (urisElement && attributeValue(urisElement, 'default')) ?? null;
  return pristineIf<Contact>(
    {
      id,
      name: text(element, N.name, false),
      uris: exact(uris),
      // The same string as the URI's id when it names one.
      defaultUri: uris.find((u) => u.id === defaultUri)?.id ?? defaultUri,
      presence: handlingOf(element, N.presence),
      dialog: handlingOf(element, N.dialog),
      attributes: bagOf(element, N.sipsimpleAttributes, N.sipsimpleAttribute, strings),
      blinkAttributes: bagOf(element, N.blinkAttributes, N.blinkAttribute, strings),
      source,
    },
    element,
    clean,
  );
}

export function readGroup(
  element: XmlElement,
  scope: IdScope,
  source = element,
  strings: SharedStrings = new Map(),
): Group {
  const id = idOf(element, scope, 'group');
  const contacts = firstChildElement(element, N.contacts);
  const contactIds = new Set<string>();
  if (contacts !== undefined) {
    for (const child of contacts.children) {
      if (child.type !== 'element' || child.name.local !== 'contact_id' || child.name.ns !== N.contactId.ns) continue;
      const contactId = textContent(child).trim();
      if (contactId.length > 0) contactIds.add(contactId);
    }
  }
  return pristineIf<Group>(
    {
      id,
      name: text(element, N.name, false),
      contactIds: [...contactIds],
      attributes: bagOf(element, N.sipsimpleAttributes, N.sipsimpleAttribute, strings),
      blinkAttributes: bagOf(element, N.blinkAttributes, N.blinkAttribute, strings),
      source,
    },
    element,
  );
}

export function readPolicy(
  element: XmlElement,
  scope: IdScope,
  source = element,
  strings: SharedStrings = new Map(),
): PolicyElement {
  return pristineIf<PolicyElement>(
    {
      id: idOf(element, scope, 'policy'),
      uri: decodeAnyUri(attributeValue(element, 'uri') ?? ''),
      name: text(element, N.name, false),
      presence: handlingOf(element, N.presence),
      dialog: handlingOf(element, N.dialog),
      attributes: bagOf(element, N.sipsimpleAttributes, N.sipsimpleAttribute, strings),
      blinkAttributes: bagOf(element, N.blinkAttributes, N.blinkAttribute, strings),
      source,
    },
    element,
  );
}
