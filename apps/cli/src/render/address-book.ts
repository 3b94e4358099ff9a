import type { AddressBook, Attributes, Contact, EventHandling } from '@simplekit/contacts-model';
import type { Style } from '../frame/style.js';

function attributes(bag: Attributes): Record<string, string | null> | undefined {
  return bag.length === 0 ? undefined : Object.fromEntries(bag.map((a) => [a.name, a.value]));
}

function handling(h: EventHandling): { policy: string; subscribe: boolean } {
  return { policy: h.policy, subscribe: h.subscribe };
}

/** A contact as JSON: the address book fields, without the XML it was read from. */
export function contactJson(contact: Contact): Record<string, unknown> {
  return {
    id: contact.id,
    name: contact.name,
    uris: contact.uris.map((u) => ({ id: u.id, uri: u.uri, type: u.type, default: u.id === contact.defaultUri })),
    presence: handling(contact.presence),
    dialog: handling(contact.dialog),
    attributes: attributes(contact.attributes),
  };
}

/** The address book as JSON: groups, contacts and policy elements in document order. */
export function addressBookJson(book: AddressBook): Record<string, unknown> {
  return {
    groups: [...book.groups.values()].map((g) => ({ id: g.id, name: g.name, contactIds: g.contactIds })),
    contacts: [...book.contacts.values()].map(contactJson),
    policies: [...book.policies.values()].map((p) => ({
      id: p.id,
      uri: p.uri,
      name: p.name,
      presence: handling(p.presence),
      dialog: handling(p.dialog),
    })),
  };
}

/** The two presence switches as the desktop app shows them: subscribe to them, allow them to see me. */
export function switchesLabel(presence: EventHandling, style: Style): string {
  const subscribe = presence.subscribe ? style.green('subscribe') : style.dim('no-subscribe');
  const policy =
    presence.policy === 'allow'
      ? style.green('allow')
      : presence.policy === 'block'
        ? style.red('block')
        : style.dim('default');
  return `${subscribe} ${policy}`;
}

export function contactLines(contact: Contact, style: Style, indent = ''): string[] {
  const lines = [
    `${indent}${style.bold(contact.name || '(no name)')}  ${switchesLabel(contact.presence, style)}  ${style.dim(`#${contact.id}`)}`,
  ];
  for (const uri of contact.uris) {
    const mark = uri.id === contact.defaultUri ? '*' : ' ';
    lines.push(`${indent}  ${mark} ${uri.uri}${uri.type ? style.dim(` (${uri.type})`) : ''}`);
  }
  return lines;
}

/** The address book by group, then the contacts in no group, then the policy elements. */
export function renderAddressBook(book: AddressBook, style: Style): string[] {
  const lines: string[] = [];
  const grouped = new Set<string>();
  for (const group of book.groups.values()) {
    lines.push(`${style.bold(`group ${group.name}`)} ${style.dim(`#${group.id}`)}`);
    for (const id of group.contactIds) {
      const contact = book.contacts.get(id);
      if (contact === undefined) continue;
      grouped.add(id);
      lines.push(...contactLines(contact, style, '  '));
    }
  }
  const loose = [...book.contacts.values()].filter((c) => !grouped.has(c.id));
  if (loose.length > 0) {
    lines.push(style.bold('no group'));
    for (const contact of loose) lines.push(...contactLines(contact, style, '  '));
  }
  if (book.policies.size > 0) {
    lines.push(style.bold('policies (addresses that are not contacts)'));
    for (const p of book.policies.values()) {
      lines.push(`  ${p.uri}${p.name ? ` "${p.name}"` : ''}  ${switchesLabel(p.presence, style)}`);
    }
  }
  return lines;
}
