import { LOWER } from '../chars.js';
import { SipParseError } from '../errors.js';
import { PARAM_CHARS } from './cursor.js';

// Where the parameters of the header value scanned last are: per parameter nameStart, nameEnd, valueStart,
// valueEnd (valueStart -1 for a bare name). Reused by every scan (parsing is synchronous and callers read the
// spans before scanning again), so that reading a Via branch or a From tag allocates nothing but the value.
const MAX_FAST_PARAMS = 32;
const SPANS = new Int32Array(MAX_FAST_PARAMS * 4);

/**
 * Checks `*( ";" token [ "=" gen-value ] )` from `start` to the end of `s` in the common shape without whitespace
 * or quotes — exactly what `fastParams` accepts, with the same duplicate check — and records where each parameter
 * is. Returns how many there are, or -1 when the section needs the general parser. Use {@link paramIndex} and
 * {@link paramValue} before the next scan.
 */
export function scanParams(s: string, start: number, base: number): number {
  const end = s.length;
  let count = 0;
  let i = start;
  while (i < end) {
    if (s.charCodeAt(i) !== 0x3b || count === MAX_FAST_PARAMS) return -1;
    const nameStart = ++i;
    let c = -1;
    for (; i < end; i++) {
      c = s.charCodeAt(i);
      if (((PARAM_CHARS[c] ?? 0) & 1) === 0) break;
    }
    if (i === nameStart) return -1;
    const nameEnd = i;
    let valueStart = -1;
    if (i < end) {
      if (c === 0x3d) {
        valueStart = ++i;
        while (i < end && ((PARAM_CHARS[s.charCodeAt(i)] ?? 0) & 2) !== 0) i++;
        if (i === valueStart || (i < end && s.charCodeAt(i) !== 0x3b)) return -1;
      } else if (c !== 0x3b) {
        return -1;
      }
    }
    // RFC 3261 §7.3.1 does not allow a parameter twice; parameter names are case-insensitive (§7.3.1).
    for (let k = 0; k < count; k++) {
      if (sameName(s, SPANS[k * 4] ?? 0, SPANS[k * 4 + 1] ?? 0, nameStart, nameEnd)) {
        const name = s.slice(nameStart, nameEnd).toLowerCase();
        throw new SipParseError('BAD_HEADER_VALUE', `duplicate parameter ${name}`, base + nameStart);
      }
    }
    const at = count * 4;
    SPANS[at] = nameStart;
    SPANS[at + 1] = nameEnd;
    SPANS[at + 2] = valueStart;
    SPANS[at + 3] = i;
    count++;
  }
  return count;
}

function sameName(s: string, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false;
  for (let k = 0; k < aEnd - a; k++) {
    if (LOWER[s.charCodeAt(a + k)] !== LOWER[s.charCodeAt(b + k)]) return false;
  }
  return true;
}

/** Index of the parameter called `name` (lower case) among the `count` scanned last from `s`, or -1. */
export function paramIndex(s: string, count: number, name: string): number {
  for (let k = 0; k < count; k++) {
    const start = SPANS[k * 4] ?? 0;
    if ((SPANS[k * 4 + 1] ?? 0) - start !== name.length) continue;
    let j = 0;
    while (j < name.length && LOWER[s.charCodeAt(start + j)] === name.charCodeAt(j)) j++;
    if (j === name.length) return k;
  }
  return -1;
}

/**
 * The value of the parameter at `index` (from {@link paramIndex}): `undefined` when absent (-1), `null` for a
 * bare name.
 */
export function paramValue(s: string, index: number): string | null | undefined {
  if (index === -1) return undefined;
  const valueStart = SPANS[index * 4 + 2] ?? -1;
  return valueStart === -1 ? null : s.slice(valueStart, SPANS[index * 4 + 3] ?? 0);
}

/** {@link paramValue} for a parameter that must carry a value when present (`tag=…`, `branch=…`). */
export function requiredParamValue(s: string, index: number, name: string, base: number): string | undefined {
  const v = paramValue(s, index);
  if (v === null) throw new SipParseError('BAD_HEADER_VALUE', `parameter ${name} needs a value`, base);
  return v;
}
