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

/** A header name exactly as conventionally spelled, with its lookup key. */
export interface KnownHeaderName {
  readonly name: string;
  readonly key: string;
  /** {@link HeaderId} of the headers the parser checks eagerly, 0 for the others. */
  readonly id: HeaderId;
}

/** Small integers for the headers whose presence and count the parser checks (cheaper than string switches). */
export const HeaderId = { Other: 0, Via: 1, From: 2, To: 3, CallId: 4, CSeq: 5, ContentLength: 6 } as const;
export type HeaderId = (typeof HeaderId)[keyof typeof HeaderId];

const IDS: ReadonlyMap<string, HeaderId> = new Map([
  ['via', HeaderId.Via],
  ['from', HeaderId.From],
  ['to', HeaderId.To],
  ['call-id', HeaderId.CallId],
  ['cseq', HeaderId.CSeq],
  ['content-length', HeaderId.ContentLength],
]);

/** The {@link HeaderId} of a lookup key. */
export function headerId(key: string): HeaderId {
  return IDS.get(key) ?? HeaderId.Other;
}

// [spelling, key] as literals: literal strings are internalised by V8, so comparing keys later is a pointer check.
const WELL_KNOWN: readonly (readonly [string, string])[] = [
  ['Via', 'via'],
  ['From', 'from'],
  ['To', 'to'],
  ['Call-ID', 'call-id'],
  ['CSeq', 'cseq'],
  ['Contact', 'contact'],
  ['Max-Forwards', 'max-forwards'],
  ['Content-Length', 'content-length'],
  ['Content-Type', 'content-type'],
  ['Route', 'route'],
  ['Record-Route', 'record-route'],
  ['Expires', 'expires'],
  ['Min-Expires', 'min-expires'],
  ['Event', 'event'],
  ['Allow-Events', 'allow-events'],
  ['Subscription-State', 'subscription-state'],
  ['SIP-ETag', 'sip-etag'],
  ['SIP-If-Match', 'sip-if-match'],
  ['WWW-Authenticate', 'www-authenticate'],
  ['Proxy-Authenticate', 'proxy-authenticate'],
  ['Authorization', 'authorization'],
  ['Proxy-Authorization', 'proxy-authorization'],
  ['Require', 'require'],
  ['Supported', 'supported'],
  ['Unsupported', 'unsupported'],
  ['Accept', 'accept'],
  ['Allow', 'allow'],
  ['Retry-After', 'retry-after'],
  ['User-Agent', 'user-agent'],
  ['Server', 'server'],
  ['Date', 'date'],
  ['Path', 'path'],
  ['Service-Route', 'service-route'],
  ['Proxy-Require', 'proxy-require'],
  ['Content-Disposition', 'content-disposition'],
  ['Content-Encoding', 'content-encoding'],
  ['Subject', 'subject'],
  ['Warning', 'warning'],
  ['P-Asserted-Identity', 'p-asserted-identity'],
  ['Reason', 'reason'],
  ['Session-Expires', 'session-expires'],
  ['v', 'via'],
  ['f', 'from'],
  ['t', 'to'],
  ['i', 'call-id'],
  ['m', 'contact'],
  ['l', 'content-length'],
  ['c', 'content-type'],
  ['k', 'supported'],
  ['o', 'event'],
  ['u', 'allow-events'],
  ['e', 'content-encoding'],
  ['s', 'subject'],
];

// Keyed by length * 128 + first character: usually one candidate, compared with a native startsWith.
const BY_SHAPE = new Map<number, KnownHeaderName[]>();
for (const [name, key] of WELL_KNOWN) {
  const shape = name.length * 128 + name.charCodeAt(0);
  const entry: KnownHeaderName = { name, key, id: headerId(key) };
  const list = BY_SHAPE.get(shape);
  if (list === undefined) BY_SHAPE.set(shape, [entry]);
  else list.push(entry);
}
const INTERNED = new Map(WELL_KNOWN.map(([, key]) => [key, key]));

/**
 * The well-known header spelled exactly as `s[start, end)`, if any. The parser uses it to skip slicing and
 * lower-casing the names almost every message uses; other spellings go through {@link headerKey}.
 */
export function wellKnownHeader(s: string, start: number, end: number): KnownHeaderName | undefined {
  const candidates = BY_SHAPE.get((end - start) * 128 + s.charCodeAt(start));
  if (candidates === undefined) return undefined;
  for (const c of candidates) if (s.startsWith(c.name, start)) return c;
  return undefined;
}

/** {@link headerKey}, returning the shared literal for well-known headers so later comparisons are cheap. */
export function internedHeaderKey(name: string): string {
  const key = headerKey(name);
  return INTERNED.get(key) ?? key;
}
