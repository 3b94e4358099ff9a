import { MultipartError } from '../errors.js';

/** A parsed `Content-Type` value: type and subtype in lower case, parameter names in lower case. */
export interface MediaType {
  readonly type: string;
  readonly subtype: string;
  /** `type/subtype`, lower case, without parameters. */
  readonly essence: string;
  readonly params: Readonly<Record<string, string>>;
}

// RFC 2045 §5.1: token := 1*<any CHAR except SPACE, CTLs, or tspecials>.
const TSPECIALS = '()<>@,;:\\"/[]?=';

function isTokenChar(code: number): boolean {
  return code > 0x20 && code < 0x7f && !TSPECIALS.includes(String.fromCharCode(code));
}

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

function readToken(text: string, at: number): number {
  let i = at;
  while (i < text.length && isTokenChar(text.charCodeAt(i))) i++;
  return i;
}

function fail(value: string, why: string): never {
  throw new MultipartError('RLS_BAD_CONTENT_TYPE', `Content-Type ${JSON.stringify(value.slice(0, 200))}: ${why}`);
}

/** Reads a quoted-string starting at the opening quote; returns its unescaped value and the index after it. */
function readQuoted(text: string, at: number): [string, number] {
  let out = '';
  let i = at + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') return [out, i + 1];
    // RFC 822 quoted-pair: a backslash quotes the next character.
    if (ch === '\\' && i + 1 < text.length) {
      out += text[i + 1];
      i += 2;
      continue;
    }
    out += ch;
    i++;
  }
  return fail(text, 'unterminated quoted-string');
}

/**
 * Parses a media type such as `multipart/related;type="application/rlmi+xml";boundary=abc` (RFC 2045 §5.1).
 * Throws `MultipartError` with code `RLS_BAD_CONTENT_TYPE` when the value does not follow the grammar.
 */
export function parseMediaType(value: string): MediaType {
  if (value.length > 4096) fail(value, 'longer than 4096 characters');
  let i = skipSpace(value, 0);
  const typeEnd = readToken(value, i);
  if (typeEnd === i || value[typeEnd] !== '/') fail(value, 'expected type/subtype');
  const type = value.slice(i, typeEnd).toLowerCase();
  const subtypeEnd = readToken(value, typeEnd + 1);
  if (subtypeEnd === typeEnd + 1) fail(value, 'empty subtype');
  const subtype = value.slice(typeEnd + 1, subtypeEnd).toLowerCase();
  const params: Record<string, string> = {};
  i = skipSpace(value, subtypeEnd);
  while (i < value.length) {
    if (value[i] !== ';') fail(value, `unexpected ${JSON.stringify(value[i])}`);
    i = skipSpace(value, i + 1);
    // Tolerate a trailing ';' which some servers emit.
    if (i >= value.length) break;
    const nameEnd = readToken(value, i);
    if (nameEnd === i) fail(value, 'empty parameter name');
    const name = value.slice(i, nameEnd).toLowerCase();
    i = skipSpace(value, nameEnd);
    if (value[i] !== '=') fail(value, `parameter ${name} has no value`);
    i = skipSpace(value, i + 1);
    let paramValue: string;
    if (value[i] === '"') {
      [paramValue, i] = readQuoted(value, i);
    } else {
      const valueEnd = readToken(value, i);
      if (valueEnd === i) fail(value, `parameter ${name} has an empty value`);
      paramValue = value.slice(i, valueEnd);
      i = valueEnd;
    }
    // A repeated parameter is ambiguous (which boundary wins?), so it is an error rather than a guess.
    if (Object.hasOwn(params, name)) fail(value, `parameter ${name} repeated`);
    params[name] = paramValue;
    i = skipSpace(value, i);
  }
  return { type, subtype, essence: `${type}/${subtype}`, params };
}

/** Formats a media type, quoting parameter values that are not tokens. */
export function formatMediaType(essence: string, params: Readonly<Record<string, string>> = {}): string {
  let out = essence;
  for (const [name, paramValue] of Object.entries(params)) {
    let plain = paramValue.length > 0;
    for (let i = 0; i < paramValue.length && plain; i++) plain = isTokenChar(paramValue.charCodeAt(i));
    out += plain ? `;${name}=${paramValue}` : `;${name}="${paramValue.replace(/(["\\])/g, '\\$1')}"`;
  }
  return out;
}
