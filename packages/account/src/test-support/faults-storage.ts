import { AccountStorageError } from '../errors.js';
import type { AccountStorage } from '../storage/account-storage.js';

/**
 * File storage whose state writes can be made to fail with EROFS, as on a disk remounted read-only. Used by the
 * fault tests only where a real read-only mount is not allowed; the error has the shape `writeFileAtomic` gives one.
 */
export function readOnlySwitch(storage: AccountStorage): { storage: AccountStorage; setReadOnly(on: boolean): void } {
  let readOnly = false;
  const refuse = (name: string): never => {
    const cause = Object.assign(new Error(`EROFS: read-only file system, open '${name}'`), { code: 'EROFS' });
    throw new AccountStorageError(name, 'atomic write failed', { cause });
  };
  return {
    setReadOnly(on) {
      readOnly = on;
    },
    storage: {
      loadAccounts: () => storage.loadAccounts(),
      saveAccounts: (accounts) => storage.saveAccounts(accounts),
      stateOf(accountId) {
        const files = storage.stateOf(accountId);
        return {
          read: (name) => files.read(name),
          write: async (name, data, options) => (readOnly ? refuse(name) : files.write(name, data, options)),
          remove: async (name) => (readOnly ? refuse(name) : files.remove(name)),
        };
      },
    },
  };
}
