import type { AccountEdit } from '../state/edits.js';
import type { AccountHealth, Health } from '../state/types.js';

/** Typed events that come with snapshots and say what happened, for logs, notifications and the CLI. */
export type AccountEvent =
  | { readonly type: 'started' }
  | { readonly type: 'stopped' }
  | { readonly type: 'health'; readonly component: keyof AccountHealth; readonly health: Health }
  /** The address book (contacts, groups, policies) changed. */
  | { readonly type: 'address-book'; readonly source: 'local-edit' | 'server' }
  | { readonly type: 'presence'; readonly uris: readonly string[] }
  | { readonly type: 'watchers' }
  | { readonly type: 'own' }
  | { readonly type: 'edit-recorded'; readonly seq: number; readonly op: AccountEdit['op'] }
  | {
      readonly type: 'synced';
      readonly written: readonly string[];
      readonly acknowledged: readonly number[];
      /** 412s met (another device wrote in between); each meant a refetch and a replay of the journal. */
      readonly preconditionFailures: number;
      /** Conflicts the three-way merge settled. */
      readonly conflicts: number;
    }
  | { readonly type: 'contact-icon'; readonly uri: string; readonly url: string }
  /** Something failed that the engine handles (retry, ignore); `context` says where. */
  | { readonly type: 'problem'; readonly context: string; readonly error: Error };
