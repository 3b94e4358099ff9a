import { parseAddress, resolveAccountConfig, type StoredAccount } from '@simplekit/account';
import type { AccountSetupInput, AccountSummary } from '../bridge/api.js';
import { DesktopError } from '../bridge/errors.js';

// `host[:port][;transport=tcp|tls]`; port 5060 for TCP and 5061 for TLS when missing (RFC 3261 §19.1.2).
const PROXY = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?(?:;transport=(tcp|tls))?$/i;

/** Reads the proxy field of the set-up form. */
export function parseProxy(text: string): NonNullable<StoredAccount['outboundProxy']> {
  const m = PROXY.exec(text.trim());
  if (m === null || m[1] === undefined) {
    throw new DesktopError('DESKTOP_BAD_REQUEST', `proxy: expected host[:port][;transport=tcp|tls], got ${text}`);
  }
  const transport = m[3]?.toLowerCase() === 'tls' ? 'tls' : 'tcp';
  const port = m[2] === undefined ? (transport === 'tls' ? 5061 : 5060) : Number(m[2]);
  if (port < 1 || port > 65535) throw new DesktopError('DESKTOP_BAD_REQUEST', `proxy: port ${port} is out of range`);
  return { host: m[1], port, transport };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Turns the set-up form into the account kept in `accounts.json`; the engine's own config check runs on it, so a
 * bad address or XCAP root fails here with `ACCOUNT_CONFIG` naming the field. Signalling goes over the proxy's
 * transport, TLS otherwise (the mission allows no UDP).
 */
export function storedAccountOf(input: AccountSetupInput): StoredAccount {
  const address = text(input.address);
  if (address === undefined) throw new DesktopError('DESKTOP_BAD_REQUEST', 'address: required');
  const sipAddress = /^sips?:/i.test(address) ? address : `sip:${address}`;
  const password = typeof input.password === 'string' ? input.password : '';
  const proxyText = text(input.proxy);
  const proxy = proxyText === undefined ? undefined : parseProxy(proxyText);
  const xcapRoot = text(input.xcapRoot);
  const displayName = text(input.displayName);
  const stored: StoredAccount = {
    address: sipAddress,
    password,
    ...(displayName === undefined ? {} : { displayName }),
    ...(xcapRoot === undefined ? {} : { xcapRoot }),
    ...(proxy === undefined ? {} : { outboundProxy: proxy, transport: proxy.transport }),
  };
  resolveAccountConfig(stored);
  return stored;
}

/** The engine's id of a stored account: the address without its scheme. */
export function accountIdOf(stored: StoredAccount): string {
  const { user, domain } = parseAddress(stored.address);
  return `${user}@${domain}`;
}

export function summaryOf(stored: StoredAccount): AccountSummary {
  return {
    id: accountIdOf(stored),
    address: stored.address,
    ...(stored.displayName === undefined ? {} : { displayName: stored.displayName }),
  };
}
