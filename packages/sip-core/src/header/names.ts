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

// Spellings matched: every key and every compact form (RFC 3261 §7.3.3), lower-cased.
const SPELLINGS: readonly (readonly [string, number, string])[] = [
  ...KEY_LIST.slice(1).map((key, i) => [key, i + 1, canonicalHeaderName(key)] as const),
  ...Object.entries(COMPACT).map(([letter, key]) => [letter, KEY_IDS.get(key) ?? 0, letter] as const),
];
// Indexed by length * 32 + the low five bits of the first character: usually one candidate. Filled up front so
// that V8 keeps it a dense array (a sparse one turns into a slow dictionary).
const MAX_KNOWN_LENGTH = 31;
const NO_CANDIDATES: readonly (readonly [string, number, string])[] = [];
const BY_SHAPE: (readonly (readonly [string, number, string])[])[] = new Array(32 * 32).fill(NO_CANDIDATES);
for (const spelling of SPELLINGS) {
  const shape = spelling[0].length * 32 + (spelling[0].charCodeAt(0) & 31);
  BY_SHAPE[shape] = [...(BY_SHAPE[shape] ?? []), spelling];
}

/**
 * The known key id of the header name `s[start, end)` (any letter case), or 0. `s` holds one character per byte
 * (a latin1 view of the wire); a match contains only letters and "-", so it is a valid token.
 */
export function knownHeaderAt(s: string, start: number, end: number): number {
  const length = end - start;
  if (length > MAX_KNOWN_LENGTH) return 0;
  const candidates = BY_SHAPE[length * 32 + (s.charCodeAt(start) & 31)] ?? NO_CANDIDATES;
  // The usual spelling first, with one native comparison; then any letter case.
  for (let j = 0; j < candidates.length; j++) {
    const [, id, written] = candidates[j] ?? NO_MATCH;
    if (s.startsWith(written, start)) return id;
  }
  for (let j = 0; j < candidates.length; j++) {
    const [spelling, id] = candidates[j] ?? NO_MATCH;
    let k = 0;
    // Code units above 255 read `undefined` from the table and never match.
    while (k < length && LOWER[s.charCodeAt(start + k)] === spelling.charCodeAt(k)) k++;
    if (k === length) return id;
  }
  return 0;
}
const NO_MATCH = ['', 0, ''] as const;

/** {@link headerKey}, returning the shared literal for known headers so later comparisons are cheap. */
export function internedHeaderKey(name: string): string {
  const key = headerKey(name);
  const id = KEY_IDS.get(key);
  return id === undefined ? key : (KEY_LIST[id] ?? key);
}
