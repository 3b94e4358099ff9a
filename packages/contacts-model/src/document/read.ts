import {
  attributeValue,
  DEFAULT_XML_LIMITS,
  parseXml,
  type XmlElement,
  XmlError,
  type XmlLimits,
} from '@simplekit/xml';
import { ListNames } from '../derive/locations.js';
import { ContactsParseError } from '../errors.js';
import type { AddressBook, Contact, Group, PolicyElement } from '../model/types.js';
import { N } from './names.js';
import { type IdScope, readContact, readGroup, readPolicy } from './read-items.js';

/**
 * Limits for resource-lists documents: an address book of 10,000 contacts is about 150,000 elements and 6 MB, past
 * the XML layer's defaults for ordinary payloads.
 */
export const ADDRESS_BOOK_XML_LIMITS: XmlLimits = {
  ...DEFAULT_XML_LIMITS,
  maxBytes: 64 * 1024 * 1024,
  maxElements: 2_000_000,
};

export interface ReadAddressBookOptions {
  readonly limits?: Partial<XmlLimits>;
}

/** The top-level `<rl:list name="…">` of a resource-lists root. */
export function topList(root: XmlElement, name: string): XmlElement | undefined {
  for (const child of root.children) {
    if (child.type === 'element' && child.name.local === 'list' && child.name.ns === N.list.ns) {
      if (attributeValue(child, 'name') === name) return child;
    }
  }
  return undefined;
}

/** Parses resource-lists XML and checks the root; XML failures become `CONTACTS_PARSE`. */
export function parseResourceListsRoot(xml: string | Uint8Array, options: ReadAddressBookOptions = {}): XmlElement {
  let root: XmlElement;
  try {
    root = parseXml(xml, { ignoreWhitespace: true, limits: { ...ADDRESS_BOOK_XML_LIMITS, ...options.limits } });
  } catch (cause) {
    const detail = cause instanceof XmlError ? `${cause.code}: ${cause.message}` : 'unreadable XML';
    throw new ContactsParseError(`resource-lists: ${detail}`, { cause });
  }
  if (root.name.local !== N.resourceLists.local || root.name.ns !== N.resourceLists.ns) {
    throw new ContactsParseError(`resource-lists: unexpected root {${root.name.ns ?? ''}}${root.name.local}`);
  }
  return root;
}

/**
 * Reads the address book from a resource-lists document (Blink's `sipsimple_addressbook` list). `null`, `undefined`
 * or an empty string stand for an empty server (404). Missing ids are generated (stably); group members that name
 * no contact are dropped, as Blink does. Everything else in the document is kept in `book.document` and written
 * back by {@link deriveDocuments}.
 */
export function readAddressBook(
  xml: string | Uint8Array | null | undefined,
  options: ReadAddressBookOptions = {},
): AddressBook {
  if (xml === null || xml === undefined || xml.length === 0) {
    return { groups: new Map(), contacts: new Map(), policies: new Map() };
  }
  const root = parseResourceListsRoot(xml, options);
  const groups = new Map<string, Group>();
  const contacts = new Map<string, Contact>();
  const policies = new Map<string, PolicyElement>();
  const list = topList(root, ListNames.addressBook);
  if (list !== undefined) {
    const scopes: Record<'group' | 'contact' | 'policy', IdScope> = {
      group: { taken: new Set(), position: 0 },
      contact: { taken: new Set(), position: 0 },
      policy: { taken: new Set(), position: 0 },
    };
    for (const child of list.children) {
      if (child.type !== 'element' || child.name.ns !== N.contact.ns) continue;
      if (child.name.local === 'contact') {
        const contact = readContact(child, scopes.contact);
        contacts.set(contact.id, contact);
      } else if (child.name.local === 'group') {
        const group = readGroup(child, scopes.group);
        groups.set(group.id, group);
      } else if (child.name.local === 'policy-element') {
        const policy = readPolicy(child, scopes.policy);
        policies.set(policy.id, policy);
      }
    }
    for (const group of groups.values()) {
      if (group.contactIds.every((id) => contacts.has(id))) continue;
      groups.set(group.id, { ...group, contactIds: group.contactIds.filter((id) => contacts.has(id)) });
    }
  }
  return { groups, contacts, policies, document: root };
}
