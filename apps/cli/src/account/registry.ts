import {
  type AccountStorage,
  createFileStorage,
  parseAddress,
  type StoredAccount,
  simplekitDirectories,
} from '@simplekit/account';
import { CliNotFoundError, CliUsageError } from '../frame/errors.js';
import type { CliIo } from '../frame/io.js';

/** The environment variable that picks the account when `--account` is not given. */
export const ACCOUNT_ENV = 'SIMPLEKIT_ACCOUNT';

/** The account files under the XDG directories, as `@simplekit/account` lays them out. */
export function storageOf(io: CliIo): AccountStorage {
  return createFileStorage(simplekitDirectories({ env: io.env }));
}

/** The id the engine gives an account: its address without the scheme (`alice@example.com`). */
export function accountIdOf(stored: StoredAccount): string {
  const { user, domain } = parseAddress(stored.address);
  return `${user}@${domain}`;
}

function matches(stored: StoredAccount, wanted: string): boolean {
  const id = accountIdOf(stored);
  const bare = wanted.replace(/^sips?:/i, '').toLowerCase();
  return id.toLowerCase() === bare || stored.address.toLowerCase() === wanted.toLowerCase();
}

/** Finds a configured account by id, address, or a user name that only one account has. */
export function findAccount(accounts: readonly StoredAccount[], wanted: string): StoredAccount {
  const found = accounts.find((a) => matches(a, wanted));
  if (found !== undefined) return found;
  const byUser = accounts.filter((a) => accountIdOf(a).split('@')[0]?.toLowerCase() === wanted.toLowerCase());
  if (byUser.length === 1 && byUser[0] !== undefined) return byUser[0];
  throw new CliNotFoundError(`no account ${JSON.stringify(wanted)} (see simplekit account list)`);
}

/**
 * The account a command works on: `--account`, else `SIMPLEKIT_ACCOUNT`, else the only enabled account.
 */
export function chooseAccount(
  accounts: readonly StoredAccount[],
  wanted: string | undefined,
  io: CliIo,
  command: string,
): StoredAccount {
  const name = wanted ?? io.env[ACCOUNT_ENV];
  if (name !== undefined && name !== '') return findAccount(accounts, name);
  const enabled = accounts.filter((a) => a.enabled !== false);
  if (enabled.length === 1 && enabled[0] !== undefined) return enabled[0];
  if (enabled.length === 0)
    throw new CliNotFoundError('no account configured: add one with simplekit account add <address>');
  throw new CliUsageError(`${enabled.length} accounts are configured: choose one with --account <id>`, command);
}
