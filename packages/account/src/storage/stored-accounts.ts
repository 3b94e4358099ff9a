import type { AccountConfigInput, AccountSwitches, SipTransportKind } from '../config/config.js';
import { AccountStorageError } from '../errors.js';

/** An account as kept in `accounts.json`: the serialisable part of `AccountConfigInput`. */
export type StoredAccount = Omit<AccountConfigInput, 'credentials'> & {
  /** Accounts the user disabled stay configured but are not started. */
  readonly enabled?: boolean;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(path: string, record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new AccountStorageError(path, `${key}: expected a string`);
  return value;
}

function optionalNumber(path: string, record: Record<string, unknown>, key: string): number | undefined {
  const value = record[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number') throw new AccountStorageError(path, `${key}: expected a number`);
  return value;
}

function optionalTransport(path: string, record: Record<string, unknown>, key: string): SipTransportKind | undefined {
  const value = optionalString(path, record, key);
  if (value === undefined || value === 'tls' || value === 'tcp') return value;
  throw new AccountStorageError(path, `${key}: expected "tls" or "tcp"`);
}

const SWITCH_NAMES: readonly (keyof AccountSwitches)[] = [
  'publishLocation',
  'publishHomepage',
  'publishIdle',
  'xcapStorage',
];

function switchesOf(path: string, value: unknown): Partial<AccountSwitches> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) throw new AccountStorageError(path, 'switches: expected an object');
  const out: Partial<Record<keyof AccountSwitches, boolean>> = {};
  for (const name of SWITCH_NAMES) {
    const v = value[name];
    if (v === undefined) continue;
    if (typeof v !== 'boolean') throw new AccountStorageError(path, `switches.${name}: expected a boolean`);
    out[name] = v;
  }
  return out;
}

function accountOf(path: string, value: unknown): StoredAccount {
  if (!isRecord(value)) throw new AccountStorageError(path, 'expected an account object');
  const address = optionalString(path, value, 'address');
  if (address === undefined) throw new AccountStorageError(path, 'address: required');
  const proxy = value.outboundProxy;
  let outboundProxy: StoredAccount['outboundProxy'];
  if (proxy !== undefined) {
    if (!isRecord(proxy)) throw new AccountStorageError(path, 'outboundProxy: expected an object');
    const host = optionalString(path, proxy, 'host');
    if (host === undefined) throw new AccountStorageError(path, 'outboundProxy.host: required');
    const port = optionalNumber(path, proxy, 'port');
    const transport = optionalTransport(path, proxy, 'transport');
    outboundProxy = { host, ...(port !== undefined ? { port } : {}), ...(transport ? { transport } : {}) };
  }
  const enabled = value.enabled;
  if (enabled !== undefined && typeof enabled !== 'boolean') {
    throw new AccountStorageError(path, 'enabled: expected a boolean');
  }
  const fields: Record<string, unknown> = {
    address,
    displayName: optionalString(path, value, 'displayName'),
    password: optionalString(path, value, 'password'),
    authUsername: optionalString(path, value, 'authUsername'),
    outboundProxy,
    xcapRoot: optionalString(path, value, 'xcapRoot'),
    transport: optionalTransport(path, value, 'transport'),
    switches: switchesOf(path, value.switches),
    statusHistorySize: optionalNumber(path, value, 'statusHistorySize'),
    xcapRefreshSeconds: optionalNumber(path, value, 'xcapRefreshSeconds'),
    expiresSeconds: optionalNumber(path, value, 'expiresSeconds'),
    enabled,
  };
  // Absent fields stay absent (exactOptionalPropertyTypes-friendly, and round trips stay byte-stable).
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as StoredAccount;
}

/** Reads `accounts.json` (`{ "version": 1, "accounts": [...] }`); throws `AccountStorageError` when malformed. */
export function parseStoredAccounts(path: string, text: string): readonly StoredAccount[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new AccountStorageError(path, 'not JSON', { cause });
  }
  if (!isRecord(json) || json.version !== 1 || !Array.isArray(json.accounts)) {
    throw new AccountStorageError(path, 'expected { "version": 1, "accounts": [...] }');
  }
  return json.accounts.map((a) => accountOf(path, a));
}

export function serializeStoredAccounts(accounts: readonly StoredAccount[]): string {
  return `${JSON.stringify({ version: 1, accounts }, null, 2)}\n`;
}
