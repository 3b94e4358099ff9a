import type { AnyUriStyle } from '@simplekit/xcap';
import {
  attributeValue,
  qname,
  type XmlElement,
  type XmlNamespaceDeclaration,
  type XmlNode,
  xmlAttribute,
  xmlElement,
} from '@simplekit/xml';
import type { DerivedAddressLists } from '../derive/lists.js';
import { type AccountLocation, ListNames, listUrl } from '../derive/locations.js';
import type { AddressBook } from '../model/types.js';
import { entryUri, listSummary } from './list-summary.js';
import { N, PREFERRED_PREFIXES, prefixFor, RL, type WriteContext } from './names.js';
import { contactElement, groupElement, policyElement, uriText } from './write-items.js';

function newList(ctx: WriteContext, name: string, children: XmlNode[]): XmlElement {
  return xmlElement(N.list, {
    prefix: prefixFor(ctx, N.list),
    attributes: [xmlAttribute(qname(null, 'name'), name)],
    children,
  });
}

/** Items by the element they were read from. */
function bySource<T extends { source?: XmlElement | undefined }>(items: Iterable<T>): Map<XmlElement, T> {
  const out = new Map<XmlElement, T>();
  for (const item of items) if (item.source !== undefined) out.set(item.source, item);
  return out;
}

/** The `sipsimple_addressbook` list: items in place, removed ones gone, new ones appended, foreign content kept. */
function addressBookList(book: AddressBook, source: XmlElement | undefined, ctx: WriteContext): XmlElement {
  const groups = bySource(book.groups.values());
  const contacts = bySource(book.contacts.values());
  const policies = bySource(book.policies.values());
  const written = new Set<object>();
  const children: XmlNode[] = [];
  for (const child of source?.children ?? []) {
    if (child.type === 'element' && child.name.ns === N.contact.ns) {
      const contact = contacts.get(child);
      if (contact !== undefined) {
        written.add(contact);
        children.push(contactElement(contact, ctx));
        continue;
      }
      const group = groups.get(child);
      if (group !== undefined) {
        written.add(group);
        children.push(groupElement(group, ctx));
        continue;
      }
      const policy = policies.get(child);
      if (policy !== undefined) {
        written.add(policy);
        children.push(policyElement(policy, ctx));
        continue;
      }
      // An address-book item the book no longer holds was removed; other address-book markup is kept.
      if (['contact', 'group', 'policy-element'].includes(child.name.local)) continue;
    }
    children.push(child);
  }
  for (const group of book.groups.values()) if (!written.has(group)) children.push(groupElement(group, ctx));
  for (const contact of book.contacts.values()) if (!written.has(contact)) children.push(contactElement(contact, ctx));
  for (const policy of book.policies.values()) if (!written.has(policy)) children.push(policyElement(policy, ctx));
  return source === undefined ? newList(ctx, ListNames.addressBook, children) : { ...source, children };
}

/**
 * A derived list (granted, blocked, subscribe). Left exactly as it is when it already holds the derived URIs (Blink
 * compares sets too); otherwise entries that stay keep their element (display-name, foreign attributes), missing
 * ones are appended. Other resource-lists content (`external`, `entry-ref`, nested lists) is normalised away, as
 * Blink does; elements of other namespaces stay.
 */
function derivedList(name: string, uris: readonly string[], source: XmlElement | undefined, ctx: WriteContext) {
  const wanted = new Set(uris);
  if (source !== undefined) {
    const { uris: present, clean } = listSummary(source);
    if (clean && present.size === wanted.size && uris.every((u) => present.has(u))) return source;
  }
  const children: XmlNode[] = [];
  const kept = new Set<string>();
  for (const child of source?.children ?? []) {
    const uri = entryUri(child);
    if (uri !== undefined) {
      if (wanted.has(uri) && !kept.has(uri)) {
        kept.add(uri);
        children.push(child);
      }
    } else if (child.type !== 'element' || child.name.ns !== RL || child.name.local === 'display-name') {
      children.push(child);
    }
  }
  for (const uri of uris) {
    if (kept.has(uri)) continue;
    children.push(
      xmlElement(N.entry, {
        prefix: prefixFor(ctx, N.entry),
        attributes: [xmlAttribute(qname(null, 'uri'), uriText(uri, ctx.uris))],
      }),
    );
  }
  return source === undefined ? newList(ctx, name, children) : { ...source, children };
}

function allContactsList(location: AccountLocation, ctx: WriteContext): XmlElement {
  const anchors = [ListNames.buddies, ListNames.presenceGranted, ListNames.presenceBlocked];
  return newList(
    ctx,
    ListNames.all,
    anchors.map((name) =>
      xmlElement(N.external, {
        prefix: prefixFor(ctx, N.external),
        attributes: [xmlAttribute(qname(null, 'anchor'), uriText(listUrl(location, name), ctx.uris))],
      }),
    ),
  );
}

/**
 * Root declarations and the prefix new elements use per namespace: the document's own bindings on its root, else
 * Blink's prefixes (declared on the root when free).
 */
function rootBindings(source: XmlElement | undefined): {
  namespaces: XmlNamespaceDeclaration[];
  prefixes: Record<string, string | null>;
} {
  const namespaces = [...(source?.namespaces ?? [])];
  const prefixes: Record<string, string | null> = {};
  for (const [uri, preferred] of Object.entries(PREFERRED_PREFIXES)) {
    const declared = namespaces.find((d) => d.uri === uri);
    if (declared !== undefined) {
      prefixes[uri] = declared.prefix;
    } else if (!namespaces.some((d) => d.prefix === preferred)) {
      namespaces.push({ prefix: preferred, uri });
      prefixes[uri] = preferred;
    }
  }
  return { namespaces, prefixes };
}

/**
 * The whole resource-lists document as a tree: the address book and the six derived lists rewritten, every other
 * list and element kept, missing lists added in Blink's order.
 */
export function resourceListsTree(
  book: AddressBook,
  location: AccountLocation,
  lists: DerivedAddressLists,
  style: AnyUriStyle,
): XmlElement {
  const source = book.document;
  const { namespaces, prefixes } = rootBindings(source);
  const ctx: WriteContext = { uris: style, prefixes };
  const derived = new Map<string, readonly string[]>([
    [ListNames.presenceGranted, lists.presence.granted],
    [ListNames.presenceBlocked, lists.presence.blocked],
    [ListNames.dialogGranted, lists.dialog.granted],
    [ListNames.dialogBlocked, lists.dialog.blocked],
    [ListNames.presenceRls, lists.presence.subscribe],
    [ListNames.dialogRls, lists.dialog.subscribe],
  ]);
  const seen = new Set<string>();
  const children: XmlNode[] = [];
  for (const child of source?.children ?? []) {
    const name =
      child.type === 'element' && child.name.local === 'list' && child.name.ns === RL && attributeValue(child, 'name');
    if (child.type !== 'element' || typeof name !== 'string' || seen.has(name)) {
      children.push(child);
      continue;
    }
    seen.add(name);
    const uris = derived.get(name);
    if (name === ListNames.addressBook) children.push(addressBookList(book, child, ctx));
    else if (uris !== undefined) children.push(derivedList(name, uris, child, ctx));
    else children.push(child);
  }
  // python-sipsimple creates missing lists in this order.
  const order = [
    ListNames.buddies,
    ListNames.presenceGranted,
    ListNames.presenceBlocked,
    ListNames.all,
    ListNames.dialogGranted,
    ListNames.dialogBlocked,
    ListNames.presenceRls,
    ListNames.dialogRls,
    ListNames.addressBook,
  ];
  for (const name of order) {
    if (seen.has(name)) continue;
    const uris = derived.get(name);
    if (name === ListNames.addressBook) children.push(addressBookList(book, undefined, ctx));
    else if (name === ListNames.all) children.push(allContactsList(location, ctx));
    else children.push(uris === undefined ? newList(ctx, name, []) : derivedList(name, uris, undefined, ctx));
  }
  return xmlElement(N.resourceLists, {
    prefix: source === undefined ? 'rl' : source.prefix,
    namespaces,
    attributes: source?.attributes ?? [],
    children,
  });
}
