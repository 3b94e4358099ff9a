import { CHAR_CLASS, HOST, isDigit, isHexDigit } from '../chars.js';
import type { HostType } from './types.js';

function isAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isIpv4(s: string, start: number, end: number): boolean {
  let parts = 0;
  let i = start;
  while (i < end) {
    let v = 0;
    let digits = 0;
    while (i < end && isDigit(s.charCodeAt(i))) {
      v = v * 10 + s.charCodeAt(i) - 0x30;
      digits++;
      i++;
      if (digits > 3) return false;
    }
    if (digits === 0 || v > 255) return false;
    parts++;
    if (i < end) {
      if (s.charCodeAt(i) !== 0x2e || parts === 4) return false;
      i++;
      if (i === end) return false;
    }
  }
  return parts === 4;
}

// RFC 3261 §25.1 hostname: labels of alphanum and "-" (not at either end); the top label starts with a letter.
// One pass with a table lookup per character.
function isHostname(s: string, start: number, end: number): boolean {
  let stop = end;
  if (stop > start && s.charCodeAt(stop - 1) === 0x2e) stop--; // a fully qualified trailing dot is allowed
  if (stop === start) return false;
  let prev = 0x2e; // as if after a dot: the first label starts here
  let labelFirst = 0;
  for (let i = start; i < stop; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2e) {
      if (prev === 0x2e || prev === 0x2d) return false;
    } else if (c === 0x2d) {
      if (prev === 0x2e) return false;
    } else if (((CHAR_CLASS[c] ?? 0) & HOST) === 0) {
      return false;
    } else if (prev === 0x2e) {
      labelFirst = c;
    }
    prev = c;
  }
  return prev !== 0x2d && prev !== 0x2e && isAlpha(labelFirst);
}

// RFC 4291 §2.2 text forms, optionally ending in an IPv4 address; at most one "::".
function isIpv6(s: string, start: number, end: number): boolean {
  let groups = 0;
  let doubleColon = false;
  let i = start;
  if (s.charCodeAt(i) === 0x3a) {
    if (s.charCodeAt(i + 1) !== 0x3a) return false;
    doubleColon = true;
    i += 2;
    if (i === end) return true;
  }
  while (i < end) {
    const groupStart = i;
    while (i < end && isHexDigit(s.charCodeAt(i))) i++;
    const len = i - groupStart;
    if (i < end && s.charCodeAt(i) === 0x2e) {
      if (!isIpv4(s, groupStart, end)) return false;
      groups += 2;
      i = end;
      break;
    }
    if (len === 0 || len > 4) return false;
    groups++;
    if (i === end) break;
    if (s.charCodeAt(i) !== 0x3a) return false;
    i++;
    if (s.charCodeAt(i) === 0x3a) {
      if (doubleColon) return false;
      doubleColon = true;
      i++;
      if (i === end) break;
    } else if (i === end) {
      return false;
    }
  }
  return doubleColon ? groups < 8 : groups === 8;
}

/** Classifies `s[start, end)` as a host, or returns `undefined` when it is none (RFC 3261 §25.1 host). */
export function classifyHost(s: string, start: number, end: number): HostType | undefined {
  if (start >= end) return undefined;
  if (s.charCodeAt(start) === 0x5b) {
    if (s.charCodeAt(end - 1) !== 0x5d) return undefined;
    return isIpv6(s, start + 1, end - 1) ? 'ipv6' : undefined;
  }
  if (isIpv4(s, start, end)) return 'ipv4';
  return isHostname(s, start, end) ? 'domain' : undefined;
}
