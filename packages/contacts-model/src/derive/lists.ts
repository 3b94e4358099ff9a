import type { AddressBook } from '../model/types.js';
import { indexOf } from './index-cache.js';

/** The URI lists one event package derives (presence → `oma_*` lists, dialog → `dialog_*` lists). */
export interface DerivedLists {
  /** `oma_grantedcontacts` / `dialog_grantedcontacts`. */
  readonly granted: readonly string[];
  /** `oma_blockedcontacts` / `dialog_blockedcontacts`. */
  readonly blocked: readonly string[];
  /** `sipsimple_presence_rls` / `sipsimple_dialog_rls`. */
  readonly subscribe: readonly string[];
}

export interface DerivedAddressLists {
  readonly presence: DerivedLists;
  readonly dialog: DerivedLists;
}

type Event = 'presence' | 'dialog';

/**
 * Blink's derivation, as python-sipsimple computes it:
 * - granted = (URIs of contacts with `allow`, minus URIs of contacts with `block`) ∪ (URIs of policy elements with
 *   `allow`, minus those with `block`, minus every contact URI): a contact's decision beats a policy element's.
 * - blocked = URIs of contacts with `block` ∪ (policy-element URIs with `block` minus every contact URI).
 * - subscribe = URIs of contacts with `subscribe` ∪ (policy-element URIs with `subscribe` minus every contact URI).
 * Each list is sorted (code-unit order) so that every device derives the same bytes. Kept incrementally: after an
 * edit made through this package, only what the edit changed is recomputed.
 */
export function deriveEventLists(book: AddressBook, event: Event): DerivedLists {
  const index = indexOf(book)[event];
  index.shared = true;
  return { granted: index.lists.granted, blocked: index.lists.blocked, subscribe: index.lists.subscribe };
}

/** The same derivation in one pass over the book (the reference the incremental index is tested against). */
export function computeEventLists(book: AddressBook, event: Event): DerivedLists {
  const contactUris = new Set<string>();
  const contactAllow = new Set<string>();
  const contactBlock = new Set<string>();
  const contactSubscribe = new Set<string>();
  for (const contact of book.contacts.values()) {
    const handling = contact[event];
    for (const { uri } of contact.uris) {
      if (uri.length === 0) continue;
      contactUris.add(uri);
      if (handling.policy === 'allow') contactAllow.add(uri);
      else if (handling.policy === 'block') contactBlock.add(uri);
      if (handling.subscribe) contactSubscribe.add(uri);
    }
  }
  const policyAllow = new Set<string>();
  const policyBlock = new Set<string>();
  const policySubscribe = new Set<string>();
  for (const policy of book.policies.values()) {
    const handling = policy[event];
    if (policy.uri.length === 0) continue;
    if (handling.policy === 'allow') policyAllow.add(policy.uri);
    else if (handling.policy === 'block') policyBlock.add(policy.uri);
    if (handling.subscribe) policySubscribe.add(policy.uri);
  }
  const granted: string[] = [];
  for (const uri of contactAllow) if (!contactBlock.has(uri)) granted.push(uri);
  for (const uri of policyAllow) if (!policyBlock.has(uri) && !contactUris.has(uri)) granted.push(uri);
  const blocked = [...contactBlock];
  for (const uri of policyBlock) if (!contactUris.has(uri)) blocked.push(uri);
  const subscribe = [...contactSubscribe];
  for (const uri of policySubscribe) if (!contactUris.has(uri)) subscribe.push(uri);
  return { granted: sortUnique(granted), blocked: sortUnique(blocked), subscribe: sortUnique(subscribe) };
}

function sortUnique(uris: string[]): string[] {
  const unique = [...new Set(uris)];
  unique.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return unique;
}

/** The six derived lists of the resource-lists document. */
export function deriveLists(book: AddressBook): DerivedAddressLists {
  return { presence: deriveEventLists(book, 'presence'), dialog: deriveEventLists(book, 'dialog') };
}
