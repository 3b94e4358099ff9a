import { Buffer, isAscii } from 'node:buffer';
import { hasClass, TOKEN } from '../chars.js';
import { SipParseError } from '../errors.js';
import { asBuffer } from '../framing/header-end.js';
import { parseCSeq } from '../header/cseq.js';
import { SipHeaders } from '../header/headers.js';
import { HeaderId, headerId, internedHeaderKey, wellKnownHeader } from '../header/names.js';
import { parseContentLength } from '../header/specs.js';
import { parseUriRange } from '../uri/parse.js';
import { resolveLimits, type SipLimits } from './limits.js';
import type { SipMessage } from './types.js';
import { unfold } from './unfold.js';

export type ParseOptions = Partial<SipLimits>;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array, offset: number): string {
  try {
    return UTF8.decode(bytes);
  } catch (cause) {
    throw new SipParseError('BAD_CHARACTER', 'header section is not valid UTF-8', offset, { cause });
  }
}

function isWsp(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/**
 * Decodes one SIP message. Framing (where the message ends) is the caller's business: a datagram, a frame from
 * `SipStreamFramer`, or a string in a test. Throws `SipParseError` with the byte offset on malformed input.
 */
export function parseMessage(input: Uint8Array | string, options?: ParseOptions): SipMessage {
  const limits = resolveLimits(options);
  const buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : asBuffer(input);
  let start = 0;
  // RFC 3261 §7.5: CRLFs before the start line are ignored.
  while (start + 1 < buf.length && buf[start] === 0x0d && buf[start + 1] === 0x0a) start += 2;
  if (start >= buf.length) throw new SipParseError('EMPTY_MESSAGE', 'no message', start);
  // One latin1 decode of (at most) the header limit: latin1 maps bytes 1:1 to string indices, so the header end
  // is found by a string search and `start + i` is the byte offset of `s[i]`.
  let s = buf.toString('latin1', start, Math.min(buf.length, start + limits.maxHeaderBytes + 2));
  const blank = s.indexOf('\r\n\r\n');
  if (blank === -1 || blank + 4 > limits.maxHeaderBytes) {
    if (blank !== -1 || buf.length - start > limits.maxHeaderBytes) {
      throw new SipParseError('HEADER_SECTION_TOO_LARGE', `header section over ${limits.maxHeaderBytes} bytes`, start);
    }
    throw new SipParseError('UNTERMINATED_HEADERS', 'header section does not end in CRLFCRLF', start);
  }
  // Non-ASCII header sections (UTF-8 display names, reason phrases) are decoded again, strictly.
  const section = buf.subarray(start, start + blank + 2);
  const ascii = isAscii(section);
  if (!ascii) s = decodeUtf8(section, start);
  return decode(buf, s, ascii ? blank + 2 : s.length, start, start + blank + 4, ascii, limits);
}

/**
 * Decodes the header section `s[0, n)` (ending in CRLF) of the message starting at byte `start` of `buf`;
 * the body starts at byte `bodyStart`. @internal
 */
function decode(
  buf: Buffer,
  s: string,
  n: number,
  start: number,
  bodyStart: number,
  ascii: boolean,
  limits: SipLimits,
): SipMessage {
  const at = ascii ? (i: number): number => start + i : (i: number): number => start + Buffer.byteLength(s.slice(0, i));
  const startLineEnd = lineEnd(s, 0, at);

  const names: string[] = [];
  const keys: string[] = [];
  const values: string[] = [];
  const offsets: number[] = [];
  let via = -1;
  let from = -1;
  let to = -1;
  let callId = -1;
  let cseq = -1;
  let contentLength = -1;

  let pos = startLineEnd + 2;
  while (pos < n) {
    if (isWsp(s.charCodeAt(pos))) throw new SipParseError('BAD_FOLD', 'continuation line without a header', at(pos));
    const firstEnd = lineEnd(s, pos, at);
    let end = firstEnd;
    let folded = false;
    // RFC 3261 §7.3.1: a line starting with whitespace continues the previous header.
    while (end + 2 < n && isWsp(s.charCodeAt(end + 2))) {
      end = lineEnd(s, end + 2, at);
      folded = true;
    }
    const colon = s.indexOf(':', pos);
    if (colon === -1 || colon > firstEnd) throw new SipParseError('BAD_HEADER_NAME', 'header without ":"', at(pos));
    let nameEnd = colon;
    while (nameEnd > pos && isWsp(s.charCodeAt(nameEnd - 1))) nameEnd--;
    if (nameEnd === pos) throw new SipParseError('BAD_HEADER_NAME', 'empty header name', at(pos));
    const known = wellKnownHeader(s, pos, nameEnd);
    if (known === undefined) {
      for (let i = pos; i < nameEnd; i++) {
        if (!hasClass(s.charCodeAt(i), TOKEN)) {
          throw new SipParseError('BAD_HEADER_NAME', 'header name is not a token', at(i));
        }
      }
    }
    let vStart = colon + 1;
    while (vStart < end && isWsp(s.charCodeAt(vStart))) vStart++;
    let vEnd = end;
    while (vEnd > vStart && isWsp(s.charCodeAt(vEnd - 1))) vEnd--;
    // Values are checked for control characters when read (see HeaderList), not here: most are never read.
    const value = folded ? unfold(s.slice(vStart, vEnd)).trim() : s.slice(vStart, vEnd);
    const name = known === undefined ? s.slice(pos, nameEnd) : known.name;
    const key = known === undefined ? internedHeaderKey(name) : known.key;
    const index = names.length;
    if (index >= limits.maxHeaderCount) {
      throw new SipParseError('TOO_MANY_HEADERS', `more than ${limits.maxHeaderCount} headers`, at(pos));
    }
    names.push(name);
    keys.push(key);
    values.push(value);
    offsets.push(start + vStart);
    switch (known === undefined ? headerId(key) : known.id) {
      case HeaderId.Via:
        if (via === -1) via = index;
        break;
      case HeaderId.From:
        from = from === -1 ? index : dup('From', at(pos));
        break;
      case HeaderId.To:
        to = to === -1 ? index : dup('To', at(pos));
        break;
      case HeaderId.CallId:
        callId = callId === -1 ? index : dup('Call-ID', at(pos));
        break;
      case HeaderId.CSeq:
        cseq = cseq === -1 ? index : dup('CSeq', at(pos));
        break;
      case HeaderId.ContentLength:
        contentLength = contentLength === -1 ? index : dup('Content-Length', at(pos));
        break;
      default:
        break;
    }
    pos = end + 2;
  }

  if (!ascii) for (let i = 0; i < offsets.length; i++) offsets[i] = at((offsets[i] ?? start) - start);

  // RFC 3261 §8.1.1: every request carries these; responses copy them (§8.2.6.2).
  if (via === -1) missing('Via', start);
  if (from === -1) missing('From', start);
  if (to === -1) missing('To', start);
  if (callId === -1) missing('Call-ID', start);
  if (cseq === -1) missing('CSeq', start);
  const cseqValue = parseCSeq(values[cseq] ?? '', offsets[cseq] ?? 0);

  let bodyEnd = buf.length;
  if (contentLength !== -1) {
    const cl = parseContentLength(values[contentLength] ?? '', offsets[contentLength] ?? 0);
    // RFC 3261 §18.3: a message shorter than its Content-Length is malformed; extra bytes after it are dropped.
    if (cl > buf.length - bodyStart) {
      throw new SipParseError(
        'CONTENT_LENGTH_MISMATCH',
        `Content-Length ${cl} exceeds the body`,
        offsets[contentLength] ?? 0,
      );
    }
    bodyEnd = bodyStart + cl;
  }
  const headers = SipHeaders.fromWire(names, keys, values, offsets, limits.maxUriLength, cseqValue);
  const body = buf.subarray(bodyStart, bodyEnd);

  if (s.charCodeAt(0) === 0x53 && s.startsWith('SIP/')) {
    const { status, reason } = statusLine(s, startLineEnd, at);
    return { kind: 'response', status, reason, headers, body };
  }
  const sp1 = s.indexOf(' ');
  const sp2 = sp1 === -1 ? -1 : s.indexOf(' ', sp1 + 1);
  if (sp1 <= 0 || sp2 === -1 || sp2 >= startLineEnd || sp2 === sp1 + 1) {
    throw new SipParseError('BAD_START_LINE', 'request line is not "Method SP Request-URI SP SIP-Version"', start);
  }
  for (let i = 0; i < sp1; i++) {
    if (!hasClass(s.charCodeAt(i), TOKEN)) throw new SipParseError('BAD_METHOD', 'method is not a token', at(i));
  }
  checkVersion(s, sp2 + 1, startLineEnd, at);
  const method = s.slice(0, sp1);
  const uri = parseUriRange(s, sp1 + 1, sp2, start, limits.maxUriLength);
  // RFC 3261 §8.2.2.3 and RFC 4475 §3.1.2.13: the CSeq method must be the request's method.
  if (cseqValue.method !== method) {
    throw new SipParseError('CSEQ_METHOD_MISMATCH', 'CSeq method differs from the request method', offsets[cseq] ?? 0);
  }
  return { kind: 'request', method, uri, rawUri: s.slice(sp1 + 1, sp2), headers, body };
}

/**
 * Index of the CR of the CRLF ending the line at `from`. RFC 3261 §7 allows no bare LF; a bare CR stays inside
 * the line, where header-name and value checks reject it as a control character, so it can never be re-emitted
 * as a line break (header injection). One native scan per line.
 */
function lineEnd(s: string, from: number, at: (i: number) => number): number {
  const lf = s.indexOf('\n', from);
  if (s.charCodeAt(lf - 1) !== 0x0d || lf - 1 < from)
    throw new SipParseError('BAD_LINE_BREAK', 'LF without CR', at(lf));
  return lf - 1;
}

function dup(name: string, offset: number): never {
  // RFC 3261 §7.3.1 (and RFC 4475 §3.1.2.19): these headers cannot hold several values.
  throw new SipParseError('DUPLICATE_HEADER', `more than one ${name} header`, offset);
}

function missing(name: string, offset: number): never {
  throw new SipParseError('MISSING_HEADER', `no ${name} header`, offset);
}

// RFC 3261 §7.1: SIP-Version is case-insensitive; anything but 2.0 gets a 505 from the caller.
function checkVersion(s: string, from: number, to: number, at: (i: number) => number): void {
  if (
    to - from === 7 &&
    (s.charCodeAt(from) | 0x20) === 0x73 &&
    (s.charCodeAt(from + 1) | 0x20) === 0x69 &&
    (s.charCodeAt(from + 2) | 0x20) === 0x70 &&
    s.startsWith('/2.0', from + 3)
  ) {
    return;
  }
  const looksLikeVersion =
    to - from >= 4 && s.slice(from, from + 4).toUpperCase() === 'SIP/' && !s.slice(from, to).includes(' ');
  if (looksLikeVersion) throw new SipParseError('BAD_VERSION', 'unsupported SIP version', at(from));
  throw new SipParseError('BAD_START_LINE', 'start line is not "Method SP Request-URI SP SIP/2.0"', at(from));
}

function statusLine(s: string, lineEnd: number, at: (i: number) => number): { status: number; reason: string } {
  const sp = s.indexOf(' ');
  if (sp === -1 || sp > lineEnd) throw new SipParseError('BAD_START_LINE', 'status line without status', at(0));
  checkVersion(s, 0, sp, at);
  // Status-Code = 3DIGIT, then SP Reason-Phrase (which may be empty).
  let status = 0;
  for (let i = sp + 1; i < sp + 4; i++) {
    const c = s.charCodeAt(i);
    if (i >= lineEnd || c < 0x30 || c > 0x39)
      throw new SipParseError('BAD_STATUS', 'status code is not 3 digits', at(i));
    status = status * 10 + c - 0x30;
  }
  if (status < 100 || status > 699) throw new SipParseError('BAD_STATUS', 'status code out of range', at(sp + 1));
  if (sp + 4 === lineEnd)
    throw new SipParseError('BAD_START_LINE', 'status line without SP Reason-Phrase', at(lineEnd));
  if (s.charCodeAt(sp + 4) !== 0x20)
    throw new SipParseError('BAD_STATUS', 'status code is not followed by SP', at(sp + 4));
  const reason = s.slice(sp + 5, lineEnd);
  for (let i = 0; i < reason.length; i++) {
    const c = reason.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f)
      throw new SipParseError('BAD_CHARACTER', 'control character in reason', at(sp + 5 + i));
  }
  return { status, reason };
}
