import type { Buffer } from 'node:buffer';
import { HeaderId, headerKey, KNOWN_KEYS, knownKeyId } from './names.js';
import { unfold } from './unfold.js';

/** Ints per header line in {@link WireHeaders.fields}. */
export const WIRE_STRIDE = 5;
/** Flag in the fifth int of a line: the value spans folded lines (RFC 3261 §7.3.1). */
export const WIRE_FOLDED = 1;
/** Ints after the lines in {@link WireHeaders.fields}: where the headers the parser checks are. */
export const CHECKED_COUNT = 6;

/**
 * The header lines of a parsed message kept as offsets into the wire bytes: names and values become strings only
 * when read, since a UA reads a handful of the dozen or so headers of each message.
 *
 * `text` is the header section decoded as latin1 (one character per byte, so string index = byte offset from
 * `base`); `fields` holds, per line, `nameStart, nameEnd, valueStart, valueEnd, keyId << 1 | folded` as indices
 * into `text`, the value trimmed of surrounding whitespace, then (after the `count` lines) the line index of the
 * first Via, From, To, Call-ID, CSeq and Content-Length (by HeaderId - 1), or -1. A non-ASCII section (already checked to be UTF-8) has
 * its values decoded from `bytes` instead. @internal
 */
export class WireHeaders {
  readonly count: number;
  #unknownKeys: string[] | undefined;

  constructor(
    readonly text: string,
    readonly bytes: Buffer,
    readonly base: number,
    readonly ascii: boolean,
    readonly fields: readonly number[],
    count: number,
  ) {
    this.count = count;
  }

  /** The known key id of line `i` (see `knownKeyId`), 0 for other headers. */
  keyId(i: number): number {
    return (this.fields[i * WIRE_STRIDE + 4] ?? 0) >> 1;
  }

  /** The name as written (always ASCII: the parser checked it is a token). */
  name(i: number): string {
    const f = i * WIRE_STRIDE;
    return this.text.slice(this.fields[f] ?? 0, this.fields[f + 1] ?? 0);
  }

  key(i: number): string {
    const id = this.keyId(i);
    if (id !== 0) return KNOWN_KEYS[id] ?? '';
    this.#unknownKeys ??= [];
    let key = this.#unknownKeys[i];
    if (key === undefined) {
      key = headerKey(this.name(i));
      this.#unknownKeys[i] = key;
    }
    return key;
  }

  /** The value as written, unfolded; not checked for control characters (the caller does that when it reads). */
  value(i: number): string {
    const f = i * WIRE_STRIDE;
    const start = this.fields[f + 2] ?? 0;
    const end = this.fields[f + 3] ?? 0;
    const raw = this.ascii
      ? this.text.slice(start, end)
      : this.bytes.toString('utf8', this.base + start, this.base + end);
    return ((this.fields[f + 4] ?? 0) & WIRE_FOLDED) === 0 ? raw : unfold(raw).trim();
  }

  /** True when line `i` is on one line of an ASCII section: its value is `text[valueStart, valueEnd)` as is. */
  plain(i: number): boolean {
    return this.ascii && ((this.fields[i * WIRE_STRIDE + 4] ?? 0) & WIRE_FOLDED) === 0;
  }

  /** Byte offset of the value in the parsed input. */
  offset(i: number): number {
    return this.base + (this.fields[i * WIRE_STRIDE + 2] ?? 0);
  }

  /** Index of the first line at or after `from` whose lookup key is `key`, or -1. */
  indexOf(key: string, from = 0): number {
    const checkedId = checkedHeaderId(key);
    if (checkedId !== 0) {
      // The parser found where these are, and that none but Via repeats.
      const first = this.fields[this.count * WIRE_STRIDE + checkedId - 1] ?? -1;
      if (from <= first || first === -1) return first;
      if (checkedId !== HeaderId.Via) return -1;
    }
    const id = checkedId === 0 ? knownKeyId(key) : checkedId;
    const n = this.count;
    if (id !== 0) {
      for (let i = from; i < n; i++) if ((this.fields[i * WIRE_STRIDE + 4] ?? 0) >> 1 === id) return i;
      return -1;
    }
    // Names the parser does not know have key id 0 (a known key is never spelled by such a name).
    for (let i = from; i < n; i++) if (this.keyId(i) === 0 && this.key(i) === key) return i;
    return -1;
  }
}

// The lookup keys are literals, so these comparisons are pointer checks.
function checkedHeaderId(key: string): number {
  switch (key) {
    case 'via':
      return HeaderId.Via;
    case 'from':
      return HeaderId.From;
    case 'to':
      return HeaderId.To;
    case 'call-id':
      return HeaderId.CallId;
    case 'cseq':
      return HeaderId.CSeq;
    case 'content-length':
      return HeaderId.ContentLength;
    default:
      return 0;
  }
}
