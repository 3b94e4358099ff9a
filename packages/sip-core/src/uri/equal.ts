import type { SipUri, TelUri, Uri, UriParams } from './types.js';

// RFC 3261 §19.1.4: these parameters must match when present in either URI.
const SIGNIFICANT_PARAMS = ['user', 'ttl', 'method', 'maddr', 'transport'] as const;

function eqIgnoreCase(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}

function paramsEqual(a: UriParams, b: UriParams): boolean {
  for (const name of SIGNIFICANT_PARAMS) {
    const va = a.get(name);
    const vb = b.get(name);
    if (va === undefined && vb === undefined) continue;
    if (va === undefined || vb === undefined) return false;
    if (va === null || vb === null ? va !== vb : !eqIgnoreCase(va, vb)) return false;
  }
  // Other parameters only count when both sides carry them.
  for (const [name, va] of a) {
    const vb = b.get(name);
    if (vb === undefined) continue;
    if (va === null || vb === null ? va !== vb : !eqIgnoreCase(va, vb)) return false;
  }
  return true;
}

function headersEqual(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  // URI headers are never ignored: same names (case-insensitive) with equal values.
  if (a.size !== b.size) return false;
  const lower = new Map<string, string>();
  for (const [name, value] of b) lower.set(name.toLowerCase(), value);
  for (const [name, value] of a) {
    if (lower.get(name.toLowerCase()) !== value) return false;
  }
  return true;
}

function sipEqual(a: SipUri, b: SipUri): boolean {
  // A sips URI never equals a sip URI; user info is case-sensitive, the host is not; a default port is not
  // the same as no port.
  return (
    a.scheme === b.scheme &&
    a.user === b.user &&
    a.password === b.password &&
    eqIgnoreCase(a.host, b.host) &&
    a.port === b.port &&
    paramsEqual(a.params, b.params) &&
    headersEqual(a.headers, b.headers)
  );
}

// RFC 3966 §4: numbers compare without visual separators; parameters compare as a set, case-insensitively.
function telEqual(a: TelUri, b: TelUri): boolean {
  const digits = (n: string): string => n.replace(/[-.()]/g, '').toLowerCase();
  if (digits(a.number) !== digits(b.number) || a.params.size !== b.params.size) return false;
  for (const [name, va] of a.params) {
    const vb = b.params.get(name);
    if (vb === undefined) return false;
    if (va === null || vb === null ? va !== vb : !eqIgnoreCase(va, vb)) return false;
  }
  return true;
}

/** URI equivalence per RFC 3261 §19.1.4 (sip/sips) and RFC 3966 §4 (tel); other schemes compare literally. */
export function uriEquals(a: Uri, b: Uri): boolean {
  if (a.kind === 'sip' && b.kind === 'sip') return sipEqual(a, b);
  if (a.kind === 'tel' && b.kind === 'tel') return telEqual(a, b);
  if (a.kind === 'absolute' && b.kind === 'absolute') return a.scheme === b.scheme && a.value === b.value;
  return false;
}
