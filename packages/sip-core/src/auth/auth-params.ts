import { SipParseError } from '../errors.js';

/** One challenge or credentials element: `scheme` plus its auth-params (names lower-cased) or a token68. */
export interface RawAuthElement {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
  readonly token68?: string;
  /** Offset of the scheme inside the parsed header value. */
  readonly offset: number;
}

const TCHAR = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~") TCHAR[c.charCodeAt(0)] = 1;
for (let c = 0x30; c <= 0x39; c++) TCHAR[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) TCHAR[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) TCHAR[c] = 1;

function isTchar(c: number): boolean {
  return c < 128 && TCHAR[c] === 1;
}

// RFC 7235 §2.1: token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
function isToken68Char(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    c === 0x2d ||
    c === 0x2e ||
    c === 0x5f ||
    c === 0x7e ||
    c === 0x2b ||
    c === 0x2f
  );
}

function fail(message: string, offset: number): never {
  throw new SipParseError('BAD_AUTH_HEADER', message, offset);
}

/**
 * Tokenises a WWW-Authenticate / Proxy-Authenticate / Authorization value into its elements.
 * RFC 7235 §4.1 allows several challenges in one value, so a comma may separate two params of one challenge or two
 * challenges; a token followed by `=` is a param, any other token starts a new scheme.
 */
export function parseAuthElements(value: string): RawAuthElement[] {
  const out: RawAuthElement[] = [];
  const n = value.length;
  let pos = 0;
  let scheme: string | undefined;
  let schemeOffset = 0;
  let params: Record<string, string> = {};
  let token68: string | undefined;

  const skipWs = (): void => {
    while (pos < n) {
      const c = value.charCodeAt(pos);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a) break;
      pos++;
    }
  };
  const readToken = (): string => {
    const start = pos;
    while (pos < n && isTchar(value.charCodeAt(pos))) pos++;
    return value.slice(start, pos);
  };
  const flush = (): void => {
    if (scheme !== undefined) {
      out.push(
        token68 === undefined
          ? { scheme, params, offset: schemeOffset }
          : { scheme, params, token68, offset: schemeOffset },
      );
    }
    params = {};
    token68 = undefined;
  };

  for (;;) {
    // Empty list elements are allowed (RFC 7230 §7: `#rule` tolerates empty elements).
    skipWs();
    while (pos < n && value.charCodeAt(pos) === 0x2c) {
      pos++;
      skipWs();
    }
    if (pos >= n) break;
    const tokenStart = pos;
    const token = readToken();
    if (token === '') fail(`unexpected character ${JSON.stringify(value[pos])}`, pos);
    skipWs();
    if (pos < n && value.charCodeAt(pos) === 0x3d) {
      if (scheme === undefined) fail('auth-param before any scheme', tokenStart);
      pos++;
      skipWs();
      const name = token.toLowerCase();
      if (Object.hasOwn(params, name)) fail(`duplicate auth-param ${name}`, tokenStart);
      params[name] = readParamValue();
    } else {
      flush();
      scheme = token;
      schemeOffset = tokenStart;
      readToken68IfPresent();
      skipWs();
      // RFC 7235 §2.1: the first auth-param follows the scheme after whitespace, not after a comma.
      if (token68 === undefined && pos < n && value.charCodeAt(pos) !== 0x2c) {
        if (pos === tokenStart + token.length) fail('expected whitespace after auth scheme', pos);
        readFirstParam();
      }
    }
    skipWs();
    if (pos < n && value.charCodeAt(pos) !== 0x2c) fail('expected "," between auth-params', pos);
  }
  flush();
  if (out.length === 0) fail('no auth scheme', 0);
  return out;

  function readFirstParam(): void {
    const name = readToken().toLowerCase();
    if (name === '') fail(`unexpected character ${JSON.stringify(value[pos])}`, pos);
    skipWs();
    if (pos >= n || value.charCodeAt(pos) !== 0x3d) fail('expected "=" after auth-param name', pos);
    pos++;
    skipWs();
    params[name] = readParamValue();
  }

  function readParamValue(): string {
    if (pos < n && value.charCodeAt(pos) === 0x22) return readQuoted();
    const v = readToken();
    if (v === '') fail('missing auth-param value', pos);
    return v;
  }

  function readQuoted(): string {
    const start = pos;
    pos++;
    let text = '';
    let chunk = pos;
    while (pos < n) {
      const c = value.charCodeAt(pos);
      if (c === 0x22) {
        text += value.slice(chunk, pos);
        pos++;
        return text;
      }
      if (c === 0x5c) {
        if (pos + 1 >= n) break;
        text += value.slice(chunk, pos);
        chunk = pos + 1;
        pos += 2;
        continue;
      }
      if (c < 0x20 && c !== 0x09) fail('control character inside quoted string', pos);
      pos++;
    }
    throw new SipParseError('UNTERMINATED_QUOTE', 'unterminated quoted string', start);
  }

  function readToken68IfPresent(): void {
    const save = pos;
    while (pos < n && isToken68Char(value.charCodeAt(pos))) pos++;
    if (pos === save) return;
    const before = pos;
    while (pos < n && value.charCodeAt(pos) === 0x3d) pos++;
    const afterEq = pos;
    skipWs();
    // `realm=x` is a param; `abc==` standing alone (end of value or a comma) is a token68.
    if (afterEq > before && pos < n && value.charCodeAt(pos) !== 0x2c) {
      pos = save;
      return;
    }
    if (afterEq === before) {
      // A bare token after the scheme with no `=`: only a token68 if it ends the element.
      if (pos < n && value.charCodeAt(pos) !== 0x2c) {
        pos = save;
        return;
      }
    }
    token68 = value.slice(save, afterEq);
  }
}

/** Quotes a value for an auth-param (RFC 7230 §3.2.6 quoted-string, escaping `"` and `\`). */
export function quoteAuthParam(value: string): string {
  let out = '"';
  for (const ch of value) {
    if (ch === '"' || ch === '\\') out += '\\';
    out += ch;
  }
  return `${out}"`;
}
