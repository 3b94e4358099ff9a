import type { JournalOp } from '@simplekit/contacts-model';
import type { OfflineStatus } from './types.js';

/**
 * An edit the user made, as recorded in the journal and replayed on every fetch. Address-book edits are
 * `@simplekit/contacts-model` journal operations (one user command may produce several); they are replayed on the
 * freshly fetched document through its three-way merge. Icon and offline-status edits state the document they want.
 */
export type AccountEdit =
  | { readonly op: 'address-book'; readonly ops: readonly JournalOp[] }
  /** The user icon (pres-content); `data` is base64, `undefined` removes the icon. */
  | { readonly op: 'set-icon'; readonly mimeType: string; readonly data: string | undefined; readonly hash: string }
  | { readonly op: 'set-offline-status'; readonly offline: OfflineStatus | undefined };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks an edit read back from the journal: the kind is known and its fields have the right types. The journal is
 * our own file, so this guards against corruption and version skew, not against an attacker; contacts-model's
 * replay treats operations whose targets are gone as no-ops.
 */
export function validateEdit(value: unknown): AccountEdit {
  if (!isRecord(value)) throw new TypeError('not an account edit');
  switch (value.op) {
    case 'address-book':
      if (!Array.isArray(value.ops) || !value.ops.every((o) => isRecord(o) && typeof o.op === 'string')) {
        throw new TypeError('address-book: expected an array of journal operations');
      }
      return value as AccountEdit;
    case 'set-icon':
      if (typeof value.mimeType !== 'string' || typeof value.hash !== 'string') {
        throw new TypeError('set-icon: expected mimeType and hash');
      }
      if (value.data !== undefined && typeof value.data !== 'string') throw new TypeError('set-icon: bad data');
      return value as AccountEdit;
    case 'set-offline-status': {
      const offline = value.offline;
      if (offline !== undefined && !(isRecord(offline) && typeof offline.note === 'string')) {
        throw new TypeError('set-offline-status: bad offline status');
      }
      return value as AccountEdit;
    }
    default:
      throw new TypeError('not an account edit');
  }
}
