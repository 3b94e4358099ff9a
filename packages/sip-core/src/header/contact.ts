import { ValueCursor, valueParam } from './cursor.js';
import { type NameAddr, parseNameAddr } from './name-addr.js';

/** `Contact: *` (RFC 3261 §10.2.2), only valid alone in a REGISTER with Expires: 0. */
export interface StarContact {
  readonly star: true;
}

/** One Contact (RFC 3261 §20.10) with the parameters registration and GRUU need (RFC 5626, RFC 5627). */
export interface ContactAddress extends NameAddr {
  readonly star: false;
  readonly expires?: number;
  /** 0..1 (RFC 3261 §20.10 qvalue). */
  readonly q?: number;
  /** `+sip.instance` without its quotes, e.g. `<urn:uuid:…>` (RFC 5626 §4.1). */
  readonly instance?: string;
  readonly regId?: number;
  readonly pubGruu?: string;
  readonly tempGruu?: string;
}

export type Contact = StarContact | ContactAddress;

export function parseContact(s: string, base: number, maxUriLength: number): Contact {
  if (s.trim() === '*') return { star: true };
  const na = parseNameAddr(s, base, maxUriLength);
  const c = new ValueCursor(s, base);
  const p = na.params;
  const text = (name: string): string | undefined => valueParam(p, name, base);
  const expires = text('expires');
  const q = text('q');
  const instance = text('+sip.instance');
  const regId = text('reg-id');
  const pubGruu = text('pub-gruu');
  const tempGruu = text('temp-gruu');
  return {
    star: false,
    displayName: na.displayName,
    uri: na.uri,
    rawUri: na.rawUri,
    params: p,
    expires: expires === undefined ? undefined : intParam(expires, c, 'expires'),
    q: q === undefined ? undefined : qValue(q, c),
    instance: instance,
    regId: regId === undefined ? undefined : intParam(regId, c, 'reg-id'),
    pubGruu: pubGruu,
    tempGruu: tempGruu,
  };
}

function intParam(v: string, c: ValueCursor, name: string): number {
  const cur = new ValueCursor(v, c.base);
  const n = cur.integer(name);
  if (!cur.atEnd()) c.fail(`Contact ${name} must be a number`, 0);
  return n;
}

// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
function qValue(v: string, c: ValueCursor): number {
  const ok =
    v.length <= 5 &&
    (v[0] === '0' || v[0] === '1') &&
    (v.length === 1 || (v[1] === '.' && /^[0-9]{0,3}$/.test(v.slice(2))));
  const n = Number(v);
  if (!ok || n > 1) c.fail('bad q value', 0);
  return n;
}
