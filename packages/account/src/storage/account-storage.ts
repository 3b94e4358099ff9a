import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SimplekitDirectories } from '../config/directories.js';
import { AccountStorageError } from '../errors.js';
import { readFileIfExists, removeFile, restrictMode, writeFileAtomic } from './atomic-file.js';
import { parseStoredAccounts, type StoredAccount, serializeStoredAccounts } from './stored-accounts.js';

export interface WriteStateOptions {
  /** The content is a secret (credentials, tokens): the file is created mode 0600. */
  readonly secret?: boolean;
}

/**
 * One account's state area (`$XDG_STATE_HOME/simplekit/accounts/<id>/`): caches, the journal, the status history.
 * Names are relative paths of plain segments (`journal.json`, `xcap/resource-lists.xml`). Every write is atomic.
 */
export interface StateFiles {
  read(name: string): Promise<Uint8Array | undefined>;
  write(name: string, data: string | Uint8Array, options?: WriteStateOptions): Promise<void>;
  remove(name: string): Promise<void>;
}

/** Settings and state of every account. Injected into the engine so tests use private folders or memory. */
export interface AccountStorage {
  /** The accounts of `accounts.json` (mode 0600: it may hold passwords). */
  loadAccounts(): Promise<readonly StoredAccount[]>;
  saveAccounts(accounts: readonly StoredAccount[]): Promise<void>;
  stateOf(accountId: string): StateFiles;
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$/;

/** Checks a state file name so that no name can leave the account's folder. */
export function checkStateName(name: string): string[] {
  const segments = name.split('/');
  for (const s of segments) {
    if (!SEGMENT.test(s) || s.includes('..')) {
      throw new AccountStorageError(name, 'not a valid state file name');
    }
  }
  return segments;
}

/** The folder name of an account: its id with anything but `[A-Za-z0-9._@+-]` percent-encoded. */
export function accountFolderName(accountId: string): string {
  if (accountId === '' || accountId === '.' || accountId === '..') {
    throw new AccountStorageError(accountId, 'not a valid account id');
  }
  let name = '';
  for (const byte of Buffer.from(accountId, 'utf8')) {
    const ch = String.fromCharCode(byte);
    name += /^[A-Za-z0-9._@+-]$/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return name;
}

/** Storage on disk under the XDG directories (or the roots a test passes). */
export function createFileStorage(directories: SimplekitDirectories): AccountStorage {
  const accountsFile = join(directories.config, 'accounts.json');
  return {
    async loadAccounts() {
      const bytes = await readFileIfExists(accountsFile);
      if (bytes === undefined) return [];
      // The file may hold passwords: one that other users can read (copied by hand, restored from a backup) is
      // tightened to 0600 before anything else is done with it.
      const { mode } = await stat(accountsFile);
      if ((mode & 0o077) !== 0) await restrictMode(accountsFile, 0o600);
      return parseStoredAccounts(accountsFile, bytes.toString('utf8'));
    },
    async saveAccounts(accounts) {
      await writeFileAtomic(accountsFile, serializeStoredAccounts(accounts), { mode: 0o600 });
    },
    stateOf(accountId) {
      const base = join(directories.state, 'accounts', accountFolderName(accountId));
      const pathOf = (name: string) => join(base, ...checkStateName(name));
      return {
        read: async (name) => readFileIfExists(pathOf(name)),
        write: async (name, data, options) =>
          writeFileAtomic(pathOf(name), data, { mode: options?.secret ? 0o600 : 0o644 }),
        remove: async (name) => removeFile(pathOf(name)),
      };
    },
  };
}

/** Storage in memory, for tests and for apps that keep nothing on disk. */
export function createMemoryStorage(): AccountStorage & {
  /** Every state file as `<accountId>/<name>` → bytes, for assertions. */
  readonly files: ReadonlyMap<string, Uint8Array>;
} {
  const files = new Map<string, Uint8Array>();
  let accounts: readonly StoredAccount[] = [];
  return {
    files,
    async loadAccounts() {
      return accounts;
    },
    async saveAccounts(next) {
      accounts = parseStoredAccounts('memory', serializeStoredAccounts(next));
    },
    stateOf(accountId) {
      const key = (name: string) => `${accountId}/${checkStateName(name).join('/')}`;
      return {
        read: async (name) => {
          const bytes = files.get(key(name));
          return bytes === undefined ? undefined : Uint8Array.from(bytes);
        },
        write: async (name, data) => {
          files.set(key(name), typeof data === 'string' ? new TextEncoder().encode(data) : Uint8Array.from(data));
        },
        remove: async (name) => {
          files.delete(key(name));
        },
      };
    },
  };
}
