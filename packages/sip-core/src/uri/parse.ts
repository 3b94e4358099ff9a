import { HNV, isDigit, PARAM, PASSWORD, UNRESERVED, USER } from '../chars.js';
import { SipParseError } from '../errors.js';
import { unescapeChecked } from './escape.js';
import { classifyHost } from './host.js';
import type { AbsoluteUri, SipUri, TelUri, Uri } from './types.js';

/** Shared by every URI without parameters or headers; typed read-only everywhere they are exposed. @internal */
export const NO_PARAMS = new Map<string, string | null>();
/** @internal */
export const NO_HEADERS = new Map<string, string>();

/** Default upper bound on a URI's length; override with `maxUriLength`. */
export const DEFAULT_MAX_URI_LENGTH = 4096;

export interface UriParseOptions {
  readonly maxUriLength?: number;
  /** Offset of `s[0]` in the enclosing input, for error offsets. */
  readonly offset?: number;
}

function isSchemeChar(c: number, first: boolean): boolean {
  const alpha = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  if (first) return alpha;
  return alpha || isDigit(c) || c === 0x2b || c === 0x2d || c === 0x2e;
}

/** Parses a URI (addr-spec): `sip`/`sips` per RFC 3261 §19.1, `tel` per RFC 3966, any other scheme kept opaque. */
export function parseUri(text: string, options: UriParseOptions = {}): Uri {
  return parseUriRange(text, 0, text.length, options.offset ?? 0, options.maxUriLength ?? DEFAULT_MAX_URI_LENGTH);
}

/** Internal form used by header parsers: parses `s[start, end)`; `base` is the input offset of `s[0]`. */
export function parseUriRange(s: string, start: number, end: number, base: number, maxLength: number): Uri {
  if (end - start > maxLength) {
    throw new SipParseError('URI_TOO_LONG', `URI longer than ${maxLength} characters`, base + start);
  }
  // Fast path for the schemes we parse (case-insensitive, RFC 3261 §19.1.1).
  if (
    end - start > 4 &&
    (s.charCodeAt(start) | 0x20) === 0x73 &&
    (s.charCodeAt(start + 1) | 0x20) === 0x69 &&
    (s.charCodeAt(start + 2) | 0x20) === 0x70
  ) {
    if (s.charCodeAt(start + 3) === 0x3a) return parseSipUri(s, 'sip', start + 4, end, base);
    if ((s.charCodeAt(start + 3) | 0x20) === 0x73 && s.charCodeAt(start + 4) === 0x3a) {
      return parseSipUri(s, 'sips', start + 5, end, base);
    }
  }
  let i = start;
  while (i < end && isSchemeChar(s.charCodeAt(i), i === start)) i++;
  if (i === start || i >= end || s.charCodeAt(i) !== 0x3a) {
    throw new SipParseError('BAD_URI', 'URI without a scheme', base + start);
  }
  const scheme = s.slice(start, i).toLowerCase();
  if (scheme === 'sip' || scheme === 'sips') return parseSipUri(s, scheme, i + 1, end, base);
  if (scheme === 'tel') return parseTelUri(s, i + 1, end, base);
  return parseAbsolute(s, scheme, i + 1, end, base);
}

function parseSipUri(s: string, scheme: 'sip' | 'sips', start: number, end: number, base: number): SipUri {
  let user: string | undefined;
  let password: string | undefined;
  let i = start;
  const at = s.indexOf('@', start);
  if (at !== -1 && at < end) {
    let colon = s.indexOf(':', start);
    if (colon === -1 || colon > at) colon = at;
    if (colon === start) throw new SipParseError('BAD_URI', 'empty user part', base + start);
    user = unescapeChecked(s, start, colon, UNRESERVED | USER, base);
    if (colon < at) password = unescapeChecked(s, colon + 1, at, UNRESERVED | PASSWORD, base);
    i = at + 1;
  }
  // host ends at ":" (port), ";" (params), "?" (headers); an IPv6 reference contains colons, so skip past "]".
  const hostStart = i;
  if (i < end && s.charCodeAt(i) === 0x5b) {
    const close = s.indexOf(']', i);
    i = close === -1 || close >= end ? end : close + 1;
  } else {
    while (i < end) {
      const c = s.charCodeAt(i);
      if (c === 0x3a || c === 0x3b || c === 0x3f) break;
      i++;
    }
  }
  const hostType = classifyHost(s, hostStart, i);
  if (hostType === undefined) throw new SipParseError('BAD_URI', 'bad host', base + hostStart);
  const host = s.slice(hostStart, i);
  let port: number | undefined;
  if (i < end && s.charCodeAt(i) === 0x3a) {
    i++;
    const portStart = i;
    let v = 0;
    while (i < end && isDigit(s.charCodeAt(i)) && i - portStart < 6) v = v * 10 + s.charCodeAt(i++) - 0x30;
    if (i === portStart || v > 65535) throw new SipParseError('BAD_URI', 'bad port', base + portStart);
    port = v;
  }
  let params: Map<string, string | null> = NO_PARAMS;
  if (i < end && s.charCodeAt(i) === 0x3b) {
    params = new Map();
    i = parseUriParams(s, i, end, base, params, 0x3f);
  }
  let headers: Map<string, string> = NO_HEADERS;
  if (i < end && s.charCodeAt(i) === 0x3f) {
    headers = new Map();
    i = parseUriHeaders(s, i + 1, end, base, headers);
  }
  if (i !== end) throw new SipParseError('BAD_URI', `unexpected ${JSON.stringify(s[i])}`, base + i);
  // One object shape for every SIP URI (absent parts are `undefined`) keeps property access monomorphic.
  return { kind: 'sip', scheme, user, password, host, hostType, port, params, headers };
}

/** `*( ";" pname [ "=" pvalue ] )` up to `stop` (`?`, or -1 for none) or `end`; returns the index after them. */
function parseUriParams(
  s: string,
  start: number,
  end: number,
  base: number,
  into: Map<string, string | null>,
  stop: number,
): number {
  let i = start;
  // Parameters end at the headers ("?") or at `end`; both separators are found by native searches.
  let limit = end;
  if (stop !== -1) {
    const q = s.indexOf('?', start);
    if (q !== -1 && q < end) limit = q;
  }
  while (i < limit && s.charCodeAt(i) === 0x3b) {
    const nameStart = i + 1;
    let next = s.indexOf(';', nameStart);
    if (next === -1 || next > limit) next = limit;
    let eq = s.indexOf('=', nameStart);
    if (eq === -1 || eq > next) eq = next;
    if (eq === nameStart) throw new SipParseError('BAD_URI', 'empty URI parameter name', base + nameStart);
    const name = unescapeChecked(s, nameStart, eq, UNRESERVED | PARAM, base).toLowerCase();
    let value: string | null = null;
    if (eq < next) {
      if (eq + 1 === next) throw new SipParseError('BAD_URI', 'empty URI parameter value', base + eq + 1);
      value = unescapeChecked(s, eq + 1, next, UNRESERVED | PARAM, base);
    }
    // RFC 3261 §19.1.1: a parameter name appears at most once.
    const before = into.size;
    into.set(name, value);
    if (into.size === before) throw new SipParseError('BAD_URI', `duplicate URI parameter ${name}`, base + nameStart);
    i = next;
  }
  return i;
}

function parseUriHeaders(s: string, start: number, end: number, base: number, into: Map<string, string>): number {
  let i = start;
  for (;;) {
    const nameStart = i;
    while (i < end && s.charCodeAt(i) !== 0x3d && s.charCodeAt(i) !== 0x26) i++;
    if (i === nameStart || i >= end || s.charCodeAt(i) !== 0x3d) {
      throw new SipParseError('BAD_URI', 'bad URI header', base + nameStart);
    }
    const name = unescapeChecked(s, nameStart, i, UNRESERVED | HNV, base);
    const valueStart = ++i;
    while (i < end && s.charCodeAt(i) !== 0x26) i++;
    into.set(name, unescapeChecked(s, valueStart, i, UNRESERVED | HNV, base));
    if (i >= end) return i;
    i++;
  }
}

// RFC 3966 §3: digits, hex digits (local numbers), "*", "#", "+" (leading) and visual separators.
function isTelChar(c: number): boolean {
  return (
    isDigit(c) ||
    (c >= 0x41 && c <= 0x46) ||
    (c >= 0x61 && c <= 0x66) ||
    c === 0x2a ||
    c === 0x23 ||
    c === 0x2d ||
    c === 0x2e ||
    c === 0x28 ||
    c === 0x29
  );
}

function parseTelUri(s: string, start: number, end: number, base: number): TelUri {
  let i = start;
  if (i < end && s.charCodeAt(i) === 0x2b) i++;
  let digits = 0;
  while (i < end && s.charCodeAt(i) !== 0x3b) {
    const c = s.charCodeAt(i);
    if (!isTelChar(c)) throw new SipParseError('BAD_URI', 'bad character in tel number', base + i);
    if (isDigit(c) || c === 0x2a || c === 0x23 || (c | 0x20) >= 0x61) digits++;
    i++;
  }
  if (digits === 0) throw new SipParseError('BAD_URI', 'tel URI without digits', base + start);
  const number = s.slice(start, i);
  const params = new Map<string, string | null>();
  i = parseUriParams(s, i, end, base, params, -1);
  if (i !== end) throw new SipParseError('BAD_URI', `unexpected ${JSON.stringify(s[i])}`, base + i);
  // RFC 3966 §5.1.5: a local number needs a phone-context.
  if (s.charCodeAt(start) !== 0x2b && !params.has('phone-context')) {
    throw new SipParseError('BAD_URI', 'local tel number without phone-context', base + start);
  }
  return { kind: 'tel', scheme: 'tel', number, params };
}

function parseAbsolute(s: string, scheme: string, start: number, end: number, base: number): AbsoluteUri {
  if (start === end) throw new SipParseError('BAD_URI', 'empty URI after scheme', base + start);
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    // RFC 3986 characters only: no controls, spaces, quotes or angle brackets (RFC 3261 §25.1 absoluteURI).
    if (c <= 0x20 || c >= 0x7f || c === 0x22 || c === 0x3c || c === 0x3e) {
      throw new SipParseError('BAD_URI', 'bad character in URI', base + i);
    }
  }
  return { kind: 'absolute', scheme, value: s.slice(start, end) };
}
