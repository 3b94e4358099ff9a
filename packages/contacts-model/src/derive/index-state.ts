import type { AddressBook, Contact, EventHandling, PolicyElement } from '../model/types.js';

// Counters per URI and event: contact allow / block / subscribe / any, policy-element allow / block / subscribe.
const C_ALLOW = 0;
const C_BLOCK = 1;
const C_SUB = 2;
const C_ANY = 3;
const P_ALLOW = 4;
const P_BLOCK = 5;
const P_SUB = 6;

type Counts = number[];
type ListName = 'granted' | 'blocked' | 'subscribe';

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const on = (counts: Counts, slot: number): boolean => (counts[slot] ?? 0) > 0;
const noContact = (counts: Counts): boolean => (counts[C_ANY] ?? 0) === 0;

// Blink's rules: a contact's own policy wins; policy elements decide only for addresses no contact has.
function granted(counts: Counts): boolean {
  return (
    (on(counts, C_ALLOW) && !on(counts, C_BLOCK)) || (noContact(counts) && on(counts, P_ALLOW) && !on(counts, P_BLOCK))
  );
}

function blocked(counts: Counts): boolean {
  return on(counts, C_BLOCK) || (noContact(counts) && on(counts, P_BLOCK));
}

function subscribed(counts: Counts): boolean {
  return on(counts, C_SUB) || (noContact(counts) && on(counts, P_SUB));
}

/** Counters a contact's handling adds to, by policy and subscribe flag. */
const CONTACT_SLOTS: Readonly<Record<EventHandling['policy'], readonly [readonly number[], readonly number[]]>> = {
  allow: [
    [C_ANY, C_ALLOW],
    [C_ANY, C_ALLOW, C_SUB],
  ],
  block: [
    [C_ANY, C_BLOCK],
    [C_ANY, C_BLOCK, C_SUB],
  ],
  default: [[C_ANY], [C_ANY, C_SUB]],
};

/** Index of `value` in sorted `list`, or where it would go (as `-(index + 1)`). */
function search(list: readonly string[], value: string): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = compare(list[mid] ?? '', value);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -(lo + 1);
}

/**
 * Blink's derivation (see `deriveEventLists`) kept as counters per URI, so that one edited contact updates the
 * sorted lists in O(its URIs · log n) instead of a pass over the whole book.
 */
class EventIndex {
  readonly counts = new Map<string, Counts>();
  lists: Record<ListName, string[]> = { granted: [], blocked: [], subscribe: [] };
  /** The lists were handed out: copy before the next change (they are immutable for their holders). */
  shared = false;

  private member(counts: Counts): Record<ListName, boolean> {
    return { granted: granted(counts), blocked: blocked(counts), subscribe: subscribed(counts) };
  }

  private bump(uri: string, slots: readonly number[], delta: number, track: boolean): void {
    let counts = this.counts.get(uri);
    if (counts === undefined) {
      counts = [0, 0, 0, 0, 0, 0, 0];
      this.counts.set(uri, counts);
    }
    const before = track ? this.member(counts) : undefined;
    for (const slot of slots) counts[slot] = (counts[slot] ?? 0) + delta;
    if (before !== undefined) {
      const after = this.member(counts);
      for (const name of ['granted', 'blocked', 'subscribe'] as const) {
        if (before[name] !== after[name]) this.toggle(name, uri, after[name]);
      }
    }
    // Only a decrement can bring every counter back to zero.
    if (delta < 0 && counts.every((n) => n === 0)) this.counts.delete(uri);
  }

  private toggle(name: ListName, uri: string, present: boolean): void {
    if (this.shared) {
      this.lists = {
        granted: [...this.lists.granted],
        blocked: [...this.lists.blocked],
        subscribe: [...this.lists.subscribe],
      };
      this.shared = false;
    }
    const list = this.lists[name];
    const at = search(list, uri);
    if (present && at < 0) list.splice(-(at + 1), 0, uri);
    else if (!present && at >= 0) list.splice(at, 1);
  }

  contact(handling: EventHandling, uris: readonly string[], delta: number, track: boolean): void {
    // A policy outside Blink's three (only from a hand-made journal) counts as `default`, as it always has.
    const slots = (CONTACT_SLOTS[handling.policy] ?? CONTACT_SLOTS.default)[handling.subscribe ? 1 : 0];
    for (const uri of uris) this.bump(uri, slots, delta, track);
  }

  policy(handling: EventHandling, uri: string, delta: number, track: boolean): void {
    const slots: number[] = [];
    if (handling.policy === 'allow') slots.push(P_ALLOW);
    else if (handling.policy === 'block') slots.push(P_BLOCK);
    if (handling.subscribe) slots.push(P_SUB);
    if (slots.length > 0) this.bump(uri, slots, delta, track);
  }

  /** Lists from scratch, after counting everything without tracking. */
  rebuild(): void {
    const lists: Record<ListName, string[]> = { granted: [], blocked: [], subscribe: [] };
    for (const [uri, counts] of this.counts) {
      if (granted(counts)) lists.granted.push(uri);
      if (blocked(counts)) lists.blocked.push(uri);
      if (subscribed(counts)) lists.subscribe.push(uri);
    }
    // The default order is by UTF-16 code units, which is `compare`'s.
    for (const list of Object.values(lists)) list.sort();
    this.lists = lists;
    this.shared = false;
  }
}

// An empty URI (a document that omitted the attribute) names nobody and is never listed.
function contactUris(contact: Contact): readonly string[] {
  const { uris } = contact;
  if (uris.length === 1) {
    const only = uris[0]?.uri ?? '';
    return only.length > 0 ? [only] : [];
  }
  return [...new Set(uris.map((u) => u.uri).filter((u) => u.length > 0))];
}

export class DerivationIndex {
  readonly presence = new EventIndex();
  readonly dialog = new EventIndex();

  static build(book: AddressBook): DerivationIndex {
    const index = new DerivationIndex();
    for (const contact of book.contacts.values()) index.contact(contact, 1, false);
    for (const policy of book.policies.values()) index.policy(policy, 1, false);
    index.presence.rebuild();
    index.dialog.rebuild();
    return index;
  }

  contact(contact: Contact, delta: number, track = true): void {
    const uris = contactUris(contact);
    this.presence.contact(contact.presence, uris, delta, track);
    this.dialog.contact(contact.dialog, uris, delta, track);
  }

  policy(policy: PolicyElement, delta: number, track = true): void {
    if (policy.uri.length === 0) return;
    this.presence.policy(policy.presence, policy.uri, delta, track);
    this.dialog.policy(policy.dialog, policy.uri, delta, track);
  }
}
