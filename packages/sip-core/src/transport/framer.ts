import { SipParseError } from '../errors.js';

/** What the stream framer yields: one complete message, or an RFC 5626 §3.5.1 keep-alive. */
export type FrameEvent =
  | { readonly kind: 'message'; readonly bytes: Uint8Array }
  | { readonly kind: 'ping' }
  | { readonly kind: 'pong' };

export interface FramerLimits {
  readonly maxHeaderBytes: number;
  readonly maxBodyBytes: number;
}

const DEFAULT_FRAMER_LIMITS: FramerLimits = { maxHeaderBytes: 64 * 1024, maxBodyBytes: 16 * 1024 * 1024 };

/**
 * Splits a TCP/TLS byte stream into SIP messages by header end and Content-Length (RFC 3261 §18.3), and recognises
 * the CRLF keep-alives of RFC 5626 §3.5.1 between messages (CRLFCRLF ping, CRLF pong).
 *
 * Local adapter until part 1 exports its stream framer.
 */
export class StreamFramer {
  #buffer: Uint8Array = new Uint8Array(0);
  readonly #limits: FramerLimits;

  constructor(limits: Partial<FramerLimits> = {}) {
    this.#limits = { ...DEFAULT_FRAMER_LIMITS, ...limits };
  }

  /** Feeds a chunk; returns every complete frame it finished. Throws {@link SipParseError} on a broken stream. */
  push(chunk: Uint8Array): FrameEvent[] {
    const joined = new Uint8Array(this.#buffer.length + chunk.length);
    joined.set(this.#buffer, 0);
    joined.set(chunk, this.#buffer.length);
    this.#buffer = joined;
    const out: FrameEvent[] = [];
    for (;;) {
      const b = this.#buffer;
      if (b.length === 0) break;
      if (b[0] === 13) {
        if (b.length < 2) break;
        if (b[1] !== 10) throw new SipParseError('BAD_LINE_BREAK', 'CR without LF between messages', 0);
        if (b.length >= 4 && b[2] === 13 && b[3] === 10) {
          out.push({ kind: 'ping' });
          this.#buffer = b.subarray(4);
        } else if (b.length === 2 || b[2] !== 13) {
          out.push({ kind: 'pong' });
          this.#buffer = b.subarray(2);
        } else break;
        continue;
      }
      const end = findHeaderEnd(b, this.#limits.maxHeaderBytes);
      if (end < 0) break;
      const length = contentLength(b.subarray(0, end));
      if (length > this.#limits.maxBodyBytes) {
        throw new SipParseError('BODY_TOO_LARGE', `Content-Length ${length} over the limit`, 0);
      }
      const total = end + 4 + length;
      if (b.length < total) break;
      out.push({ kind: 'message', bytes: b.slice(0, total) });
      this.#buffer = b.subarray(total);
    }
    return out;
  }

  /** Bytes received but not yet framed. */
  get buffered(): number {
    return this.#buffer.length;
  }
}

function findHeaderEnd(b: Uint8Array, max: number): number {
  const limit = Math.min(b.length, max + 4);
  for (let i = 0; i + 3 < limit; i++) {
    if (b[i] === 13 && b[i + 1] === 10 && b[i + 2] === 13 && b[i + 3] === 10) return i;
  }
  if (b.length > max) throw new SipParseError('HEADER_SECTION_TOO_LARGE', 'header section over the limit', max);
  return -1;
}

const headDecoder = new TextDecoder();

function contentLength(head: Uint8Array): number {
  const text = headDecoder.decode(head);
  const m = /\r\n(?:content-length|l)[ \t]*:[ \t]*(\d{1,10})[ \t]*(?=\r\n|$)/i.exec(text);
  // RFC 3261 §18.3: on a stream Content-Length is mandatory; missing means we cannot frame the rest.
  if (m === null) throw new SipParseError('BAD_CONTENT_LENGTH', 'missing Content-Length on a stream', 0);
  return Number(m[1]);
}
