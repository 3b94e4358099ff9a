import { CHAR_CLASS, PARAM, UNRESERVED, USER } from '../chars.js';
import { classifyHost } from './host.js';
import { NO_HEADERS, NO_PARAMS } from './parse.js';
import type { SipUri } from './types.js';

const USER_CHARS = UNRESERVED | USER;
const PARAM_CHARS = UNRESERVED | PARAM;

/**
 * The usual `sip:` / `sips:` URI read in place from a message, one pass over its bytes: `s[from, to)` with
 * `b[base + i]` the byte of `s[i]`. It takes a user without escapes or password, a host that is not an IPv6
 * reference, an optional port and parameters without escapes, and no URI headers (RFC 3261 §19.1.1); for anything
 * else, faults included, it returns `undefined` and the caller reads the URI with `parseUriRange`, which gives the
 * same `SipUri` for what this takes and reports the faults.
 */
export function wireSipUri(
  b: Uint8Array,
  s: string,
  from: number,
  to: number,
  base: number,
  maxLength: number,
): SipUri | undefined {
  if (to - from > maxLength) return undefined;
  let scheme: 'sip' | 'sips';
  let i: number;
  if (s.startsWith('sip:', from)) {
    scheme = 'sip';
    i = from + 4;
  } else if (s.startsWith('sips:', from)) {
    scheme = 'sips';
    i = from + 5;
  } else {
    return undefined;
  }
  let user: string | undefined;
  const at = s.indexOf('@', i);
  if (at !== -1 && at < to) {
    // A ":" (password) or "%" (escape) is outside these classes, so either sends the URI to the general parser.
    if (at === i) return undefined;
    for (let k = i; k < at; k++) if (((CHAR_CLASS[b[base + k] ?? 0] ?? 0) & USER_CHARS) === 0) return undefined;
    user = s.slice(i, at);
    i = at + 1;
  }
  const hostStart = i;
  let c = b[base + i] ?? 0;
  if (c === 0x5b) return undefined;
  while (i < to && c !== 0x3a && c !== 0x3b && c !== 0x3f) c = b[base + ++i] ?? 0;
  const hostType = classifyHost(s, hostStart, i);
  if (hostType === undefined) return undefined;
  const host = s.slice(hostStart, i);
  let port: number | undefined;
  if (i < to && c === 0x3a) {
    const portStart = ++i;
    let v = 0;
    // As the general parser reads it: up to six digits, at most 65535.
    for (c = b[base + i] ?? 0; i < to && c >= 0x30 && c <= 0x39 && i - portStart < 6; c = b[base + ++i] ?? 0) {
      v = v * 10 + c - 0x30;
    }
    if (i === portStart || v > 65535) return undefined;
    port = v;
  }
  let params: Map<string, string | null> = NO_PARAMS;
  if (i < to && c === 0x3b) {
    params = new Map();
    while (i < to && c === 0x3b) {
      const nameStart = ++i;
      for (c = b[base + i] ?? 0; i < to && ((CHAR_CLASS[c] ?? 0) & PARAM_CHARS) !== 0; c = b[base + ++i] ?? 0);
      if (i === nameStart) return undefined;
      const name = s.slice(nameStart, i).toLowerCase();
      let value: string | null = null;
      if (i < to && c === 0x3d) {
        const valueStart = ++i;
        for (c = b[base + i] ?? 0; i < to && ((CHAR_CLASS[c] ?? 0) & PARAM_CHARS) !== 0; c = b[base + ++i] ?? 0);
        if (i === valueStart) return undefined;
        value = s.slice(valueStart, i);
      }
      // RFC 3261 §19.1.1: a parameter appears once; the general parser reports a repeat.
      if ((i < to && c !== 0x3b) || params.has(name)) return undefined;
      params.set(name, value);
    }
  }
  if (i !== to) return undefined;
  // The same shape as the general parser's SIP URIs (absent parts `undefined`), so property reads stay monomorphic.
  return { kind: 'sip', scheme, user, password: undefined, host, hostType, port, params, headers: NO_HEADERS };
}
