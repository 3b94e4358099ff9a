import { hasClass, isDigit, TOKEN } from '../chars.js';
import { SipParseError } from '../errors.js';
import { ValueCursor } from './cursor.js';

/** CSeq (RFC 3261 §20.16). */
export interface CSeq {
  readonly seq: number;
  readonly method: string;
}

/** RFC 3261 §8.1.1.5: the sequence number is a 32-bit unsigned integer below 2^31. */
export const MAX_CSEQ = 0x7fffffff;

export function parseCSeq(s: string, base: number): CSeq {
  const c = new ValueCursor(s, base);
  c.ws();
  const start = c.pos;
  let seq = 0;
  while (!c.atEnd() && isDigit(c.peek())) {
    seq = seq * 10 + c.peek() - 0x30;
    c.pos++;
    if (seq > MAX_CSEQ) throw new SipParseError('BAD_CSEQ', 'CSeq number must be below 2^31', base + start);
  }
  if (c.pos === start) throw new SipParseError('BAD_CSEQ', 'CSeq without a number', base + start);
  const wsStart = c.pos;
  c.ws();
  if (c.pos === wsStart) throw new SipParseError('BAD_CSEQ', 'CSeq without a method', base + c.pos);
  const method = c.token('method');
  c.ws();
  if (!c.atEnd()) throw new SipParseError('BAD_CSEQ', 'trailing characters in CSeq', base + c.pos);
  return { seq, method };
}

/**
 * {@link parseCSeq} straight from the wire for the usual `digits SP method`: the value at `s[from, to)` with
 * `b[base + i]` the byte of `s[i]`. Returns `undefined` instead of throwing; the caller then reads the value the
 * usual way, which reports the fault.
 */
export function wireCSeq(b: Uint8Array, s: string, from: number, to: number, base: number): CSeq | undefined {
  let i = from;
  let seq = 0;
  let c = b[base + i] ?? 0;
  while (i < to && c >= 0x30 && c <= 0x39) {
    seq = seq * 10 + c - 0x30;
    if (seq > MAX_CSEQ) return undefined;
    c = b[base + ++i] ?? 0;
  }
  if (i === from || c !== 0x20) return undefined;
  const methodStart = ++i;
  while (i < to && hasClass(b[base + i] ?? 0, TOKEN)) i++;
  if (i === methodStart || i !== to) return undefined;
  return { seq, method: s.slice(methodStart, to) };
}
