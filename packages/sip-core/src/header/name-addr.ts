import { hasClass, TOKEN } from '../chars.js';
import { SipParseError } from '../errors.js';
import { parseUriRange } from '../uri/parse.js';
import type { Uri } from '../uri/types.js';
import { fastParams, type HeaderParams, ValueCursor } from './cursor.js';
import { buildParams, paramIs, paramIsBare, paramValue, scanParamBytes } from './param-spans.js';

/** A name-addr or addr-spec with header parameters: From, To, Contact, Route, Record-Route (RFC 3261 §20). */
export interface NameAddr {
  readonly displayName?: string;
  readonly uri: Uri;
  /** The URI exactly as written between the angle brackets (or as the addr-spec). */
  readonly rawUri: string;
  readonly params: HeaderParams;
}

/** From / To (RFC 3261 §20.20, §20.39): a name-addr whose `tag` parameter identifies the dialog side. */
export interface FromTo extends NameAddr {
  readonly tag?: string;
}

/**
 * Parses `[display-name] <uri> *(;param)` or `addr-spec *(;param)` from `s` (one list element).
 * RFC 3261 §20.10: in the addr-spec form everything after the first ";" is a header parameter, not a URI one.
 */
export function parseNameAddr(s: string, base: number, maxUriLength: number, requireBrackets = false): FromTo {
  const c = new ValueCursor(s, base);
  c.ws();
  let displayName: string | undefined;
  let i = c.pos;
  if (c.peek() === 0x22) {
    displayName = c.quoted();
    c.ws();
    if (c.peek() !== 0x3c) c.fail('expected "<" after display name');
    i = c.pos;
  } else {
    while (i < s.length) {
      const ch = s.charCodeAt(i);
      if (ch === 0x3c || ch === 0x3b || ch === 0x22) break;
      i++;
    }
  }
  let uriStart: number;
  let uriEnd: number;
  if (i < s.length && s.charCodeAt(i) === 0x3c) {
    if (displayName === undefined) {
      const name = s.slice(c.pos, i).trim();
      // display-name = *(token LWS): anything else before "<" is malformed.
      for (let k = 0; k < name.length; k++) {
        const ch = name.charCodeAt(k);
        if (!hasClass(ch, TOKEN) && ch !== 0x20 && ch !== 0x09) c.fail('bad display name', c.pos + k);
      }
      if (name !== '') displayName = name;
    }
    uriStart = i + 1;
    uriEnd = s.indexOf('>', uriStart);
    if (uriEnd === -1) c.fail('unterminated "<"', i);
    c.pos = uriEnd + 1;
  } else {
    if (requireBrackets) c.fail('expected "<"');
    if (i < s.length && s.charCodeAt(i) === 0x22) c.fail('unexpected quote', i);
    uriStart = c.pos;
    uriEnd = i;
    while (uriEnd > uriStart && (s.charCodeAt(uriEnd - 1) === 0x20 || s.charCodeAt(uriEnd - 1) === 0x09)) uriEnd--;
    c.pos = i;
  }
  const params = fastParams(s, c.pos, base) ?? c.params();
  return new ParsedNameAddr(displayName, s.slice(uriStart, uriEnd), params, base + uriStart, maxUriLength);
}

/**
 * A parsed name-addr whose URI is parsed on first read of `uri` (and cached): a UA reads From/To tags on every
 * message but their URIs rarely. A malformed URI therefore throws `SipParseError` from `uri`, not from the
 * header accessor.
 */
class ParsedNameAddr implements FromTo {
  #uri: Uri | undefined;
  #params: HeaderParams | undefined;
  // Where `params` is built from when it was not given: `#source[#start, #end)`, `#base` the offset of `#source[0]`.
  readonly #source: string;
  readonly #start: number;
  readonly #end: number;
  readonly #base: number;
  readonly tag: string | undefined;

  /** With `params` undefined, `tag` is given and the map is built from `source[start, end)` on first read. */
  constructor(
    readonly displayName: string | undefined,
    readonly rawUri: string,
    params: HeaderParams | undefined,
    readonly uriOffset: number,
    readonly maxUriLength: number,
    tag?: string,
    source = '',
    start = 0,
    end = 0,
    base = 0,
  ) {
    if (params !== undefined) {
      const value = params.get('tag');
      if (value === null) throw new SipParseError('BAD_HEADER_VALUE', 'tag without a value', uriOffset);
      tag = value;
    }
    this.tag = tag;
    this.#params = params;
    this.#source = source;
    this.#start = start;
    this.#end = end;
    this.#base = base;
  }

  get params(): HeaderParams {
    this.#params ??= buildParams(this.#source, this.#start, this.#end, this.#base);
    return this.#params;
  }

  get uri(): Uri {
    if (this.#uri === undefined) {
      this.#uri = parseUriRange(this.rawUri, 0, this.rawUri.length, this.uriOffset, this.maxUriLength);
    }
    return this.#uri;
  }

  toJSON(): object {
    return {
      displayName: this.displayName,
      uri: this.uri,
      rawUri: this.rawUri,
      params: [...this.params],
      tag: this.tag,
    };
  }
}

/**
 * A From / To of a parsed message straight from the wire: the value at `s[from, to)` with `b[base + i]` the byte
 * of `s[i]`, in the usual shapes `"display name" <uri>;params` and `<uri>;params`. The URI is kept as written and
 * the parameter map is built on first read. Returns `undefined`, never throws: the caller then reads the value the
 * usual way, which reports any fault (or takes the shapes this leaves out).
 */
export function wireNameAddr(
  b: Uint8Array,
  s: string,
  from: number,
  to: number,
  base: number,
  maxUriLength: number,
): FromTo | undefined {
  let i = from;
  let displayName: string | undefined;
  let c = b[base + i];
  if (c === 0x22) {
    // quoted-string without quoted-pairs (RFC 3261 §25.1); the section is ASCII, so only controls are out.
    const close = s.indexOf('"', i + 1);
    if (close === -1 || close >= to) return undefined;
    for (let k = i + 1; k < close; k++) {
      const ch = b[base + k] ?? 0;
      if (ch === 0x5c || (ch < 0x20 && ch !== 0x09) || ch === 0x7f) return undefined;
    }
    displayName = s.slice(i + 1, close);
    i = close + 1;
    c = b[base + i];
    while (c === 0x20 || c === 0x09) c = b[base + ++i];
  }
  if (c !== 0x3c) return undefined;
  const uriStart = i + 1;
  const uriEnd = s.indexOf('>', uriStart);
  if (uriEnd === -1 || uriEnd >= to) return undefined;
  const count = scanParamBytes(b, s, uriEnd + 1, to, base);
  if (count === -1) return undefined;
  let tag = -1;
  for (let k = 0; k < count && tag === -1; k++) if (paramIs(s, k, 'tag')) tag = k;
  if (tag !== -1 && paramIsBare(tag)) return undefined;
  return new ParsedNameAddr(
    displayName,
    s.slice(uriStart, uriEnd),
    undefined,
    base + uriStart,
    maxUriLength,
    paramValue(s, tag),
    s,
    uriEnd + 1,
    to,
    base,
  );
}

/** From / To: the `tag` parameter is exposed as `tag` (it is also in `params`). */
export function parseFromTo(s: string, base: number, maxUriLength: number): FromTo {
  return parseNameAddr(s, base, maxUriLength);
}
