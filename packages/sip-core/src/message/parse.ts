import { Buffer, isAscii, isUtf8 } from 'node:buffer';
import { CHAR_CLASS, hasClass, LOWER, TOKEN } from '../chars.js';
import { SipParseError } from '../errors.js';
import { asBuffer } from '../framing/header-end.js';
import { type CSeq, parseCSeq, wireCSeq } from '../header/cseq.js';
import { SipHeaders } from '../header/headers.js';
import { wireContentLength } from '../header/misc.js';
import { HeaderId, knownHeaderAt } from '../header/names.js';
import { parseContentLength } from '../header/specs.js';
import { CHECKED_COUNT, WIRE_FOLDED, WIRE_STRIDE, WireHeaders } from '../header/wire-headers.js';
import { resolveLimits, type SipLimits } from './limits.js';
import { ParsedRequest } from './parsed-request.js';
import type { SipMessage } from './types.js';

export type ParseOptions = Partial<SipLimits>;

function isWsp(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

const NO_FIELDS: number[] = [];
/**
 * The scratch array of {@link LineScan}, grown to the largest header count asked for. A plain array of small
 * integers: a typed array of this size lives outside the JavaScript heap and costs far more to make.
 */
let scratch = zeros(256 * WIRE_STRIDE + CHECKED_COUNT);

function zeros(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(0);
  return out;
}

// Shared by every message without a body (most of them): an empty view cannot be written to, and is frozen.
const NO_BODY: Buffer = Object.freeze(Buffer.alloc(0));

/** Node's latin1 decoder without `toString`'s argument handling (it exists on every Buffer). */
type Latin1Buffer = Buffer & { latin1Slice(start: number, end: number): string };

/**
 * Decodes one SIP message. Framing (where the message ends) is the caller's business: a datagram, a frame from
 * `SipStreamFramer`, or a string in a test. Throws `SipParseError` with the byte offset on malformed input.
 *
 * Checked here, so that a message that parses is well-formed as a whole: line breaks and folds, the start line
 * (method token, `SIP/2.0`, status 100–699, reason characters; of the Request-URI only its length and that it is
 * visible ASCII), header-name syntax, the header count and size limits, that the header section is UTF-8, the
 * presence of Via, From, To, Call-ID and CSeq, duplicates of the single-valued ones, CSeq (and that its method is
 * the request's) and Content-Length.
 *
 * Checked when read, by the accessor that reads it (each throws `SipParseError`): the Request-URI's grammar (the
 * `uri` getter of a parsed request; a UA server reads it first and answers 400), every header value (see
 * `SipHeaders`; a Via's parameters with `topVia()`/`via()`, its sent-protocol and sent-by when one of `host`,
 * `port`, `transport`, `protocolName`, `protocolVersion` is first read), and the URI inside From/To/Contact/Route.
 */
export function parseMessage(input: Uint8Array | string, options?: ParseOptions): SipMessage {
  const limits = resolveLimits(options);
  const buf = (typeof input === 'string' ? Buffer.from(input, 'utf8') : asBuffer(input)) as Latin1Buffer;
  let start = 0;
  // RFC 3261 §7.5: CRLFs before the start line are ignored.
  while (start + 1 < buf.length && buf[start] === 0x0d && buf[start + 1] === 0x0a) start += 2;
  if (start >= buf.length) throw new SipParseError('EMPTY_MESSAGE', 'no message', start);
  // One latin1 decode of (at most) the header limit: latin1 maps bytes 1:1 to string indices, so `start + i` is the
  // byte offset of `s[i]` whatever the encoding, and every structural character (CR, LF, ":", SP, HT) is ASCII.
  const s = buf.latin1Slice(start, Math.min(buf.length, start + limits.maxHeaderBytes + 2));
  // The bytes of `s`, for reading characters: the input itself unless it has leading CRLFs or more than `s`.
  const b = start === 0 && s.length === buf.length ? buf : new Uint8Array(buf.buffer, buf.byteOffset + start, s.length);
  const lines = new LineScan(s, b, start, limits.maxHeaderCount);
  try {
    lines.scan();
  } catch (e) {
    // The scan found a fault before the blank line; a message without one (or too large, or not UTF-8) is
    // reported as that first, as if the header section had been delimited before its lines were read.
    checkSection(buf, start, s.indexOf('\r\n\r\n'), limits);
    throw e;
  }
  const n = lines.sectionEnd;
  return decode(buf, s, lines, checkSection(buf, start, n - 2, limits), limits);
}

/**
 * Checks that the header section ends (at `blank`, the index of its CRLFCRLF in `s`), fits the limit and is
 * ASCII or UTF-8; returns whether it is ASCII.
 */
function checkSection(buf: Buffer, start: number, blank: number, limits: SipLimits): boolean {
  if (blank === -1 || blank + 4 > limits.maxHeaderBytes) {
    if (blank !== -1 || buf.length - start > limits.maxHeaderBytes) {
      throw new SipParseError('HEADER_SECTION_TOO_LARGE', `header section over ${limits.maxHeaderBytes} bytes`, start);
    }
    throw new SipParseError('UNTERMINATED_HEADERS', 'header section does not end in CRLFCRLF', start);
  }
  // An all-ASCII message needs no view of its header section.
  if (start === 0 && isAscii(buf)) return true;
  // Non-ASCII header sections (UTF-8 display names, reason phrases) must be UTF-8 (RFC 3261 §7.3.1); their values
  // are decoded as UTF-8 when read.
  const section = new Uint8Array(buf.buffer, buf.byteOffset + start, blank + 2);
  if (isAscii(section)) return true;
  if (!isUtf8(section)) throw new SipParseError('BAD_CHARACTER', 'header section is not valid UTF-8', start);
  return false;
}

/**
 * One pass over the header lines of `s` (a latin1 view of the message from its start line): records where each
 * name and value is, recognises the names the parser checks, and finds the blank line. No header becomes a
 * string here. @internal
 */
class LineScan {
  /**
   * Per line: nameStart, nameEnd, valueStart, valueEnd, keyId << 1 | folded, then the line index of the first Via,
   * From, To, Call-ID, CSeq and Content-Length (see `WireHeaders`); set at the end of {@link LineScan.scan}.
   */
  fields: number[] = NO_FIELDS;
  startLineEnd = 0;
  /** Index in `s` just past the CRLF of the last header line (the blank line's CR). */
  sectionEnd = 0;
  count = 0;
  via = -1;
  from = -1;
  to = -1;
  callId = -1;
  cseq = -1;
  contentLength = -1;

  constructor(
    readonly s: string,
    /** The bytes of `s`: `b[i]` is `s.charCodeAt(i)`, `undefined` past its end. */
    readonly b: Uint8Array,
    readonly start: number,
    readonly maxHeaderCount: number,
  ) {}

  scan(): void {
    const s = this.s;
    const b = this.b;
    const start = this.start;
    // The lines go to a scratch array that is reused by every parse (parsing is synchronous), and are copied out
    // at the exact size at the end: cheaper than a growing array.
    if (scratch.length < this.maxHeaderCount * WIRE_STRIDE + CHECKED_COUNT) {
      scratch = zeros(this.maxHeaderCount * WIRE_STRIDE + CHECKED_COUNT);
    }
    const fields = scratch;
    let end = lineEnd(s, 0, start);
    this.startLineEnd = end;
    // Characters are read from the bytes (`b[i]` is `s[i]`; a typed-array read is cheaper than `charCodeAt`); the
    // native string search finds the line ends.
    for (;;) {
      const pos = end + 2;
      let c = b[pos];
      // The empty line ends the header section (RFC 3261 §7).
      if (c === 0x0d && b[pos + 1] === 0x0a) break;
      if (c === 0x20 || c === 0x09) {
        throw new SipParseError('BAD_FOLD', 'continuation line without a header', start + pos);
      }
      // lineEnd(s, pos, start), inlined: one native search per line.
      const lf = s.indexOf('\n', pos);
      const firstEnd = lf > pos && b[lf - 1] === 0x0d ? lf - 1 : lineEnd(s, pos, start);
      end = firstEnd;
      let folded = 0;
      // RFC 3261 §7.3.1: a line starting with whitespace continues the previous header.
      for (c = b[end + 2]; c === 0x20 || c === 0x09; c = b[end + 2]) {
        end = lineEnd(s, end + 2, start);
        folded = WIRE_FOLDED;
      }
      // header-name = token, then HCOLON = *( SP / HTAB ) ":" SWS (RFC 3261 §25.1). Names are short: a loop finds
      // the colon faster than a native search.
      let colon = pos;
      while (colon < firstEnd && b[colon] !== 0x3a) colon++;
      if (colon === firstEnd) headerNameError(s, pos, firstEnd, start);
      let nameEnd = colon;
      for (c = b[nameEnd - 1]; nameEnd > pos && (c === 0x20 || c === 0x09); c = b[--nameEnd - 1]);
      // A known name is made of letters and "-" only, so only the others need the token check.
      const id = nameEnd === pos ? 0 : knownHeaderAt(b, pos, nameEnd);
      if (id === 0 && !isTokenAt(s, pos, nameEnd)) headerNameError(s, pos, firstEnd, start);
      let vStart = colon + 1;
      for (c = b[vStart]; vStart < end && (c === 0x20 || c === 0x09); c = b[++vStart]);
      let vEnd = end;
      for (c = b[vEnd - 1]; vEnd > vStart && (c === 0x20 || c === 0x09); c = b[--vEnd - 1]);
      const count = this.count;
      if (count >= this.maxHeaderCount) {
        throw new SipParseError('TOO_MANY_HEADERS', `more than ${this.maxHeaderCount} headers`, start + pos);
      }
      const f = count * WIRE_STRIDE;
      fields[f] = pos;
      fields[f + 1] = nameEnd;
      fields[f + 2] = vStart;
      fields[f + 3] = vEnd;
      fields[f + 4] = (id << 1) | folded;
      if (id !== 0 && id <= HeaderId.ContentLength) this.#checked(id, count, start + pos);
      this.count = count + 1;
    }
    this.sectionEnd = end + 2;
    const f = this.count * WIRE_STRIDE;
    fields[f] = this.via;
    fields[f + 1] = this.from;
    fields[f + 2] = this.to;
    fields[f + 3] = this.callId;
    fields[f + 4] = this.cseq;
    fields[f + 5] = this.contentLength;
    this.fields = fields.slice(0, f + CHECKED_COUNT);
  }

  #checked(id: number, count: number, offset: number): void {
    switch (id) {
      case HeaderId.Via:
        if (this.via === -1) this.via = count;
        break;
      case HeaderId.From:
        this.from = this.from === -1 ? count : dup('From', offset);
        break;
      case HeaderId.To:
        this.to = this.to === -1 ? count : dup('To', offset);
        break;
      case HeaderId.CallId:
        this.callId = this.callId === -1 ? count : dup('Call-ID', offset);
        break;
      case HeaderId.CSeq:
        this.cseq = this.cseq === -1 ? count : dup('CSeq', offset);
        break;
      default:
        this.contentLength = this.contentLength === -1 ? count : dup('Content-Length', offset);
        break;
    }
  }
}

/**
 * Decodes the scanned header section of the message starting at byte `start` of `buf`: checks the headers every
 * message needs, CSeq, Content-Length and the start line. @internal
 */
function decode(buf: Buffer, s: string, lines: LineScan, ascii: boolean, limits: SipLimits): SipMessage {
  const start = lines.start;
  const n = lines.sectionEnd;
  const startLineEnd = lines.startLineEnd;
  const { via, from, to, callId, cseq, contentLength } = lines;
  // RFC 3261 §8.1.1: every request carries these; responses copy them (§8.2.6.2).
  if (via === -1) missing('Via', start);
  if (from === -1) missing('From', start);
  if (to === -1) missing('To', start);
  if (callId === -1) missing('Call-ID', start);
  if (cseq === -1) missing('CSeq', start);
  const wire = new WireHeaders(s, buf, start, ascii, lines.fields, lines.count);
  const cseqValue: CSeq = wire.plain(cseq)
    ? (wireCSeq(buf, s, fieldAt(lines, cseq, 2), fieldAt(lines, cseq, 3), start) ??
      parseCSeq(wire.value(cseq), wire.offset(cseq)))
    : parseCSeq(wire.value(cseq), wire.offset(cseq));

  const bodyStart = start + n + 2;
  let bodyEnd = buf.length;
  let cl: number | undefined;
  if (contentLength !== -1) {
    cl =
      wireContentLength(buf, fieldAt(lines, contentLength, 2), fieldAt(lines, contentLength, 3), start) ??
      parseContentLength(wire.value(contentLength), wire.offset(contentLength));
    // RFC 3261 §18.3: a message shorter than its Content-Length is malformed; extra bytes after it are dropped.
    if (cl > buf.length - bodyStart) {
      throw new SipParseError(
        'CONTENT_LENGTH_MISMATCH',
        `Content-Length ${cl} exceeds the body`,
        wire.offset(contentLength),
      );
    }
    bodyEnd = bodyStart + cl;
  }
  const headers = SipHeaders.fromWire(wire, limits.maxUriLength, cseqValue, cl);
  const body = bodyEnd === bodyStart ? NO_BODY : buf.subarray(bodyStart, bodyEnd);

  if (s.charCodeAt(0) === 0x53 && s.startsWith('SIP/')) {
    const { status, reason } = statusLine(buf, s, startLineEnd, start, ascii);
    return { kind: 'response', status, reason, headers, body };
  }
  const sp1 = s.indexOf(' ');
  const sp2 = sp1 === -1 ? -1 : s.indexOf(' ', sp1 + 1);
  if (sp1 <= 0 || sp2 === -1 || sp2 >= startLineEnd || sp2 === sp1 + 1) {
    throw new SipParseError('BAD_START_LINE', 'request line is not "Method SP Request-URI SP SIP-Version"', start);
  }
  // RFC 3261 §8.2.2.3 and RFC 4475 §3.1.2.13: the CSeq method must be the request's method. The CSeq parser
  // checked that its method is a token, so a method equal to it needs no check of its own.
  const method = sp1 === cseqValue.method.length && s.startsWith(cseqValue.method, 0) ? cseqValue.method : undefined;
  if (method === undefined) {
    for (let i = 0; i < sp1; i++) {
      if (!hasClass(s.charCodeAt(i), TOKEN)) throw new SipParseError('BAD_METHOD', 'method is not a token', start + i);
    }
  }
  checkVersion(s, sp2 + 1, startLineEnd, start);
  checkRawUri(s, sp1 + 1, sp2, start, limits.maxUriLength);
  if (method === undefined) {
    throw new SipParseError('CSEQ_METHOD_MISMATCH', 'CSeq method differs from the request method', wire.offset(cseq));
  }
  // The URI grammar is checked when `uri` is read (see ParsedRequest).
  return new ParsedRequest(method, s.slice(sp1 + 1, sp2), headers, body, s, buf, sp1 + 1, start, limits.maxUriLength);
}

/**
 * What the parser checks of the Request-URI itself: its length, and that it is visible ASCII (every URI grammar
 * the `uri` accessor knows is; the latin1 view is then exact, and `rawUri` can be written back without smuggling
 * a control character or a line break). Its syntax is checked when `uri` is read.
 */
function checkRawUri(s: string, from: number, to: number, start: number, maxUriLength: number): void {
  if (to - from > maxUriLength) {
    throw new SipParseError('URI_TOO_LONG', `URI longer than ${maxUriLength} characters`, start + from);
  }
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f) throw new SipParseError('BAD_URI', 'Request-URI is not visible ASCII', start + i);
  }
}

function isTokenAt(s: string, from: number, to: number): boolean {
  if (from === to) return false;
  for (let i = from; i < to; i++) if (((CHAR_CLASS[s.charCodeAt(i)] ?? 0) & TOKEN) === 0) return false;
  return true;
}

/** Reports a header line whose name is not `token *WSP ":"`, with the offset the first fault is at. */
function headerNameError(s: string, pos: number, firstEnd: number, start: number): never {
  const colon = s.indexOf(':', pos);
  if (colon === -1 || colon > firstEnd) throw new SipParseError('BAD_HEADER_NAME', 'header without ":"', start + pos);
  let nameEnd = colon;
  while (nameEnd > pos && isWsp(s.charCodeAt(nameEnd - 1))) nameEnd--;
  if (nameEnd === pos) throw new SipParseError('BAD_HEADER_NAME', 'empty header name', start + pos);
  let i = pos;
  while (hasClass(s.charCodeAt(i), TOKEN)) i++;
  throw new SipParseError('BAD_HEADER_NAME', 'header name is not a token', start + i);
}

/**
 * Index of the CR of the CRLF ending the line at `from`. RFC 3261 §7 allows no bare LF; a bare CR stays inside
 * the line, where header-name and value checks reject it as a control character, so it can never be re-emitted
 * as a line break (header injection). One native scan per line.
 */
function lineEnd(s: string, from: number, start: number): number {
  const lf = s.indexOf('\n', from);
  if (s.charCodeAt(lf - 1) !== 0x0d || lf - 1 < from) {
    throw new SipParseError('BAD_LINE_BREAK', 'LF without CR', start + lf);
  }
  return lf - 1;
}

/** Field `k` (see `LineScan.fields`) of header line `i`. */
function fieldAt(lines: LineScan, i: number, k: number): number {
  return lines.fields[i * WIRE_STRIDE + k] ?? 0;
}

function dup(name: string, offset: number): never {
  // RFC 3261 §7.3.1 (and RFC 4475 §3.1.2.19): these headers cannot hold several values.
  throw new SipParseError('DUPLICATE_HEADER', `more than one ${name} header`, offset);
}

function missing(name: string, offset: number): never {
  throw new SipParseError('MISSING_HEADER', `no ${name} header`, offset);
}

// RFC 3261 §7.1: SIP-Version is case-insensitive; anything but 2.0 gets a 505 from the caller.
function checkVersion(s: string, from: number, to: number, start: number): void {
  const sip =
    to - from >= 4 &&
    LOWER[s.charCodeAt(from)] === 0x73 &&
    LOWER[s.charCodeAt(from + 1)] === 0x69 &&
    LOWER[s.charCodeAt(from + 2)] === 0x70 &&
    s.charCodeAt(from + 3) === 0x2f;
  if (sip && to - from === 7 && s.startsWith('2.0', from + 4)) return;
  if (sip && !s.slice(from, to).includes(' ')) {
    throw new SipParseError('BAD_VERSION', 'unsupported SIP version', start + from);
  }
  throw new SipParseError('BAD_START_LINE', 'start line is not "Method SP Request-URI SP SIP/2.0"', start + from);
}

function statusLine(
  buf: Buffer,
  s: string,
  lineEnd: number,
  start: number,
  ascii: boolean,
): { status: number; reason: string } {
  const sp = s.indexOf(' ');
  if (sp === -1 || sp > lineEnd) throw new SipParseError('BAD_START_LINE', 'status line without status', start);
  checkVersion(s, 0, sp, start);
  // Status-Code = 3DIGIT, then SP Reason-Phrase (which may be empty).
  let status = 0;
  for (let i = sp + 1; i < sp + 4; i++) {
    const c = s.charCodeAt(i);
    if (i >= lineEnd || c < 0x30 || c > 0x39) {
      throw new SipParseError('BAD_STATUS', 'status code is not 3 digits', start + i);
    }
    status = status * 10 + c - 0x30;
  }
  if (status < 100 || status > 699) throw new SipParseError('BAD_STATUS', 'status code out of range', start + sp + 1);
  if (sp + 4 === lineEnd) {
    throw new SipParseError('BAD_START_LINE', 'status line without SP Reason-Phrase', start + lineEnd);
  }
  if (s.charCodeAt(sp + 4) !== 0x20) {
    throw new SipParseError('BAD_STATUS', 'status code is not followed by SP', start + sp + 4);
  }
  for (let i = sp + 5; i < lineEnd; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) {
      throw new SipParseError('BAD_CHARACTER', 'control character in reason', start + i);
    }
  }
  // Reason-Phrase may hold UTF-8 (RFC 3261 §25.1); the section was checked to be valid UTF-8.
  const reason = ascii ? s.slice(sp + 5, lineEnd) : buf.toString('utf8', start + sp + 5, start + lineEnd);
  return { status, reason };
}
