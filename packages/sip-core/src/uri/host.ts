import { isDigit, isHexDigit } from '../chars.js';
import type { HostType } from './types.js';

function isAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isAlnum(c: number): boolean {
  return isAlpha(c) || isDigit(c);
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
function isHostname(s: string, start: number, end: number): boolean {
  let stop = end;
  if (stop > start && s.charCodeAt(stop - 1) === 0x2e) stop--; // a fully qualified trailing dot is allowed
  if (stop === start) return false;
  let labelStart = start;
  let lastLabelStart = start;
  for (let i = start; i <= stop; i++) {
    if (i === stop || s.charCodeAt(i) === 0x2e) {
      if (i === labelStart) return false;
      if (!isAlnum(s.charCodeAt(labelStart)) || !isAlnum(s.charCodeAt(i - 1))) return false;
      lastLabelStart = labelStart;
      labelStart = i + 1;
      continue;
    }
    const c = s.charCodeAt(i);
    if (!isAlnum(c) && c !== 0x2d) return false;
  }
  return isAlpha(s.charCodeAt(lastLabelStart));
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
