import { LOWER } from '../chars.js';

// RFC 3261 §7.3.3 and the IANA SIP header registry: compact forms and the names they stand for.
const COMPACT: Readonly<Record<string, string>> = {
  a: 'accept-contact',
  b: 'referred-by',
  c: 'content-type',
  d: 'request-disposition',
  e: 'content-encoding',
  f: 'from',
  i: 'call-id',
  j: 'reject-contact',
  k: 'supported',
  l: 'content-length',
  m: 'contact',
  n: 'identity-info',
  o: 'event',
  r: 'refer-to',
  s: 'subject',
  t: 'to',
  u: 'allow-events',
  v: 'via',
  x: 'session-expires',
  y: 'identity',
};

/** The lookup key of a header name: lower-cased, compact forms expanded (`i` → `call-id`). */
export function headerKey(name: string): string {
  const lower = name.toLowerCase();
  if (lower.length === 1) return COMPACT[lower] ?? lower;
  return lower;
}

// Names whose conventional spelling is not plain Title-Case.
const SPECIAL: Readonly<Record<string, string>> = {
  'call-id': 'Call-ID',
  cseq: 'CSeq',
  'www-authenticate': 'WWW-Authenticate',
  'sip-etag': 'SIP-ETag',
  'sip-if-match': 'SIP-If-Match',
  'mime-version': 'MIME-Version',
  rack: 'RAck',
  rseq: 'RSeq',
  'p-asserted-identity': 'P-Asserted-Identity',
};

/** The conventional spelling of a header name, used when building messages (`call-id` → `Call-ID`). */
export function canonicalHeaderName(name: string): string {
  const key = headerKey(name);
  const special = SPECIAL[key];
  if (special !== undefined) return special;
  return key.replace(/(^|-)([a-z])/g, (_m, sep: string, ch: string) => `${sep}${ch.toUpperCase()}`);
}

/**
 * Small integers for the headers whose presence and count the parser checks (cheaper than string switches). They
 * are also the first {@link knownKeyId}s, so a header's key id is its HeaderId when it is one of these.
 */
export const HeaderId = { Other: 0, Via: 1, From: 2, To: 3, CallId: 4, CSeq: 5, ContentLength: 6 } as const;
export type HeaderId = (typeof HeaderId)[keyof typeof HeaderId];

// Lookup keys the parser recognises without making a string: the checked ones first (their index is their
// HeaderId), then the headers a presence UA reads, then every compact form's full name (so that a name is known
// exactly when its key is; see knownHeaderAt).
const KEY_LIST: readonly string[] = [
  '',
  'via',
  'from',
  'to',
  'call-id',
  'cseq',
  'content-length',
  'contact',
  'max-forwards',
  'content-type',
  'route',
  'record-route',
  'expires',
  'min-expires',
  'event',
  'allow-events',
  'subscription-state',
  'sip-etag',
  'sip-if-match',
  'www-authenticate',
  'proxy-authenticate',
  'authorization',
  'proxy-authorization',
  'require',
  'supported',
  'unsupported',
  'accept',
  'allow',
  'retry-after',
  'user-agent',
  'server',
  'date',
  'path',
  'service-route',
  'proxy-require',
  'content-disposition',
  'content-encoding',
  'subject',
  'warning',
  'p-asserted-identity',
  'reason',
  'session-expires',
  'mime-version',
  ...Object.values(COMPACT),
].filter((key, i, all) => all.indexOf(key) === i);

/** The lookup key of each known key id (index 0 is unused). */
export const KNOWN_KEYS: readonly string[] = KEY_LIST;
const KEY_IDS: ReadonlyMap<string, number> = new Map(KEY_LIST.map((key, id) => [key, id]));

/** The known key id of a lookup key, or 0 when the parser does not recognise it. */
export function knownKeyId(key: string): number {
  return KEY_IDS.get(key) ?? 0;
}

// Header names are recognised by their length, first and last letter (one candidate at most), then confirmed byte
// by byte in any letter case: no string is made, and no native call (a per-line `startsWith` cost more than this).
// Compact forms (RFC 3261 §7.3.3) by lower-case letter.
const BY_LETTER = new Uint8Array(128);
for (const [letter, key] of Object.entries(COMPACT)) BY_LETTER[letter.charCodeAt(0)] = KEY_IDS.get(key) ?? 0;

/** The shape of a name of 2 to 31 bytes: its length and the low five bits of its first and last byte. */
function shapeOf(length: number, first: number, last: number): number {
  return (length << 10) | ((first & 31) << 5) | (last & 31);
}

// Key id by shape (the known keys all have different shapes: checked below), and each key's bytes, flat.
const BY_SHAPE = new Uint8Array(32 << 10);
const KEY_BYTES = new Uint8Array(KEY_LIST.reduce((n, key) => n + key.length, 0));
const KEY_AT = new Uint16Array(KEY_LIST.length);
for (let id = 1, at = 0; id < KEY_LIST.length; id++) {
  const key = KEY_LIST[id] ?? '';
  KEY_AT[id] = at;
  for (let k = 0; k < key.length; k++) KEY_BYTES[at++] = key.charCodeAt(k);
  if (key.length < 2) continue;
  const shape = shapeOf(key.length, key.charCodeAt(0), key.charCodeAt(key.length - 1));
  if (BY_SHAPE[shape] !== 0) throw new Error(`known header names ${key} and ${KEY_LIST[BY_SHAPE[shape] ?? 0]} clash`);
  BY_SHAPE[shape] = id;
}

/**
 * The known key id of the header name at `b[start, end)` (any letter case), or 0. A match contains only letters
 * and "-", so it is a valid token.
 */
export function knownHeaderAt(b: Uint8Array, start: number, end: number): number {
  const length = end - start;
  if (length === 1) {
    const c = (b[start] ?? 0) | 0x20;
    return c < 0x61 || c > 0x7a ? 0 : (BY_LETTER[c] ?? 0);
  }
  if (length > 31 || length < 1) return 0;
  const id = BY_SHAPE[shapeOf(length, b[start] ?? 0, b[end - 1] ?? 0)] ?? 0;
  if (id === 0) return 0;
  const at = KEY_AT[id] ?? 0;
  for (let k = 0; k < length; k++) if (LOWER[b[start + k] ?? 0] !== KEY_BYTES[at + k]) return 0;
  return id;
}

/** {@link headerKey}, returning the shared literal for known headers so later comparisons are cheap. */
export function internedHeaderKey(name: string): string {
  const key = headerKey(name);
  const id = KEY_IDS.get(key);
  return id === undefined ? key : (KEY_LIST[id] ?? key);
}
