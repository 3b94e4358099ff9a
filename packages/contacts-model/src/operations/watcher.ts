import { policyData } from '../journal/data.js';
import type { JournalOp } from '../journal/ops.js';
import { addressKey as addressKeyOf, sameAddress } from '../model/address.js';
import type { AddressBook, Contact, PolicyElement, PolicyValue } from '../model/types.js';
import { DEFAULT_HANDLING } from '../model/types.js';
import { checkText, checkUri, commit, newItemId, type OperationResult } from './result.js';

function contactsFor(book: AddressBook, uri: string): Contact[] {
  return [...book.contacts.values()].filter((c) => c.uris.some((u) => sameAddress(u.uri, uri)));
}

function policiesFor(book: AddressBook, uri: string): PolicyElement[] {
  return [...book.policies.values()].filter((p) => sameAddress(p.uri, uri));
}

/**
 * Records a presence decision for a watcher. Contacts carrying the address get the presence policy; otherwise a
 * policy element holds it (Blink does the same: a decision about a non-contact is a `<policy-element>`).
 */
function decide(book: AddressBook, uri: string, policy: PolicyValue, name: string | undefined): OperationResult {
  checkUri(uri, 'watcher');
  const ops: JournalOp[] = [];
  const contacts = contactsFor(book, uri);
  for (const contact of contacts) {
    if (contact.presence.policy !== policy) {
      ops.push({ op: 'update-contact', id: contact.id, changes: { presencePolicy: policy } });
    }
  }
  if (contacts.length === 0) {
    const policies = policiesFor(book, uri);
    for (const element of policies) {
      if (element.presence.policy !== policy) {
        ops.push({ op: 'update-policy', id: element.id, changes: { presencePolicy: policy } });
      }
    }
    if (policies.length === 0) {
      const element: PolicyElement = {
        id: newItemId(),
        uri,
        name: checkText(name ?? '', 'policy element name'),
        presence: { policy, subscribe: false },
        dialog: DEFAULT_HANDLING,
        attributes: [],
        blinkAttributes: [],
      };
      ops.push({ op: 'add-policy', policy: policyData(element) });
    }
  }
  return commit(book, ops);
}

/** Allows a watcher (a pending "New Contact Request"): it lands in the granted list. */
export function allowWatcher(book: AddressBook, uri: string, options: { name?: string } = {}): OperationResult {
  return decide(book, uri, 'allow', options.name);
}

/**
 * Blocks a watcher: it lands in the blocked list, which pres-rules answer with `polite-block` (the watcher sees us
 * offline rather than refused), and in the Blocked group of the UI ({@link blockedItems}).
 */
export function blockWatcher(book: AddressBook, uri: string, options: { name?: string } = {}): OperationResult {
  return decide(book, uri, 'block', options.name);
}

/** Denies a pending request. Blink's UI records a denial as a block (polite-block), so this is {@link blockWatcher}. */
export function denyWatcher(book: AddressBook, uri: string, options: { name?: string } = {}): OperationResult {
  return decide(book, uri, 'block', options.name);
}

/**
 * Undoes a block: contacts go back to the `default` policy; policy elements that only held the block are removed,
 * others get `default`. The watcher will be asked about again (pres-rules `wp_prs_unlisted` → confirm).
 */
export function unblockWatcher(book: AddressBook, uri: string): OperationResult {
  const ops: JournalOp[] = [];
  for (const contact of contactsFor(book, uri)) {
    if (contact.presence.policy === 'block') {
      ops.push({ op: 'update-contact', id: contact.id, changes: { presencePolicy: 'default' } });
    }
  }
  for (const element of policiesFor(book, uri)) {
    if (element.presence.policy !== 'block') continue;
    const onlyBlock =
      element.dialog.policy === 'default' &&
      !element.dialog.subscribe &&
      !element.presence.subscribe &&
      element.attributes.length === 0 &&
      element.blinkAttributes.length === 0;
    ops.push(
      onlyBlock
        ? { op: 'remove-policy', id: element.id }
        : { op: 'update-policy', id: element.id, changes: { presencePolicy: 'default' } },
    );
  }
  return commit(book, ops);
}

/** The Blocked group of the UI: contacts and policy elements whose presence policy is `block`. */
export function blockedItems(book: AddressBook): { contacts: Contact[]; policies: PolicyElement[] } {
  return {
    contacts: [...book.contacts.values()].filter((c) => c.presence.policy === 'block'),
    policies: [...book.policies.values()].filter((p) => p.presence.policy === 'block'),
  };
}

/**
 * The "New Contact Requests" group: watchers (from presence.winfo, RFC 3857/3858) about whom the book holds no
 * decision — no contact or policy element with `allow` or `block` for their address.
 */
export function pendingWatchers(book: AddressBook, watcherUris: readonly string[]): string[] {
  const decided = new Set<string>();
  for (const contact of book.contacts.values()) {
    if (contact.presence.policy === 'default') continue;
    for (const uri of contact.uris) decided.add(addressKeyOf(uri.uri));
  }
  for (const policy of book.policies.values()) {
    if (policy.presence.policy !== 'default') decided.add(addressKeyOf(policy.uri));
  }
  return watcherUris.filter((uri) => !decided.has(addressKeyOf(uri)));
}
