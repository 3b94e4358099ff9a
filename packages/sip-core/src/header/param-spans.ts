import { LOWER } from '../chars.js';
import { fastParams, type HeaderParams, PARAM_CHARS } from './cursor.js';

// Where the parameters of the header value scanned last are: per parameter nameStart, nameEnd, valueStart,
// valueEnd (valueStart -1 for a bare name), as indices into the text the caller passed. Reused by every scan
// (parsing is synchronous and callers read the spans before scanning again), so that reading a Via branch or a
// From tag allocates nothing but the value.
const MAX_FAST_PARAMS = 32;
const SPANS = new Int32Array(MAX_FAST_PARAMS * 4);

/**
 * Checks `*( ";" token [ "=" gen-value ] )` over `s[from, to)` in the common shape without whitespace or quotes
 * (exactly what `fastParams` accepts) and records where each parameter is. The characters are read from the wire
 * bytes, `b[base + i]` being `s[i]` (a typed-array read is cheaper than `charCodeAt`). Returns how many parameters
 * there are, or -1 when the section needs the general parser, duplicates included (which reports them).
 */
export function scanParamBytes(b: Uint8Array, s: string, from: number, to: number, base: number): number {
  let count = 0;
  let i = from;
  while (i < to) {
    if (b[base + i] !== 0x3b || count === MAX_FAST_PARAMS) return -1;
    const nameStart = ++i;
    let c = -1;
    for (; i < to; i++) {
      c = b[base + i] ?? 0;
      if (((PARAM_CHARS[c] ?? 0) & 1) === 0) break;
    }
    if (i === nameStart) return -1;
    const nameEnd = i;
    let valueStart = -1;
    if (i < to) {
      if (c === 0x3d) {
        valueStart = ++i;
        while (i < to && ((PARAM_CHARS[b[base + i] ?? 0] ?? 0) & 2) !== 0) i++;
        if (i === valueStart || (i < to && b[base + i] !== 0x3b)) return -1;
      } else if (c !== 0x3b) {
        return -1;
      }
    }
    // RFC 3261 §7.3.1 does not allow a parameter twice; parameter names are case-insensitive.
    for (let k = 0; k < count; k++)
      if (sameName(s, SPANS[k * 4] ?? 0, SPANS[k * 4 + 1] ?? 0, nameStart, nameEnd)) return -1;
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

/** True when the parameter at `index` (of the scan made last over `s`) is called `name` (lower case). */
export function paramIs(s: string, index: number, name: string): boolean {
  const start = SPANS[index * 4] ?? 0;
  if ((SPANS[index * 4 + 1] ?? 0) - start !== name.length) return false;
  // The usual lower-case spelling with one native comparison; then any letter case.
  if (s.startsWith(name, start)) return true;
  let j = 0;
  while (j < name.length && LOWER[s.charCodeAt(start + j)] === name.charCodeAt(j)) j++;
  return j === name.length;
}

/** True when the parameter at `index` (of the scan made last) has no value (`;lr`). */
export function paramIsBare(index: number): boolean {
  return (SPANS[index * 4 + 2] ?? -1) === -1;
}

/** The value of the parameter at `index` (of the scan made last over `s`), `undefined` for -1 or a bare name. */
export function paramValue(s: string, index: number): string | undefined {
  if (index === -1) return undefined;
  const valueStart = SPANS[index * 4 + 2] ?? -1;
  return valueStart === -1 ? undefined : s.slice(valueStart, SPANS[index * 4 + 3] ?? 0);
}

/**
 * The map of `source[start, end)`, a section {@link scanParamBytes} accepted (so `fastParams` takes it and cannot
 * fail); `base` is the offset of `source[0]`. Parsers keep these four values and build the map only when asked.
 */
export function buildParams(source: string, start: number, end: number, base: number): HeaderParams {
  return fastParams(source, start, base, end) ?? new Map<string, string | null>();
}
