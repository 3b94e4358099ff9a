import { AccountConfigError } from '../errors.js';

/** Signalling transport: the mission allows TCP or TLS only, never UDP. */
export type SipTransportKind = 'tls' | 'tcp';

/** Where to send every request first (RFC 3261 §8.1.2 outbound proxy), instead of resolving the domain. */
export interface OutboundProxy {
  readonly host: string;
  readonly port: number;
  readonly transport: SipTransportKind;
}

/** The user's SIP credentials; a provider may read them from a keychain on demand. */
export interface Credentials {
  readonly username: string;
  readonly password: string;
}

export type CredentialsProvider = () => Promise<Credentials>;

/** Per-account switches the user can flip in the account settings. */
export interface AccountSwitches {
  /** Publish the location (CIPID `map`); off by default. */
  readonly publishLocation: boolean;
  /** Publish the home page (CIPID `homepage`). */
  readonly publishHomepage: boolean;
  /** Publish the idle state (RPID `user-input`). */
  readonly publishIdle: boolean;
  /** Keep the address book in XCAP storage (off: contacts stay local, no RLS). */
  readonly xcapStorage: boolean;
}

/** A validated account configuration. */
export interface AccountConfig {
  /** Stable id, used as the folder name of the account's state: the address without its scheme. */
  readonly id: string;
  /** The address of record, e.g. `sip:alice@example.com`. */
  readonly address: string;
  readonly user: string;
  readonly domain: string;
  readonly displayName?: string;
  /** The password, or a provider that is asked each time credentials are needed. */
  readonly credentials: CredentialsProvider;
  readonly outboundProxy?: OutboundProxy;
  /** XCAP root (RFC 4825 §6.1); absent: discovered at start through `AccountDependencies.discoverXcapRoot`. */
  readonly xcapRoot?: string;
  readonly transport: SipTransportKind;
  readonly switches: AccountSwitches;
  /** How many status + note combinations the history keeps. */
  readonly statusHistorySize: number;
  /** How often XCAP documents are refetched when the server offers no xcap-diff content. */
  readonly xcapRefreshSeconds: number;
  /** REGISTER / PUBLISH / SUBSCRIBE expiry asked for, in seconds. */
  readonly expiresSeconds: number;
}

/** What a user writes (or an app stores): everything optional except the address and a password source. */
export interface AccountConfigInput {
  readonly address: string;
  readonly displayName?: string;
  readonly password?: string;
  readonly credentials?: CredentialsProvider;
  /** Authentication user name when it differs from the address's user part. */
  readonly authUsername?: string;
  readonly outboundProxy?: { readonly host: string; readonly port?: number; readonly transport?: SipTransportKind };
  readonly xcapRoot?: string;
  readonly transport?: SipTransportKind;
  readonly switches?: Partial<AccountSwitches>;
  readonly statusHistorySize?: number;
  readonly xcapRefreshSeconds?: number;
  readonly expiresSeconds?: number;
}

export const DEFAULT_SWITCHES: AccountSwitches = Object.freeze({
  publishLocation: false,
  publishHomepage: true,
  publishIdle: true,
  xcapStorage: true,
});

// A deliberately small AOR grammar (RFC 3261 §19.1.1 without parameters or headers): an account is always a
// plain `sip:`/`sips:` user@host. Linear, no backtracking.
const ADDRESS = /^(sips?):([^@\s:;?>]+)@([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])$/;

/** Splits and checks an address of record; throws `AccountConfigError` when it is not `sip:user@domain`. */
export function parseAddress(address: string): { readonly scheme: 'sip' | 'sips'; user: string; domain: string } {
  const m = ADDRESS.exec(address.trim());
  if (!m || m[1] === undefined || m[2] === undefined || m[3] === undefined) {
    throw new AccountConfigError('address', `expected sip:user@domain, got ${JSON.stringify(address)}`);
  }
  return { scheme: m[1] === 'sips' ? 'sips' : 'sip', user: m[2], domain: m[3].toLowerCase() };
}

function positiveInteger(field: string, value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new AccountConfigError(field, `expected an integer between 1 and ${max}, got ${value}`);
  }
  return value;
}

function transportOf(field: string, value: string | undefined, fallback: SipTransportKind): SipTransportKind {
  if (value === undefined) return fallback;
  if (value === 'tls' || value === 'tcp') return value;
  throw new AccountConfigError(field, `expected "tls" or "tcp", got ${JSON.stringify(value)}`);
}

function xcapRootOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw Object.assign(new AccountConfigError('xcapRoot', `not a URL: ${JSON.stringify(value)}`), { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AccountConfigError('xcapRoot', `expected an http or https URL, got ${url.protocol}`);
  }
  // RFC 4825 §6.1: the root never ends in a slash; resource URIs append `/<auid>/…`.
  return value.replace(/\/+$/, '');
}

/** Validates an account configuration and fills in defaults. */
export function resolveAccountConfig(input: AccountConfigInput): AccountConfig {
  const { scheme, user, domain } = parseAddress(input.address);
  const address = `${scheme}:${user}@${domain}`;
  let credentials: CredentialsProvider;
  if (input.credentials) credentials = input.credentials;
  else if (input.password !== undefined) {
    const fixed: Credentials = Object.freeze({ username: input.authUsername ?? user, password: input.password });
    credentials = async () => fixed;
  } else throw new AccountConfigError('password', 'either a password or a credentials provider is required');
  const transport = transportOf('transport', input.transport, 'tls');
  const proxy = input.outboundProxy;
  const outboundProxy: OutboundProxy | undefined = proxy
    ? Object.freeze({
        host: proxy.host,
        port: positiveInteger('outboundProxy.port', proxy.port, transport === 'tls' ? 5061 : 5060, 65535),
        transport: transportOf('outboundProxy.transport', proxy.transport, transport),
      })
    : undefined;
  if (proxy && proxy.host.trim() === '') throw new AccountConfigError('outboundProxy.host', 'empty host');
  const xcapRoot = xcapRootOf(input.xcapRoot);
  return Object.freeze({
    id: `${user}@${domain}`,
    address,
    user,
    domain,
    ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
    credentials,
    ...(outboundProxy ? { outboundProxy } : {}),
    ...(xcapRoot !== undefined ? { xcapRoot } : {}),
    transport,
    switches: Object.freeze({ ...DEFAULT_SWITCHES, ...input.switches }),
    statusHistorySize: positiveInteger('statusHistorySize', input.statusHistorySize, 10, 100),
    xcapRefreshSeconds: positiveInteger('xcapRefreshSeconds', input.xcapRefreshSeconds, 300, 86_400),
    expiresSeconds: positiveInteger('expiresSeconds', input.expiresSeconds, 600, 86_400),
  });
}
