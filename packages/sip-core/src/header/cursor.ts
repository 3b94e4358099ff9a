import { hasClass, isDigit, TOKEN } from '../chars.js';
import { SipParseError } from '../errors.js';

/** Header params in written order; names lower-cased, quoted values unquoted, `null` for a bare name. */
export type HeaderParams = ReadonlyMap<string, string | null>;

/**
 * A cursor over one (unfolded) header value. Header grammars in RFC 3261 §25.1 are LL(1) over this alphabet, so
 * every parser below is a single forward pass without backtracking.
 */
export class ValueCursor {
  pos: number;

  constructor(
    readonly s: string,
    readonly base: number,
    readonly end: number = s.length,
    start = 0,
  ) {
    this.pos = start;
  }

  fail(message: string, at: number = this.pos): never {
    throw new SipParseError('BAD_HEADER_VALUE', message, this.base + at);
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  peek(): number {
    return this.pos < this.end ? this.s.charCodeAt(this.pos) : -1;
  }

  ws(): void {
    while (this.pos < this.end) {
      const c = this.s.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x09) break;
      this.pos++;
    }
  }

  /** Skips whitespace around `ch` and consumes it; false (nothing consumed) when `ch` is not next. */
  eat(ch: number): boolean {
    const save = this.pos;
    this.ws();
    if (this.peek() === ch) {
      this.pos++;
      this.ws();
      return true;
    }
    this.pos = save;
    return false;
  }

  expect(ch: number, what: string): void {
    if (!this.eat(ch)) this.fail(`expected ${what}`);
  }

  token(what = 'token'): string {
    const start = this.pos;
    while (this.pos < this.end && hasClass(this.s.charCodeAt(this.pos), TOKEN)) this.pos++;
    if (this.pos === start) this.fail(`expected ${what}`);
    return this.s.slice(start, this.pos);
  }

  /** quoted-string (RFC 3261 §25.1), returned without quotes and with quoted-pairs resolved. */
  quoted(): string {
    const start = this.pos;
    this.pos++;
    let out = '';
    let chunk = this.pos;
    while (this.pos < this.end) {
      const c = this.s.charCodeAt(this.pos);
      if (c === 0x22) {
        out += this.s.slice(chunk, this.pos);
        this.pos++;
        return out;
      }
      if (c === 0x5c) {
        if (this.pos + 1 >= this.end) break;
        out += this.s.slice(chunk, this.pos);
        chunk = this.pos + 1;
        this.pos += 2;
        continue;
      }
      if ((c < 0x20 && c !== 0x09) || c === 0x7f) this.fail('control character in quoted string');
      this.pos++;
    }
    throw new SipParseError('UNTERMINATED_QUOTE', 'unterminated quoted string', this.base + start);
  }

  /** gen-value = token / host / quoted-string; hosts may be IPv6 (with or without brackets). */
  genValue(): string {
    if (this.peek() === 0x22) return this.quoted();
    const start = this.pos;
    while (this.pos < this.end) {
      const c = this.s.charCodeAt(this.pos);
      if (!hasClass(c, TOKEN) && c !== 0x5b && c !== 0x5d && c !== 0x3a) break;
      this.pos++;
    }
    if (this.pos === start) this.fail('expected a parameter value');
    return this.s.slice(start, this.pos);
  }

  /** `*( SEMI generic-param )` up to the end of the value. */
  params(): Map<string, string | null> {
    const out = new Map<string, string | null>();
    while (this.eat(0x3b)) {
      const at = this.pos;
      const name = this.token('parameter name').toLowerCase();
      const value = this.eat(0x3d) ? this.genValue() : null;
      if (out.has(name)) this.fail(`duplicate parameter ${name}`, at);
      out.set(name, value);
    }
    this.ws();
    if (!this.atEnd()) this.fail(`unexpected ${JSON.stringify(this.s[this.pos])}`);
    return out;
  }

  /** 1*DIGIT as a number; values above `max` are clamped (RFC 3261 §20.19 caps delta-seconds at 2^32-1). */
  integer(what: string, max = 0xffffffff): number {
    const start = this.pos;
    let v = 0;
    while (this.pos < this.end && isDigit(this.s.charCodeAt(this.pos))) {
      v = v * 10 + this.s.charCodeAt(this.pos) - 0x30;
      this.pos++;
      if (v > max) v = max;
    }
    if (this.pos === start) this.fail(`expected ${what}`);
    return v;
  }

  rest(): string {
    return this.s.slice(this.pos, this.end);
  }
}

/** Bit 1: token character; bit 2: gen-value character outside quotes (token or host: adds "[", "]", ":"). */
export const PARAM_CHARS = (() => {
  const t = new Uint8Array(256);
  for (let c = 0; c < 128; c++) {
    if (hasClass(c, TOKEN)) t[c] = 3;
    else if (c === 0x5b || c === 0x5d || c === 0x3a) t[c] = 2;
  }
  return t;
})();

/**
 * `*( ";" token [ "=" gen-value ] )` from `start` to `end` (the end of `s`), for the common shape without whitespace or
 * quotes, in one pass over the characters; returns `undefined` when the section needs the general parser
 * ({@link ValueCursor.params}), which accepts a superset of what this one does and builds the same map.
 */
export function fastParams(
  s: string,
  start: number,
  base: number,
  end: number = s.length,
): Map<string, string | null> | undefined {
  const out = new Map<string, string | null>();
  let i = start;
  while (i < end) {
    if (s.charCodeAt(i) !== 0x3b) return undefined;
    const nameStart = ++i;
    let upper = false;
    let c = -1;
    for (; i < end; i++) {
      c = s.charCodeAt(i);
      if (((PARAM_CHARS[c] ?? 0) & 1) === 0) break;
      if (c <= 0x5a && c >= 0x41) upper = true;
    }
    if (i === nameStart) return undefined;
    const nameEnd = i;
    let value: string | null = null;
    if (i < end) {
      if (c === 0x3d) {
        const valueStart = ++i;
        while (i < end && ((PARAM_CHARS[s.charCodeAt(i)] ?? 0) & 2) !== 0) i++;
        if (i === valueStart || (i < end && s.charCodeAt(i) !== 0x3b)) return undefined;
        value = s.slice(valueStart, i);
      } else if (c !== 0x3b) {
        return undefined;
      }
    }
    const written = s.slice(nameStart, nameEnd);
    const name = upper ? written.toLowerCase() : written;
    const size = out.size;
    out.set(name, value);
    if (out.size === size) throw new SipParseError('BAD_HEADER_VALUE', `duplicate parameter ${name}`, base + nameStart);
  }
  return out;
}

/** Parses a whole value as a delta-seconds / 1*DIGIT number. */
export function parseInteger(value: string, base: number, what: string, max?: number): number {
  const c = new ValueCursor(value, base);
  c.ws();
  const n = c.integer(what, max);
  c.ws();
  if (!c.atEnd()) c.fail(`${what} must be a number`);
  return n;
}

/** One element of a comma-separated header value, with its offset. */
export interface ListItem {
  readonly text: string;
  readonly offset: number;
}

/**
 * Splits a header value at commas that are outside quoted strings and angle brackets (RFC 3261 §7.3.1). An empty
 * value gives no elements; an empty element between commas is an error.
 */
export function splitList(value: string, base: number): ListItem[] {
  // Most values hold one element: no comma, nothing to track. (Values arrive trimmed from the parser.)
  if (value.indexOf(',') === -1 && value.indexOf('"') === -1 && value.indexOf('<') === -1) {
    let a = 0;
    let b = value.length;
    while (a < b && (value.charCodeAt(a) === 0x20 || value.charCodeAt(a) === 0x09)) a++;
    while (b > a && (value.charCodeAt(b - 1) === 0x20 || value.charCodeAt(b - 1) === 0x09)) b--;
    if (a === b) return [];
    return [{ text: a === 0 && b === value.length ? value : value.slice(a, b), offset: base + a }];
  }
  const out: ListItem[] = [];
  const n = value.length;
  let start = 0;
  let i = 0;
  let angle = false;
  const push = (end: number): void => {
    let a = start;
    let b = end;
    while (a < b && (value.charCodeAt(a) === 0x20 || value.charCodeAt(a) === 0x09)) a++;
    while (b > a && (value.charCodeAt(b - 1) === 0x20 || value.charCodeAt(b - 1) === 0x09)) b--;
    if (a === b) {
      if (end === n && out.length === 0) return;
      throw new SipParseError('BAD_HEADER_VALUE', 'empty list element', base + a);
    }
    out.push({ text: value.slice(a, b), offset: base + a });
  };
  while (i < n) {
    const c = value.charCodeAt(i);
    if (c === 0x22) {
      const q = i;
      i++;
      while (i < n && value.charCodeAt(i) !== 0x22) i += value.charCodeAt(i) === 0x5c ? 2 : 1;
      if (i >= n) throw new SipParseError('UNTERMINATED_QUOTE', 'unterminated quoted string', base + q);
    } else if (c === 0x3c) {
      if (angle) throw new SipParseError('BAD_HEADER_VALUE', 'nested "<"', base + i);
      angle = true;
    } else if (c === 0x3e) {
      angle = false;
    } else if (c === 0x2c && !angle) {
      push(i);
      start = i + 1;
    }
    i++;
  }
  if (angle) throw new SipParseError('BAD_HEADER_VALUE', 'unterminated "<"', base + start);
  push(n);
  return out;
}

/** The value of a parameter that must carry one (`tag=…`), or `undefined` when absent. */
export function valueParam(params: HeaderParams, name: string, base: number): string | undefined {
  const v = params.get(name);
  if (v === null) throw new SipParseError('BAD_HEADER_VALUE', `parameter ${name} needs a value`, base);
  return v;
}
