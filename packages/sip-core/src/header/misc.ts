import { CHAR_CLASS, isToken, WORD } from '../chars.js';
import { SipParseError } from '../errors.js';
import { type HeaderParams, parseInteger, ValueCursor, valueParam } from './cursor.js';

/** Call-ID (RFC 3261 §20.8): `word [ "@" word ]`, compared case-sensitively. */
export function parseCallId(s: string, base: number): string {
  const v = s.trim();
  // One pass: every character a word character but at most one "@", with a word on each side of it.
  let at = -1;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (((CHAR_CLASS[c] ?? 0) & WORD) !== 0) continue;
    if (c !== 0x40 || at !== -1) throw new SipParseError('BAD_HEADER_VALUE', 'bad Call-ID', base);
    at = i;
  }
  if (v.length === 0 || at === 0 || at === v.length - 1) {
    throw new SipParseError('BAD_HEADER_VALUE', 'bad Call-ID', base);
  }
  return v;
}

/**
 * {@link parseCallId} straight from the wire: the value at `s[from, to)` with `b[base + i]` the byte of `s[i]`.
 * Returns `undefined` instead of throwing; the caller then reads the value the usual way, which reports the fault.
 */
export function wireCallId(b: Uint8Array, s: string, from: number, to: number, base: number): string | undefined {
  let at = -1;
  for (let i = from; i < to; i++) {
    const c = b[base + i] ?? 0;
    if (((CHAR_CLASS[c] ?? 0) & WORD) !== 0) continue;
    if (c !== 0x40 || at !== -1) return undefined;
    at = i;
  }
  if (from === to || at === from || at === to - 1) return undefined;
  return s.slice(from, to);
}

/** `parseContentLength` straight from the wire (`b[base + i]` the byte of `s[i]`), or `undefined`. */
export function wireContentLength(b: Uint8Array, from: number, to: number, base: number): number | undefined {
  if (from === to || to - from > 15) return undefined;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = (b[base + i] ?? 0) - 0x30;
    if (d < 0 || d > 9) return undefined;
    n = n * 10 + d;
  }
  return n;
}

/** One option tag of Require / Supported / Unsupported / Proxy-Require (RFC 3261 §20.32). */
export function parseOptionTag(s: string, base: number): string {
  if (!isToken(s)) throw new SipParseError('BAD_HEADER_VALUE', 'option tag must be a token', base);
  return s;
}

/** SIP-ETag / SIP-If-Match (RFC 3903 §11.3): entity-tag = token. */
export function parseEntityTag(s: string, base: number): string {
  const v = s.trim();
  if (!isToken(v)) throw new SipParseError('BAD_HEADER_VALUE', 'entity-tag must be a token', base);
  return v;
}

/** Retry-After (RFC 3261 §20.33). */
export interface RetryAfter {
  readonly seconds: number;
  readonly comment?: string;
  readonly duration?: number;
  readonly params: HeaderParams;
}

// A comment nests parentheses; bound the depth so hostile input cannot make it costly.
const MAX_COMMENT_DEPTH = 32;

export function parseRetryAfter(s: string, base: number): RetryAfter {
  const c = new ValueCursor(s, base);
  c.ws();
  const seconds = c.integer('delta-seconds');
  c.ws();
  let comment: string | undefined;
  if (c.peek() === 0x28) {
    const start = c.pos;
    let depth = 0;
    while (!c.atEnd()) {
      const ch = c.peek();
      if (ch === 0x5c) c.pos++;
      else if (ch === 0x28 && ++depth > MAX_COMMENT_DEPTH) c.fail('comment nested too deeply');
      else if (ch === 0x29 && --depth === 0) break;
      c.pos++;
    }
    if (c.atEnd()) c.fail('unterminated comment', start);
    c.pos++;
    comment = s.slice(start + 1, c.pos - 1);
  }
  const params = c.params();
  const duration = valueParam(params, 'duration', base);
  return {
    seconds,
    params,
    comment: comment,
    duration: duration === undefined ? undefined : parseInteger(duration, base, 'duration'),
  };
}
