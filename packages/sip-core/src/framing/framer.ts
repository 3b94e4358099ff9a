import { Buffer } from 'node:buffer';
import { SipParseError } from '../errors.js';
import { parseContentLength } from '../header/specs.js';
import { resolveLimits, type SipLimits } from '../message/limits.js';
import { asBuffer, findHeaderEnd } from './header-end.js';

/** What a stream yields: whole message bytes, or an RFC 5626 §4.4.1 keep-alive. */
export type SipFrame =
  | { readonly type: 'message'; readonly bytes: Uint8Array }
  /** Double CRLF: the peer asks for a pong (answer with a single CRLF). */
  | { readonly type: 'ping' }
  /** Single CRLF: the answer to our ping. */
  | { readonly type: 'pong' };

export interface SipStreamFramerOptions {
  readonly limits?: Partial<SipLimits>;
  /**
   * RFC 5626 §4.4.1: clients send pings (CRLFCRLF) and servers answer with pongs (CRLF). As a `client` (the
   * default) every CRLF between messages is a pong and is reported at once; as a `server` a CRLFCRLF is a ping
   * and a lone CRLF a pong, which may wait for the next byte to tell them apart.
   */
  readonly role?: 'client' | 'server';
}

const EMPTY = Buffer.alloc(0);
const CRLFCRLF = Buffer.from('\r\n\r\n', 'latin1');

/**
 * Splits a TCP/TLS byte stream into SIP messages by header end and Content-Length (RFC 3261 §18.3), whatever
 * the chunk boundaries. Pure: bytes in, frames out. A thrown `SipParseError` means the stream cannot be framed
 * any more and the connection must be closed; every later `push` throws the same error.
 */
export class SipStreamFramer {
  readonly #limits: SipLimits;
  readonly #role: 'client' | 'server';
  #buf: Buffer = EMPTY;
  /** Where to resume the CRLFCRLF search, so a slow header section is scanned once. */
  #searchFrom = 0;
  /** Total length of the message being collected once its header section is known, else -1. */
  #frameEnd = -1;
  #failed: SipParseError | undefined;
  /** Bytes consumed before `#buf[0]`, for error offsets within the stream. */
  #consumed = 0;

  constructor(options: SipStreamFramerOptions = {}) {
    this.#limits = resolveLimits(options.limits);
    this.#role = options.role ?? 'client';
  }

  /** Chunks of a body still incomplete, joined once the message is whole (no quadratic re-copying). */
  #tail: Uint8Array[] = [];
  #tailLength = 0;

  /** Bytes held while waiting for the rest of a message. */
  get buffered(): number {
    return this.#buf.length + this.#tailLength;
  }

  push(chunk: Uint8Array): SipFrame[] {
    if (this.#failed !== undefined) throw this.#failed;
    if (chunk.length === 0) return [];
    if (this.#frameEnd !== -1 && this.#buf.length + this.#tailLength + chunk.length < this.#frameEnd) {
      this.#tail.push(chunk);
      this.#tailLength += chunk.length;
      return [];
    }
    if (this.#frameEnd === -1 && this.#stillInHeaders(chunk)) {
      this.#tail.push(chunk);
      this.#tailLength += chunk.length;
      return [];
    }
    if (this.#buf.length === 0 && this.#tailLength === 0) {
      this.#buf = asBuffer(chunk);
    } else {
      this.#buf = Buffer.concat([this.#buf, ...this.#tail, chunk]);
      this.#tail = [];
      this.#tailLength = 0;
    }
    const out: SipFrame[] = [];
    try {
      this.#drain(out);
    } catch (e) {
      if (e instanceof SipParseError) {
        this.#failed = new SipParseError(e.code, e.message, this.#consumed + e.offset, { cause: e });
        throw this.#failed;
      }
      throw e;
    }
    return out;
  }

  /**
   * True when a partial header section is buffered and `chunk` cannot complete it: no CRLFCRLF across the last
   * three buffered bytes and the chunk, and the header limit not yet reached. Such chunks are queued, so a peer
   * trickling a header byte by byte costs linear, not quadratic, copying.
   */
  #stillInHeaders(chunk: Uint8Array): boolean {
    const held = this.#buf.length + this.#tailLength;
    if (held === 0 || this.#buf[0] === 0x0d || held + chunk.length > this.#limits.maxHeaderBytes) return false;
    const edge: number[] = [];
    for (let t = this.#tail.length - 1; t >= -1 && edge.length < 3; t--) {
      const piece = t === -1 ? this.#buf : this.#tail[t];
      if (piece === undefined) continue;
      for (let k = piece.length - 1; k >= 0 && edge.length < 3; k--) edge.unshift(piece[k] ?? 0);
    }
    const probe = Buffer.concat([Buffer.from(edge), chunk]);
    return probe.indexOf(CRLFCRLF) === -1;
  }

  #drain(out: SipFrame[]): void {
    const buf = this.#buf;
    let pos = 0;
    while (pos < buf.length) {
      if (this.#frameEnd === -1) {
        if (buf[pos] === 0x0d) {
          const step = this.#keepAlive(buf, pos, out);
          if (step === 0) break;
          pos += step;
          this.#searchFrom = pos;
          continue;
        }
        const end = findHeaderEnd(buf, pos, Math.max(pos, this.#searchFrom), this.#limits.maxHeaderBytes);
        if (end === -1) {
          this.#searchFrom = Math.max(pos, buf.length - 3);
          break;
        }
        const length = this.#contentLength(buf, pos, end);
        this.#frameEnd = end + 4 + length;
      }
      if (this.#frameEnd > buf.length) break;
      out.push({ type: 'message', bytes: buf.subarray(pos, this.#frameEnd) });
      pos = this.#frameEnd;
      this.#frameEnd = -1;
      this.#searchFrom = pos;
    }
    this.#buf = pos >= buf.length ? EMPTY : buf.subarray(pos);
    this.#consumed += pos;
    if (this.#frameEnd !== -1) this.#frameEnd -= pos;
    this.#searchFrom = Math.max(0, this.#searchFrom - pos);
  }

  /** Consumes a keep-alive at `pos`; returns the bytes used, or 0 when more input is needed to decide. */
  #keepAlive(buf: Buffer, pos: number, out: SipFrame[]): number {
    if (pos + 1 >= buf.length) return 0;
    if (buf[pos + 1] !== 0x0a) throw new SipParseError('BAD_LINE_BREAK', 'CR without LF between messages', pos);
    if (this.#role === 'client') {
      out.push({ type: 'pong' });
      return 2;
    }
    if (pos + 2 >= buf.length) return 0;
    if (buf[pos + 2] !== 0x0d) {
      out.push({ type: 'pong' });
      return 2;
    }
    if (pos + 3 >= buf.length) return 0;
    if (buf[pos + 3] !== 0x0a) throw new SipParseError('BAD_LINE_BREAK', 'CR without LF between messages', pos + 2);
    out.push({ type: 'ping' });
    return 4;
  }

  /** Finds Content-Length (or `l`) in the header section; RFC 3261 §18.3 makes it mandatory on streams. */
  #contentLength(buf: Buffer, start: number, end: number): number {
    const s = buf.toString('latin1', start, end + 2);
    let found = -1;
    let pos = s.indexOf('\r\n') + 2;
    while (pos > 1 && pos < s.length) {
      let lineEnd = s.indexOf('\r\n', pos);
      const c = s.charCodeAt(pos) | 0x20;
      if (c === 0x63 || c === 0x6c) {
        const colon = s.indexOf(':', pos);
        const name = colon === -1 || colon > lineEnd ? '' : s.slice(pos, colon).trimEnd().toLowerCase();
        if (name === 'content-length' || name === 'l') {
          // A folded value continues on lines starting with whitespace.
          while (lineEnd + 2 < s.length && (s.charCodeAt(lineEnd + 2) === 0x20 || s.charCodeAt(lineEnd + 2) === 0x09)) {
            lineEnd = s.indexOf('\r\n', lineEnd + 2);
          }
          if (found !== -1) throw new SipParseError('DUPLICATE_HEADER', 'more than one Content-Length', start + pos);
          found = parseContentLength(s.slice(colon + 1, lineEnd).replace(/\r\n/g, ''), start + colon + 1);
        }
      }
      pos = lineEnd + 2;
    }
    if (found === -1) throw new SipParseError('MISSING_HEADER', 'no Content-Length on a stream transport', start);
    if (found > this.#limits.maxBodyBytes) {
      throw new SipParseError('BODY_TOO_LARGE', `Content-Length over ${this.#limits.maxBodyBytes}`, start);
    }
    return found;
  }
}
