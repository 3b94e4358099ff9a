import { Buffer, isAscii } from 'node:buffer';
import { isToken } from '../../chars.js';
import { SipParseError } from '../../errors.js';
import { parseCSeq } from '../../header/cseq.js';
import { headerKey } from '../../header/names.js';
import { parseContentLength } from '../../header/specs.js';
import { unfold } from '../../header/unfold.js';
import { parseUriRange } from '../../uri/parse.js';
import type { Uri } from '../../uri/types.js';
import { DEFAULT_LIMITS } from '../limits.js';

/** One header line as the reference saw it: value unfolded and trimmed, not checked for control characters. */
export interface ReferenceField {
  readonly name: string;
  readonly value: string;
  /** Byte offset of the value in the input. */
  readonly offset: number;
}

export type ReferenceOutcome =
  | { readonly ok: false; readonly code: string; readonly offset: number }
  | {
      readonly ok: true;
      readonly start:
        | { kind: 'request'; method: string; rawUri: string; uri: UriOutcome }
        | { kind: 'response'; status: number; reason: string };
      readonly fields: readonly ReferenceField[];
      readonly body: Buffer;
    };

/** What reading the Request-URI gives: it is parsed when read, not with the message. */
export type UriOutcome =
  | { readonly ok: true; readonly value: Uri }
  | { readonly ok: false; readonly code: string; readonly offset: number };

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const SINGLE = ['from', 'to', 'call-id', 'cseq', 'content-length'];
const REQUIRED = ['via', 'from', 'to', 'call-id', 'cseq'];
/**
 * The message parser as it was before header lines became offsets: a plain, string-at-a-time reading of RFC 3261
 * §7 written for clarity, not speed. Property tests check that `parseMessage` agrees with it on every input.
 */
export function referenceParse(input: Uint8Array): ReferenceOutcome {
  try {
    return parse(Buffer.from(input.buffer, input.byteOffset, input.byteLength));
  } catch (e) {
    if (e instanceof SipParseError) return { ok: false, code: e.code, offset: e.offset };
    throw e;
  }
}

function fail(code: SipParseError['code'], offset: number): never {
  throw new SipParseError(code, code, offset);
}

const isWsp = (c: number): boolean => c === 0x20 || c === 0x09;

function parse(buf: Buffer): ReferenceOutcome {
  const limit = DEFAULT_LIMITS.maxHeaderBytes;
  let start = 0;
  while (start + 1 < buf.length && buf[start] === 0x0d && buf[start + 1] === 0x0a) start += 2;
  if (start >= buf.length) fail('EMPTY_MESSAGE', start);
  const blank = buf.indexOf('\r\n\r\n', start, 'latin1');
  if (blank === -1 || blank + 4 - start > limit) {
    fail(blank !== -1 || buf.length - start > limit ? 'HEADER_SECTION_TOO_LARGE' : 'UNTERMINATED_HEADERS', start);
  }
  const section = buf.subarray(start, blank + 2);
  let s: string;
  try {
    s = isAscii(section) ? section.toString('latin1') : UTF8.decode(section);
  } catch {
    return fail('BAD_CHARACTER', start);
  }
  // Byte offset of s[i].
  const at = (i: number): number => start + Buffer.byteLength(s.slice(0, i));
  const lineEnd = (from: number): number => {
    const lf = s.indexOf('\n', from);
    if (lf - 1 < from || s.charCodeAt(lf - 1) !== 0x0d) fail('BAD_LINE_BREAK', at(lf));
    return lf - 1;
  };
  const startLineEnd = lineEnd(0);
  const fields: ReferenceField[] = [];
  const seen = new Map<string, number>();
  let pos = startLineEnd + 2;
  while (pos < s.length) {
    if (isWsp(s.charCodeAt(pos))) fail('BAD_FOLD', at(pos));
    const firstEnd = lineEnd(pos);
    let end = firstEnd;
    let folded = false;
    while (end + 2 < s.length && isWsp(s.charCodeAt(end + 2))) {
      end = lineEnd(end + 2);
      folded = true;
    }
    const colon = s.indexOf(':', pos);
    if (colon === -1 || colon > firstEnd) fail('BAD_HEADER_NAME', at(pos));
    const name = s.slice(pos, colon).replace(/[ \t]+$/, '');
    if (name === '') fail('BAD_HEADER_NAME', at(pos));
    if (!isToken(name)) {
      let i = 0;
      while (isToken(name[i] ?? '')) i++;
      fail('BAD_HEADER_NAME', at(pos + i));
    }
    const raw = s
      .slice(colon + 1, end)
      .replace(/^[ \t]+/, '')
      .replace(/[ \t]+$/, '');
    const value = folded ? unfold(raw).trim() : raw;
    if (fields.length >= DEFAULT_LIMITS.maxHeaderCount) fail('TOO_MANY_HEADERS', at(pos));
    const key = headerKey(name);
    if (SINGLE.includes(key) && seen.has(key)) fail('DUPLICATE_HEADER', at(pos));
    if (!seen.has(key)) seen.set(key, fields.length);
    let vStart = colon + 1;
    while (vStart < end && isWsp(s.charCodeAt(vStart))) vStart++;
    fields.push({ name, value, offset: at(vStart) });
    pos = end + 2;
  }
  for (const key of REQUIRED) if (!seen.has(key)) fail('MISSING_HEADER', start);
  const field = (key: string): ReferenceField | undefined => {
    const i = seen.get(key);
    return i === undefined ? undefined : fields[i];
  };
  const cseqField = field('cseq') ?? fail('MISSING_HEADER', start);
  const cseq = parseCSeq(cseqField.value, cseqField.offset);
  const bodyStart = blank + 4;
  let bodyEnd = buf.length;
  const cl = field('content-length');
  if (cl !== undefined) {
    const length = parseContentLength(cl.value, cl.offset);
    if (length > buf.length - bodyStart) fail('CONTENT_LENGTH_MISMATCH', cl.offset);
    bodyEnd = bodyStart + length;
  }
  const body = buf.subarray(bodyStart, bodyEnd);
  const line = s.slice(0, startLineEnd);
  if (line.startsWith('SIP/')) {
    const sp = line.indexOf(' ');
    if (sp === -1) fail('BAD_START_LINE', start);
    version(line, 0, sp, at);
    const code = line.slice(sp + 1, sp + 4);
    for (let i = 0; i < 3; i++) {
      const c = code.charCodeAt(i);
      if (!(c >= 0x30 && c <= 0x39)) fail('BAD_STATUS', at(sp + 1 + i));
    }
    const status = Number(code);
    if (status < 100 || status > 699) fail('BAD_STATUS', at(sp + 1));
    if (sp + 4 === line.length) fail('BAD_START_LINE', at(line.length));
    if (line[sp + 4] !== ' ') fail('BAD_STATUS', at(sp + 4));
    const reason = line.slice(sp + 5);
    for (let i = 0; i < reason.length; i++) {
      const c = reason.charCodeAt(i);
      if ((c < 0x20 && c !== 0x09) || c === 0x7f) fail('BAD_CHARACTER', at(sp + 5 + i));
    }
    return { ok: true, start: { kind: 'response', status, reason }, fields, body };
  }
  const sp1 = line.indexOf(' ');
  const sp2 = sp1 === -1 ? -1 : line.indexOf(' ', sp1 + 1);
  if (sp1 <= 0 || sp2 === -1 || sp2 === sp1 + 1) fail('BAD_START_LINE', start);
  const method = line.slice(0, sp1);
  if (!isToken(method)) {
    let i = 0;
    while (isToken(method[i] ?? '')) i++;
    fail('BAD_METHOD', at(i));
  }
  version(line, sp2 + 1, line.length, at);
  // With the message: the Request-URI's length, and that it is visible ASCII; its grammar when it is read.
  const rawUri = line.slice(sp1 + 1, sp2);
  if (rawUri.length > DEFAULT_LIMITS.maxUriLength) fail('URI_TOO_LONG', at(sp1 + 1));
  const bad = rawUri.search(/[^\x21-\x7e]/);
  if (bad !== -1) fail('BAD_URI', at(sp1 + 1 + bad));
  if (cseq.method !== method) fail('CSEQ_METHOD_MISMATCH', cseqField.offset);
  return { ok: true, start: { kind: 'request', method, rawUri, uri: readUri(rawUri, at(sp1 + 1)) }, fields, body };
}

function readUri(rawUri: string, offset: number): UriOutcome {
  try {
    return { ok: true, value: parseUriRange(rawUri, 0, rawUri.length, offset, DEFAULT_LIMITS.maxUriLength) };
  } catch (e) {
    if (e instanceof SipParseError) return { ok: false, code: e.code, offset: e.offset };
    throw e;
  }
}

function version(line: string, from: number, to: number, at: (i: number) => number): void {
  const v = line.slice(from, to);
  if (/^sip\/2\.0$/i.test(v)) return;
  if (/^sip\//i.test(v) && !v.includes(' ')) fail('BAD_VERSION', at(from));
  fail('BAD_START_LINE', at(from));
}
