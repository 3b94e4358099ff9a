import type { AccountSnapshot, BlockedEntry, Contact, Watcher } from '@simplekit/account';

/** One section of the contact list, in display order. */
export type Section =
  | { readonly kind: 'requests'; readonly key: string; readonly title: string; readonly watchers: readonly Watcher[] }
  | {
      readonly kind: 'group';
      readonly key: string;
      readonly title: string;
      readonly groupId: string | null;
      readonly contacts: readonly Contact[];
    }
  | {
      readonly kind: 'blocked';
      readonly key: string;
      readonly title: string;
      readonly entries: readonly { readonly entry: BlockedEntry; readonly contact?: Contact }[];
    };

const byName = (a: Contact, b: Contact) => a.name.localeCompare(b.name);

/**
 * Blink's contact list: "New Contact Requests" on top, then the groups of the address book, contacts in no group
 * under "Contacts", and "Blocked" last. Blocked contacts show only under Blocked.
 */
export function contactSections(snapshot: AccountSnapshot): readonly Section[] {
  const sections: Section[] = [];
  if (snapshot.newContactRequests.length > 0) {
    sections.push({
      kind: 'requests',
      key: 'requests',
      title: 'New Contact Requests',
      watchers: snapshot.newContactRequests,
    });
  }
  const blockedIds = new Set(snapshot.blocked.flatMap((b) => (b.contactId === undefined ? [] : [b.contactId])));
  const visible = snapshot.contacts.filter((c) => !blockedIds.has(c.id));
  const byId = new Map(snapshot.contacts.map((c) => [c.id, c]));
  const grouped = new Set<string>();
  for (const group of [...snapshot.groups].sort((a, b) => a.name.localeCompare(b.name))) {
    const members = group.contactIds.flatMap((id) => {
      const c = byId.get(id);
      return c === undefined || blockedIds.has(id) ? [] : [c];
    });
    for (const m of members) grouped.add(m.id);
    sections.push({
      kind: 'group',
      key: `group:${group.id}`,
      title: group.name,
      groupId: group.id,
      contacts: members.sort(byName),
    });
  }
  const loose = visible.filter((c) => !grouped.has(c.id)).sort(byName);
  if (loose.length > 0 || snapshot.groups.length === 0) {
    sections.push({ kind: 'group', key: 'ungrouped', title: 'Contacts', groupId: null, contacts: loose });
  }
  if (snapshot.blocked.length > 0) {
    sections.push({
      kind: 'blocked',
      key: 'blocked',
      title: 'Blocked',
      entries: snapshot.blocked.map((entry) => {
        const contact = entry.contactId === undefined ? undefined : byId.get(entry.contactId);
        return contact === undefined ? { entry } : { entry, contact };
      }),
    });
  }
  return sections;
}

/** The icon of a contact: the first of its addresses whose published icon the host has fetched. */
export function contactIconOf(contact: Contact, icons: Readonly<Record<string, string>>): string | undefined {
  for (const view of contact.live.byUri) {
    const icon = icons[view.uri];
    if (icon !== undefined) return icon;
  }
  for (const u of contact.uris) {
    const icon = icons[u.uri];
    if (icon !== undefined) return icon;
  }
  return undefined;
}
