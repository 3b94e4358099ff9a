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
}

const WELL_KNOWN = [
  'Via',
  'From',
  'To',
  'Call-ID',
  'CSeq',
  'Contact',
  'Max-Forwards',
  'Content-Length',
  'Content-Type',
  'Route',
  'Record-Route',
  'Expires',
  'Min-Expires',
  'Event',
  'Allow-Events',
  'Subscription-State',
  'SIP-ETag',
  'SIP-If-Match',
  'WWW-Authenticate',
  'Proxy-Authenticate',
  'Authorization',
  'Proxy-Authorization',
  'Require',
  'Supported',
  'Unsupported',
  'Accept',
  'Allow',
  'Retry-After',
  'User-Agent',
  'Server',
  'Date',
  'Timestamp',
  'Path',
  'Service-Route',
  'Proxy-Require',
  'Content-Disposition',
  'Content-Encoding',
  'Content-ID',
  'Subject',
  'Warning',
  'P-Asserted-Identity',
  'Reason',
  'Organization',
  'Session-Expires',
  'Refer-To',
  'Referred-By',
  'Replaces',
  'v',
  'f',
  't',
  'i',
  'm',
  'l',
  'c',
  'k',
  'o',
  'u',
  'e',
  's',
];

// Keyed by length * 128 + first character: usually one candidate, compared with a native startsWith.
const BY_SHAPE = new Map<number, KnownHeaderName[]>();
for (const name of WELL_KNOWN) {
  const shape = name.length * 128 + name.charCodeAt(0);
  const entry: KnownHeaderName = { name, key: headerKey(name) };
  const list = BY_SHAPE.get(shape);
  if (list === undefined) BY_SHAPE.set(shape, [entry]);
  else list.push(entry);
}

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
