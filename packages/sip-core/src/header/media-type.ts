import { type HeaderParams, ValueCursor } from './cursor.js';

/** Content-Type (RFC 3261 §20.15) or one Accept range (§20.1). */
export interface MediaType {
  /** Lower-cased `type/subtype`, e.g. `multipart/related`, `application/pidf+xml`. */
  readonly mediaType: string;
  readonly type: string;
  readonly subtype: string;
  /** Names lower-cased; values unquoted (`boundary`, `type`, `start`, `charset`, …). */
  readonly params: HeaderParams;
}

/** One Accept element: a media range with its q value (1 when absent). */
export interface AcceptRange extends MediaType {
  readonly q: number;
}

export function parseMediaType(s: string, base: number): MediaType {
  const c = new ValueCursor(s, base);
  c.ws();
  const type = c.token('media type').toLowerCase();
  if (c.peek() !== 0x2f) c.fail('expected "/" in media type');
  c.pos++;
  const subtype = c.token('media subtype').toLowerCase();
  return { mediaType: `${type}/${subtype}`, type, subtype, params: c.params() };
}

export function parseAcceptRange(s: string, base: number): AcceptRange {
  const m = parseMediaType(s, base);
  const q = m.params.get('q');
  if (q === undefined) return { ...m, q: 1 };
  const n = q === null ? Number.NaN : Number(q);
  if (!(n >= 0 && n <= 1) || q === null || !/^[01](\.[0-9]{0,3})?$/.test(q)) {
    new ValueCursor(s, base).fail('bad q value', 0);
  }
  return { ...m, q: n };
}
