import type { AttributeChange } from '../model/attributes.js';
import type { Attributes, EventHandling, PolicyValue } from '../model/types.js';

/** A URI as journal operations carry it: plain, JSON-serialisable data. */
export interface ContactUriData {
  readonly id: string;
  readonly uri: string;
  readonly type: string | null;
  readonly attributes: Attributes;
  readonly blinkAttributes: Attributes;
}

export interface ContactData {
  readonly id: string;
  readonly name: string;
  readonly uris: readonly ContactUriData[];
  readonly defaultUri: string | null;
  readonly presence: EventHandling;
  readonly dialog: EventHandling;
  readonly attributes: Attributes;
  readonly blinkAttributes: Attributes;
}

export interface GroupData {
  readonly id: string;
  readonly name: string;
  readonly contactIds: readonly string[];
  readonly attributes: Attributes;
  readonly blinkAttributes: Attributes;
}

export interface PolicyData {
  readonly id: string;
  readonly uri: string;
  readonly name: string;
  readonly presence: EventHandling;
  readonly dialog: EventHandling;
  readonly attributes: Attributes;
  readonly blinkAttributes: Attributes;
}

/** Fields of `<presence>` / `<dialog>` as separate journal fields, so that policy and subscribe merge apart. */
export interface HandlingChanges {
  readonly presencePolicy?: PolicyValue;
  readonly presenceSubscribe?: boolean;
  readonly dialogPolicy?: PolicyValue;
  readonly dialogSubscribe?: boolean;
}

export interface BagChanges {
  readonly attributes?: readonly AttributeChange[];
  readonly blinkAttributes?: readonly AttributeChange[];
}

export interface ContactChanges extends HandlingChanges, BagChanges {
  readonly name?: string;
  readonly defaultUri?: string | null;
}

export interface ContactUriChanges extends BagChanges {
  readonly uri?: string;
  readonly type?: string | null;
}

export interface GroupChanges extends BagChanges {
  readonly name?: string;
}

export interface PolicyChanges extends HandlingChanges, BagChanges {
  readonly uri?: string;
  readonly name?: string;
}

/**
 * One journalled edit (Blink keeps the same kinds: add/update/remove contact, URI, group, member, policy). Updates
 * carry only the fields that changed; replaying them on a newer document changes nothing else. Every operation is
 * plain JSON, so a journal can be persisted and replayed after a restart.
 */
export type JournalOp =
  | { readonly op: 'add-contact'; readonly contact: ContactData }
  | { readonly op: 'update-contact'; readonly id: string; readonly changes: ContactChanges }
  | { readonly op: 'remove-contact'; readonly id: string }
  | { readonly op: 'add-uri'; readonly contactId: string; readonly uri: ContactUriData }
  | {
      readonly op: 'update-uri';
      readonly contactId: string;
      readonly id: string;
      readonly changes: ContactUriChanges;
    }
  | { readonly op: 'remove-uri'; readonly contactId: string; readonly id: string }
  | { readonly op: 'add-group'; readonly group: GroupData }
  | { readonly op: 'update-group'; readonly id: string; readonly changes: GroupChanges }
  | { readonly op: 'remove-group'; readonly id: string }
  | { readonly op: 'add-group-member'; readonly groupId: string; readonly contactId: string }
  | { readonly op: 'remove-group-member'; readonly groupId: string; readonly contactId: string }
  | { readonly op: 'add-policy'; readonly policy: PolicyData }
  | { readonly op: 'update-policy'; readonly id: string; readonly changes: PolicyChanges }
  | { readonly op: 'remove-policy'; readonly id: string };

export type JournalOpKind = JournalOp['op'];
