import type { ContactUri, OfflineStatus, PolicyValue, PresenceSwitches } from './types.js';

/**
 * An edit the user made, as recorded in the journal and replayed on every fetch. Each edit states the result it
 * wants (a field's new value, the presence of an element), never a delta, so that replaying it after a 412, after
 * another device's change, or twice after a crash yields the same document.
 */
export type AccountEdit =
  | {
      readonly op: 'addContact';
      readonly id: string;
      readonly name: string;
      readonly uris: readonly ContactUri[];
      readonly defaultUri?: string;
      readonly presence: PresenceSwitches;
      readonly groupIds: readonly string[];
    }
  | {
      readonly op: 'updateContact';
      readonly id: string;
      readonly name?: string;
      readonly uris?: readonly ContactUri[];
      readonly defaultUri?: string;
      readonly presence?: Partial<PresenceSwitches>;
      readonly attributes?: Readonly<Record<string, string | null>>;
    }
  | { readonly op: 'removeContact'; readonly id: string }
  | { readonly op: 'addGroup'; readonly id: string; readonly name: string }
  | { readonly op: 'renameGroup'; readonly id: string; readonly name: string }
  | { readonly op: 'removeGroup'; readonly id: string }
  | { readonly op: 'setGroupMember'; readonly groupId: string; readonly contactId: string; readonly member: boolean }
  /** A watcher decision: allow, block, or back to `default` (deny politely = remove the decision). */
  | { readonly op: 'setPolicy'; readonly uri: string; readonly policy: PolicyValue; readonly name?: string }
  /** The user icon (pres-content); `undefined` data removes it. */
  | { readonly op: 'setIcon'; readonly mimeType: string; readonly data: string | undefined; readonly hash: string }
  | { readonly op: 'setOfflineStatus'; readonly offline: OfflineStatus | undefined };

export type AddressBookEdit = Exclude<AccountEdit, { op: 'setIcon' } | { op: 'setOfflineStatus' }>;

export function isAddressBookEdit(edit: AccountEdit): edit is AddressBookEdit {
  return edit.op !== 'setIcon' && edit.op !== 'setOfflineStatus';
}

const OPS = new Set<AccountEdit['op']>([
  'addContact',
  'updateContact',
  'removeContact',
  'addGroup',
  'renameGroup',
  'removeGroup',
  'setGroupMember',
  'setPolicy',
  'setIcon',
  'setOfflineStatus',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks an edit read back from the journal: the op is known and its identifying fields have the right types. The
 * journal is our own file, so this guards against corruption and version skew, not against an attacker.
 */
export function validateEdit(value: unknown): AccountEdit {
  if (!isRecord(value) || typeof value.op !== 'string' || !OPS.has(value.op as AccountEdit['op'])) {
    throw new TypeError('not an account edit');
  }
  const stringFields: Record<AccountEdit['op'], readonly string[]> = {
    addContact: ['id', 'name'],
    updateContact: ['id'],
    removeContact: ['id'],
    addGroup: ['id', 'name'],
    renameGroup: ['id', 'name'],
    removeGroup: ['id'],
    setGroupMember: ['groupId', 'contactId'],
    setPolicy: ['uri', 'policy'],
    setIcon: ['mimeType', 'hash'],
    setOfflineStatus: [],
  };
  for (const field of stringFields[value.op as AccountEdit['op']]) {
    if (typeof value[field] !== 'string') throw new TypeError(`${value.op}.${field}: expected a string`);
  }
  if (value.op === 'addContact' && (!Array.isArray(value.uris) || !Array.isArray(value.groupIds))) {
    throw new TypeError('addContact: expected uris and groupIds arrays');
  }
  return value as AccountEdit;
}
