import {
  attributeValue,
  DEFAULT_XML_LIMITS,
  type HollowOptions,
  parseXml,
  type SkimInput,
  type XmlAttribute,
  type XmlElement,
  type XmlElementHead,
  XmlError,
  type XmlLimits,
} from '@simplekit/xml';
import { ListNames } from '../derive/locations.js';
import { ContactsParseError } from '../errors.js';
import type { AddressBook, Contact, Group, PolicyElement } from '../model/types.js';
import { rememberSummary, summarize } from './list-summary.js';
import { N } from './names.js';
import { type IdScope, readContact, readGroup, readPolicy, type SharedStrings } from './read-items.js';
import { emptySkimMemo, type SkimMemo, skimItem } from './skim-items.js';
import { skimDerivedList } from './skim-lists.js';

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
  /**
   * Read items in Blink's own shape straight from the text (default `true`); `false` reads every item through its
   * element tree. Both give the same book; the option exists so that tests can compare them.
   */
  readonly skim?: boolean;
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
export function parseResourceListsRoot(
  xml: string | Uint8Array,
  options: ReadAddressBookOptions = {},
  hollow?: HollowOptions,
): XmlElement {
  let root: XmlElement;
  try {
    root = parseXml(xml, {
      ignoreWhitespace: true,
      limits: { ...ADDRESS_BOOK_XML_LIMITS, ...options.limits },
      ...(hollow === undefined ? {} : { hollow }),
    });
  } catch (cause) {
    if (!(cause instanceof XmlError)) throw cause;
    throw new ContactsParseError(`resource-lists: ${cause.code}: ${cause.message}`, { cause });
  }
  if (root.name.local !== N.resourceLists.local || root.name.ns !== N.resourceLists.ns) {
    throw new ContactsParseError(`resource-lists: unexpected root {${root.name.ns ?? ''}}${root.name.local}`);
  }
  return root;
}

/** The lists derived from the address book (see `write-resource-lists.ts`). */
const DERIVED: ReadonlySet<string> = new Set([
  ListNames.presenceGranted,
  ListNames.presenceBlocked,
  ListNames.dialogGranted,
  ListNames.dialogBlocked,
  ListNames.presenceRls,
  ListNames.dialogRls,
]);

/** The items of one address-book list as read, in document order. */
interface ListItems {
  readonly groups: Map<string, Group>;
  readonly contacts: Map<string, Contact>;
  readonly policies: Map<string, PolicyElement>;
  readonly scopes: Record<'group' | 'contact' | 'policy', IdScope>;
  readonly strings: SharedStrings;
  readonly memo: SkimMemo;
}

function emptyItems(): ListItems {
  return {
    groups: new Map(),
    contacts: new Map(),
    policies: new Map(),
    scopes: {
      group: { taken: new Set(), position: 0 },
      contact: { taken: new Set(), position: 0 },
      policy: { taken: new Set(), position: 0 },
    },
    strings: new Map(),
    memo: emptySkimMemo(),
  };
}

/**
 * Reads the address book from a resource-lists document (Blink's `sipsimple_addressbook` list). `null`, `undefined`
 * or an empty string stand for an empty server (404). Missing ids are generated (stably); group members that name
 * no contact are dropped, as Blink does. Everything else in the document is kept in `book.document` and written
 * back by {@link deriveDocuments}.
 *
 * Items are read while the document is parsed and kept as hollow elements (`@simplekit/xml`): the book holds
 * their model and where their text is, not their element trees, and an item that is not edited is written back as
 * the text it was read from.
 */
export function readAddressBook(
  xml: string | Uint8Array | null | undefined,
  options: ReadAddressBookOptions = {},
): AddressBook {
  if (xml === null || xml === undefined || xml.length === 0) {
    return { groups: new Map(), contacts: new Map(), policies: new Map() };
  }
  // Items of every top-level list named like the address book, by that list's attributes (the same array object
  // ends up on the list element, which identifies the list once the tree is complete).
  const byList = new Map<readonly XmlAttribute[], ListItems>();
  const isList = (head: XmlElementHead): boolean => head.name.local === N.list.local && head.name.ns === N.list.ns;
  const listName = (head: XmlElementHead): string | undefined =>
    head.attributes.find((a) => a.ns === null && a.local === 'name')?.value;
  // Top-level lists are kept hollow (other clients' lists and the derived ones, which are written back as read
  // when the book still derives the same entries); inside the address book list, its items are.
  const descend = (element: XmlElementHead, parent: XmlElementHead | undefined): boolean =>
    parent !== undefined && isList(element) && listName(element) === ListNames.addressBook;
  const itemsOf = (parent: XmlElementHead): ListItems => {
    let items = byList.get(parent.attributes);
    if (items === undefined) {
      items = emptyItems();
      byList.set(parent.attributes, items);
    }
    return items;
  };
  // Offered every element at the hollow depth: the address book's items, and the derived lists' entries, are read
  // from the text when they can be.
  const skim = (input: SkimInput) => {
    if (isList(input.parent)) return skimItem(input, itemsOf(input.parent));
    return skimDerivedList(input, DERIVED);
  };
  const visit = (full: XmlElement, element: XmlElement, parent: XmlElementHead): void => {
    if (isList(full)) {
      const name = listName(full);
      if (name !== undefined && DERIVED.has(name) && element !== full) rememberSummary(element, summarize(full));
      return;
    }
    if (full.name.ns !== N.contact.ns || !isList(parent)) return;
    const items = itemsOf(parent);
    if (full.name.local === 'contact') {
      const contact = readContact(full, items.scopes.contact, element, items.strings);
      items.contacts.set(contact.id, contact);
    } else if (full.name.local === 'group') {
      const group = readGroup(full, items.scopes.group, element, items.strings);
      items.groups.set(group.id, group);
    } else if (full.name.local === 'policy-element') {
      const policy = readPolicy(full, items.scopes.policy, element, items.strings);
      items.policies.set(policy.id, policy);
    }
  };
  const root = parseResourceListsRoot(
    xml,
    options,
    options.skim === false ? { depth: 2, descend, visit } : { depth: 2, descend, visit, skim },
  );
  const list = topList(root, ListNames.addressBook);
  const { groups, contacts, policies } = (list === undefined ? undefined : byList.get(list.attributes)) ?? emptyItems();
  for (const group of groups.values()) {
    if (group.contactIds.every((id) => contacts.has(id))) continue;
    groups.set(group.id, { ...group, contactIds: group.contactIds.filter((id) => contacts.has(id)) });
  }
  return { groups, contacts, policies, document: root };
}
