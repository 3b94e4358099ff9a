import { SipParseError, SipUsageError } from '../errors.js';
import { type DigestAlgorithm, digestHash, isSessionAlgorithm, toDigestAlgorithm } from './algorithm.js';
import { parseAuthElements, quoteAuthParam } from './auth-params.js';
import type { DigestChallenge } from './challenge.js';

export type DigestQop = 'auth' | 'auth-int';

/** The fields of a Digest Authorization / Proxy-Authorization value (RFC 7616 §3.4, RFC 3261 §22.4). */
export interface DigestCredentials {
  readonly kind: 'digest';
  readonly scheme: 'Digest';
  /** The username as sent: the plain name, or H(username ":" realm) when `userhash` is true. */
  readonly username: string;
  readonly userhash: boolean;
  readonly realm: string;
  readonly nonce: string;
  readonly uri: string;
  readonly response: string;
  readonly algorithm: DigestAlgorithm;
  readonly opaque?: string;
  readonly qop?: DigestQop;
  /** Exactly eight lower-case hex digits (RFC 7616 §3.4). */
  readonly nc?: string;
  readonly cnonce?: string;
}

/** Credentials of another scheme, kept as parsed. */
export interface OtherCredentials {
  readonly kind: 'other';
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
  readonly token68?: string;
}

export interface DigestCredentialsOptions {
  readonly challenge: DigestChallenge;
  readonly method: string;
  readonly uri: string;
  readonly username: string;
  readonly password: string;
  /** Entity body, needed for qop=auth-int; an absent body hashes as empty (RFC 3261 §22.4). */
  readonly body?: Uint8Array;
  /** How many requests have used this nonce so far, this one included (starts at 1). */
  readonly nonceCount: number;
  readonly cnonce: string;
}

function chooseQop(offered: readonly string[]): DigestQop | undefined {
  if (offered.length === 0) return undefined;
  // RFC 7616 §3.3: the client picks one of the offered values; plain `auth` avoids hashing the body.
  if (offered.includes('auth')) return 'auth';
  if (offered.includes('auth-int')) return 'auth-int';
  throw new SipUsageError('UNSUPPORTED_QOP', `no supported qop among ${offered.join(', ')}`);
}

/** Computes the Digest response for a challenge (RFC 2617 §3.2.2, RFC 7616 §3.4.1–§3.4.3, RFC 8760). */
export function createDigestCredentials(opts: DigestCredentialsOptions): DigestCredentials {
  const { challenge, method, uri, username, password, cnonce, nonceCount } = opts;
  const { algorithm, realm, nonce } = challenge;
  if (!Number.isInteger(nonceCount) || nonceCount < 1 || nonceCount > 0xffffffff) {
    throw new SipUsageError('BAD_NONCE_COUNT', `nonceCount must be an integer in 1..2^32-1, got ${nonceCount}`);
  }
  const qop = chooseQop(challenge.qop);
  if (qop !== undefined && cnonce === '') throw new SipUsageError('BAD_CNONCE', 'cnonce must not be empty');
  const H = (data: string | Uint8Array): string => digestHash(algorithm, data);

  // RFC 7616 §3.4.2: the -sess variants re-key A1 with both nonces.
  let ha1 = H(`${username}:${realm}:${password}`);
  if (isSessionAlgorithm(algorithm)) ha1 = H(`${ha1}:${nonce}:${cnonce}`);
  // RFC 7616 §3.4.3: auth-int covers the entity body.
  const a2 = qop === 'auth-int' ? `${method}:${uri}:${H(opts.body ?? new Uint8Array(0))}` : `${method}:${uri}`;
  const ha2 = H(a2);
  const nc = nonceCount.toString(16).padStart(8, '0');
  // RFC 2617 §3.2.2.1: without qop the RFC 2069 form is used (no nc, no cnonce).
  const response = qop === undefined ? H(`${ha1}:${nonce}:${ha2}`) : H(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`);
  // RFC 7616 §3.4.4: userhash replaces the username by H(username ":" realm).
  const sentUsername = challenge.userhash ? H(`${username}:${realm}`) : username;
  return {
    kind: 'digest',
    scheme: 'Digest',
    username: sentUsername,
    userhash: challenge.userhash,
    realm,
    nonce,
    uri,
    response,
    algorithm,
    opaque: challenge.opaque,
    ...(qop === undefined ? {} : { qop, nc, cnonce }),
  };
}

function needsExtendedNotation(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c > 0x7e || c < 0x20) return true;
  }
  return false;
}

/** RFC 8187 ext-value: UTF-8''percent-encoded (attr-char left alone). */
function encodeExtValue(value: string): string {
  return `UTF-8''${encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** Formats credentials as an Authorization / Proxy-Authorization header value. */
export function formatAuthorization(creds: DigestCredentials): string {
  const parts: string[] = [];
  // RFC 7616 §3.4: a username that cannot be a quoted-string goes in `username*` (RFC 8187 encoding).
  if (!creds.userhash && needsExtendedNotation(creds.username)) {
    parts.push(`username*=${encodeExtValue(creds.username)}`);
  } else {
    parts.push(`username=${quoteAuthParam(creds.username)}`);
  }
  parts.push(`realm=${quoteAuthParam(creds.realm)}`);
  parts.push(`nonce=${quoteAuthParam(creds.nonce)}`);
  parts.push(`uri=${quoteAuthParam(creds.uri)}`);
  parts.push(`response=${quoteAuthParam(creds.response)}`);
  // RFC 3261 §25.1: algorithm, qop and nc are tokens, not quoted strings (some servers reject quotes).
  parts.push(`algorithm=${creds.algorithm}`);
  if (creds.cnonce !== undefined) parts.push(`cnonce=${quoteAuthParam(creds.cnonce)}`);
  if (creds.opaque !== undefined) parts.push(`opaque=${quoteAuthParam(creds.opaque)}`);
  if (creds.qop !== undefined) parts.push(`qop=${creds.qop}`);
  if (creds.nc !== undefined) parts.push(`nc=${creds.nc}`);
  if (creds.userhash) parts.push('userhash=true');
  return `Digest ${parts.join(', ')}`;
}

function decodeExtValue(value: string, offset: number): string {
  const m = /^([A-Za-z0-9!#$%&+^_`{}~-]+)'[^']*'(.*)$/.exec(value);
  if (m === null || m[1]?.toLowerCase() !== 'utf-8' || m[2] === undefined) {
    throw new SipParseError('BAD_AUTH_HEADER', 'bad username* encoding', offset);
  }
  try {
    return decodeURIComponent(m[2]);
  } catch (cause) {
    throw new SipParseError('BAD_AUTH_HEADER', 'bad percent-encoding in username*', offset, { cause });
  }
}

/** Parses an Authorization / Proxy-Authorization value (for traces, tests and server-side checks). */
export function parseAuthorization(value: string): DigestCredentials | OtherCredentials {
  const elements = parseAuthElements(value);
  const el = elements[0];
  if (el === undefined || elements.length !== 1) {
    throw new SipParseError('BAD_AUTH_HEADER', 'Authorization carries exactly one set of credentials', 0);
  }
  const p = el.params;
  if (el.scheme.toLowerCase() !== 'digest' || el.token68 !== undefined) {
    return el.token68 === undefined
      ? { kind: 'other', scheme: el.scheme, params: p }
      : { kind: 'other', scheme: el.scheme, params: p, token68: el.token68 };
  }
  const need = (name: string): string => {
    const v = p[name];
    if (v === undefined) throw new SipParseError('BAD_AUTH_HEADER', `Digest credentials without ${name}`, el.offset);
    return v;
  };
  const username = p['username*'] === undefined ? need('username') : decodeExtValue(p['username*'], el.offset);
  const algorithm = p.algorithm === undefined ? 'MD5' : toDigestAlgorithm(p.algorithm);
  if (algorithm === undefined) throw new SipParseError('BAD_AUTH_HEADER', 'unsupported Digest algorithm', el.offset);
  const qopRaw = p.qop?.toLowerCase();
  if (qopRaw !== undefined && qopRaw !== 'auth' && qopRaw !== 'auth-int') {
    throw new SipParseError('BAD_AUTH_HEADER', `bad qop ${qopRaw}`, el.offset);
  }
  if (p.nc !== undefined && !/^[0-9a-fA-F]{8}$/.test(p.nc)) {
    throw new SipParseError('BAD_AUTH_HEADER', 'nc must be 8 hex digits', el.offset);
  }
  return {
    kind: 'digest',
    scheme: 'Digest',
    username,
    userhash: p.userhash?.toLowerCase() === 'true',
    realm: need('realm'),
    nonce: need('nonce'),
    uri: need('uri'),
    response: need('response'),
    algorithm,
    opaque: p.opaque,
    qop: qopRaw,
    nc: p.nc === undefined ? undefined : p.nc.toLowerCase(),
    cnonce: p.cnonce,
  };
}
