import { MultipartError } from '../errors.js';
import { headerValue, parsePartHeaders, unbracketContentId } from './headers.js';
import { type MediaType, parseMediaType } from './media-type.js';
import { decodeTransferEncoding } from './transfer-encoding.js';
import type { BodyPart, Multipart, MultipartLimits, PartHeader } from './types.js';

const CR = 0x0d;
const LF = 0x0a;
const DASH = 0x2d;
const SPACE = 0x20;
const TAB = 0x09;

// RFC 2046 §5.1.1: a part without Content-Type is text/plain; charset=us-ascii.
const DEFAULT_PART_TYPE: MediaType = {
  type: 'text',
  subtype: 'plain',
  essence: 'text/plain',
  params: { charset: 'us-ascii' },
};

interface Delimiter {
  /** Index where the delimiter begins, including the line break before it (which belongs to it). */
  readonly start: number;
  /** Index just after the delimiter line. */
  readonly next: number;
  readonly close: boolean;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Finds the next boundary delimiter at or after `from`: `--boundary` at the start of a line, followed by `--`
 * (close delimiter) or by optional transport padding and a line break (RFC 2046 §5.1.1). A match that is not at a
 * line start, or is followed by other characters, is content and is skipped.
 */
function findDelimiter(buf: Buffer, dashBoundary: Buffer, from: number): Delimiter | undefined {
  let at = from;
  for (;;) {
    const idx = buf.indexOf(dashBoundary, at);
    if (idx < 0) return undefined;
    at = idx + 1;
    let start: number;
    if (idx === 0) start = 0;
    else if (buf[idx - 1] === LF) start = idx >= 2 && buf[idx - 2] === CR ? idx - 2 : idx - 1;
    else continue;
    let j = idx + dashBoundary.length;
    if (buf[j] === DASH && buf[j + 1] === DASH) return { start, next: j + 2, close: true };
    while (buf[j] === SPACE || buf[j] === TAB) j++;
    if (buf[j] === CR && buf[j + 1] === LF) return { start, next: j + 2, close: false };
    if (buf[j] === LF) return { start, next: j + 1, close: false };
  }
}

/** Index of the blank line ending the header section, and where the content starts; undefined if none. */
function findHeaderEnd(buf: Buffer, from: number, to: number): [number, number] | undefined {
  // A part that starts with a line break has no headers (RFC 2046 §5.1.1 body-part grammar).
  if (buf[from] === CR && buf[from + 1] === LF) return [from, from + 2];
  if (buf[from] === LF) return [from, from + 1];
  for (let i = buf.indexOf(LF, from); i >= 0 && i < to; i = buf.indexOf(LF, i + 1)) {
    if (buf[i + 1] === LF) return [i, i + 2];
    if (buf[i + 1] === CR && buf[i + 2] === LF) return [i, i + 3];
  }
  return undefined;
}

/** Content-Type values repeat across the parts of one notification; parse each distinct value once per call. */
type TypeCache = Map<string, MediaType>;

function cachedMediaType(value: string, cache: TypeCache): MediaType {
  let type = cache.get(value);
  if (type === undefined) {
    type = parseMediaType(value);
    if (cache.size < 64) cache.set(value, type);
  }
  return type;
}

function readPart(buf: Buffer, from: number, to: number, maxHeaderBytes: number, cache: TypeCache): BodyPart {
  const end = findHeaderEnd(buf, from, to);
  const headerEnd = end ? Math.min(end[0], to) : to;
  const contentStart = end ? Math.min(end[1], to) : to;
  const raw = buf.subarray(contentStart, to);
  let headers: PartHeader[] = [];
  try {
    if (headerEnd - from > maxHeaderBytes) {
      throw new MultipartError('RLS_LIMIT_EXCEEDED', `part headers longer than ${maxHeaderBytes} bytes`);
    }
    headers = parsePartHeaders(buf.toString('utf8', from, headerEnd));
    const typeValue = headerValue(headers, 'content-type');
    const contentType = typeValue === undefined ? DEFAULT_PART_TYPE : cachedMediaType(typeValue, cache);
    const idValue = headerValue(headers, 'content-id');
    const contentId = idValue === undefined ? undefined : unbracketContentId(idValue);
    const transferEncoding = (headerValue(headers, 'content-transfer-encoding') ?? '7bit').toLowerCase();
    try {
      return { headers, contentType, contentId, transferEncoding, body: decodeTransferEncoding(transferEncoding, raw) };
    } catch (error) {
      if (!(error instanceof MultipartError)) throw error;
      return { headers, contentType, contentId, transferEncoding, body: new Uint8Array(0), problem: error };
    }
  } catch (error) {
    if (!(error instanceof MultipartError)) throw error;
    // The part cannot be read, but its neighbours can: keep it with the problem so the caller can report it.
    const idValue = headerValue(headers, 'content-id');
    const contentId = idValue === undefined ? undefined : unbracketContentId(idValue);
    return { headers, contentType: DEFAULT_PART_TYPE, contentId, transferEncoding: '7bit', body: raw, problem: error };
  }
}

/**
 * Parses a `multipart/*` entity (RFC 2046 §5.1) and locates its root (RFC 2387 §3.2). Binary-safe: parts are
 * found by scanning for the delimiter bytes, never by decoding the body as text. Nested multiparts are returned
 * as parts whose `contentType.type` is `multipart`; parse them with another call.
 *
 * Throws `MultipartError`: `RLS_BAD_CONTENT_TYPE` (not multipart, no boundary), `RLS_MULTIPART_MALFORMED` (boundary
 * not found, no parts), `RLS_MULTIPART_TRUNCATED` (no close delimiter), `RLS_ROOT_MISSING` (`start` names no part),
 * `RLS_LIMIT_EXCEEDED`.
 */
export function parseMultipart(
  body: Uint8Array,
  contentType: string | MediaType,
  limits: MultipartLimits = {},
): Multipart {
  const maxParts = limits.maxParts ?? 20_000;
  const maxHeaderBytes = limits.maxHeaderBytes ?? 16_384;
  const type = typeof contentType === 'string' ? parseMediaType(contentType) : contentType;
  if (type.type !== 'multipart') {
    throw new MultipartError('RLS_BAD_CONTENT_TYPE', `expected a multipart type, got ${type.essence}`);
  }
  const boundary = type.params.boundary;
  // RFC 2046 §5.1.1: 1 to 70 characters.
  if (boundary === undefined || boundary.length === 0 || boundary.length > 70) {
    throw new MultipartError('RLS_BAD_CONTENT_TYPE', 'missing or invalid boundary parameter');
  }
  const buf = asBuffer(body);
  const dashBoundary = Buffer.from(`--${boundary}`, 'utf8');
  let delimiter = findDelimiter(buf, dashBoundary, 0);
  if (delimiter === undefined) {
    throw new MultipartError('RLS_MULTIPART_MALFORMED', `boundary ${JSON.stringify(boundary)} not found in the body`);
  }
  const parts: BodyPart[] = [];
  const cache: TypeCache = new Map();
  while (!delimiter.close) {
    const from = delimiter.next;
    const following = findDelimiter(buf, dashBoundary, from);
    if (following === undefined) {
      throw new MultipartError('RLS_MULTIPART_TRUNCATED', `body ends inside part ${parts.length + 1}`);
    }
    if (parts.length >= maxParts) throw new MultipartError('RLS_LIMIT_EXCEEDED', `more than ${maxParts} parts`);
    parts.push(readPart(buf, from, following.start, maxHeaderBytes, cache));
    delimiter = following;
  }
  const first = parts[0];
  if (first === undefined) throw new MultipartError('RLS_MULTIPART_MALFORMED', 'multipart entity has no parts');
  const start = type.params.start;
  let root = first;
  if (start !== undefined) {
    const wanted = unbracketContentId(start);
    const found = parts.find((part) => part.contentId === wanted);
    if (found === undefined)
      throw new MultipartError('RLS_ROOT_MISSING', `no part has the start Content-ID <${wanted}>`);
    root = found;
  }
  return { contentType: type, boundary, parts, root };
}
