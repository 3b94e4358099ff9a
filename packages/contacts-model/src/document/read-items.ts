import { decodeAnyUri } from '@simplekit/xcap';
import {
  attributeValue,
  firstChildElement,
  type QName,
  serializeXml,
  textContent,
  type XmlElement,
} from '@simplekit/xml';
import type { Attribute, Contact, ContactUri, EventHandling, Group, PolicyElement } from '../model/types.js';
import { DEFAULT_HANDLING, isPolicyValue } from '../model/types.js';
import { N } from './names.js';
import { markPristine, pristineElement } from './pristine.js';
import { stableId } from './stable-id.js';

/** Ids already used per kind while one document is read. */
export interface IdScope {
  readonly taken: Set<string>;
  position: number;
}

/**
 * Marks the value pristine unless reading changed something (a generated id, a dropped duplicate). `source` is the
 * element kept for writing back: `element` itself, or the hollow element standing for it in the document tree.
 */
function pristineIf<T extends { id: string }>(value: T, element: XmlElement, clean = true, source = element): T {
  return clean && attributeValue(element, 'id') === value.id ? markPristine(value, source) : value;
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

function handlingOf(element: XmlElement, name: QName): EventHandling {
  const child = firstChildElement(element, name);
  if (child === undefined) return DEFAULT_HANDLING;
  const policy = text(child, N.policy);
  return {
    // Blink's schema allows only allow/block/default; anything else reads as default, as an absent policy would.
    policy: isPolicyValue(policy) ? policy : 'default',
    subscribe: booleanText(text(child, N.subscribe)),
  };
}

function bagOf(element: XmlElement, bag: QName, item: QName): Attribute[] {
  const container = firstChildElement(element, bag);
  if (container === undefined) return [];
  const out: Attribute[] = [];
  const seen = new Set<string>();
  for (const child of container.children) {
    if (child.type !== 'element' || child.name.local !== item.local || child.name.ns !== item.ns) continue;
    const name = attributeValue(child, 'name');
    if (name === undefined || seen.has(name)) continue;
    seen.add(name);
    const nil = attributeValue(child, 'nil');
    out.push({ name, value: nil === 'true' || nil === '1' ? null : textContent(child) });
  }
  return out;
}

function bags(element: XmlElement) {
  return {
    attributes: bagOf(element, N.sipsimpleAttributes, N.sipsimpleAttribute),
    blinkAttributes: bagOf(element, N.blinkAttributes, N.blinkAttribute),
  };
}

function readUri(element: XmlElement, scope: IdScope): ContactUri {
  const type = attributeValue(element, 'type');
  return pristineIf(
    {
      id: idOf(element, scope, 'uri'),
      uri: decodeAnyUri(attributeValue(element, 'uri') ?? ''),
      type: type ?? null,
      ...bags(element),
      source: element,
    },
    element,
  );
}

/** `element` is read; `source` (default: `element`) is what the book keeps and writes back. */
export function readContact(element: XmlElement, scope: IdScope, source = element): Contact {
  const id = idOf(element, scope, 'contact');
  const urisElement = firstChildElement(element, N.uris);
  const uris: ContactUri[] = [];
  const uriScope: IdScope = { taken: new Set(), position: 0 };
  if (urisElement !== undefined) {
    for (const child of urisElement.children) {
      if (child.type === 'element' && child.name.local === 'uri' && child.name.ns === N.uri.ns) {
        uris.push(readUri(child, uriScope));
      }
    }
  }
  return pristineIf(
    {
      id,
      name: text(element, N.name, false),
      uris,
      defaultUri: (urisElement && attributeValue(urisElement, 'default')) ?? null,
      presence: handlingOf(element, N.presence),
      dialog: handlingOf(element, N.dialog),
      ...bags(element),
      source,
    },
    element,
    uris.every((u) => pristineElement(u) !== undefined),
    source,
  );
}

export function readGroup(element: XmlElement, scope: IdScope, source = element): Group {
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
  return pristineIf(
    { id, name: text(element, N.name, false), contactIds: [...contactIds], ...bags(element), source },
    element,
    true,
    source,
  );
}

export function readPolicy(element: XmlElement, scope: IdScope, source = element): PolicyElement {
  return pristineIf(
    {
      id: idOf(element, scope, 'policy'),
      uri: decodeAnyUri(attributeValue(element, 'uri') ?? ''),
      name: text(element, N.name, false),
      presence: handlingOf(element, N.presence),
      dialog: handlingOf(element, N.dialog),
      ...bags(element),
      source,
    },
    element,
    true,
    source,
  );
}
