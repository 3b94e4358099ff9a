import { hasClass, TOKEN } from '../chars.js';
import { SipParseError } from '../errors.js';
import { classifyHost } from '../uri/host.js';
import { fastParams, type HeaderParams, ValueCursor, valueParam } from './cursor.js';
import { paramIndex, paramValue, requiredParamValue, scanParams } from './param-spans.js';

// The usual spellings, already upper-cased: saves an allocation per Via.
const TRANSPORTS: ReadonlyMap<string, string> = new Map(
  ['TCP', 'TLS', 'UDP', 'WS', 'WSS', 'SCTP'].flatMap((t) => [
    [t, t],
    [t.toLowerCase(), t],
  ]),
);

/** RFC 3261 §8.1.1.7: branches starting with this cookie were built by RFC 3261 elements. */
export const BRANCH_MAGIC_COOKIE = 'z9hG4bK';

/** One Via entry (RFC 3261 §20.42, rport from RFC 3581). */
export interface Via {
  /** e.g. `SIP`. */
  readonly protocolName: string;
  /** e.g. `2.0`. */
  readonly protocolVersion: string;
  /** Upper-cased, e.g. `TCP`, `TLS`, `WS`. */
  readonly transport: string;
  readonly host: string;
  readonly port?: number;
  readonly params: HeaderParams;
  readonly branch?: string;
  readonly received?: string;
  /** `true` when `rport` is present without a value (a request asking for it), the port number when filled in. */
  readonly rport?: number | true;
  readonly maddr?: string;
  readonly ttl?: number;
}

/** Parses one Via element (the header value is a comma list; see `splitList`). */
export function parseVia(s: string, base: number): Via {
  return fastVia(s, base) ?? generalVia(s, base);
}

// The usual transports by length and lower-cased first letter; any letter case is accepted (the general parser
// upper-cases the token the same way).
function transportAt(s: string, from: number, to: number): string | undefined {
  let t: string;
  switch (to - from) {
    case 2:
      t = 'WS';
      break;
    case 3: {
      const c = s.charCodeAt(from) | 0x20;
      t = c === 0x75 ? 'UDP' : (s.charCodeAt(from + 2) | 0x20) === 0x70 ? 'TCP' : 'TLS';
      break;
    }
    case 4:
      t = (s.charCodeAt(from) | 0x20) === 0x73 ? 'SCTP' : 'WSS';
      break;
    default:
      return undefined;
  }
  if (t.length !== to - from) return undefined;
  for (let k = 0; k < t.length; k++) if ((s.charCodeAt(from + k) & 0xdf) !== t.charCodeAt(k)) return undefined;
  return t;
}

/**
 * The usual shape, `SIP/2.0/transport SP host[:port];params` with nothing unusual, checked in one pass per part
 * without intermediate strings; `undefined` sends anything else to {@link generalVia}, which accepts a superset of
 * this and gives the same Via.
 */
function fastVia(s: string, base: number): Via | undefined {
  const n = s.length;
  // "SIP/2.0/" exactly (the general parser handles other spellings and LWS around "/").
  if (
    n < 10 ||
    s.charCodeAt(0) !== 0x53 ||
    s.charCodeAt(1) !== 0x49 ||
    s.charCodeAt(2) !== 0x50 ||
    s.charCodeAt(3) !== 0x2f ||
    s.charCodeAt(4) !== 0x32 ||
    s.charCodeAt(5) !== 0x2e ||
    s.charCodeAt(6) !== 0x30 ||
    s.charCodeAt(7) !== 0x2f
  ) {
    return undefined;
  }
  let i = 8;
  while (i < n && hasClass(s.charCodeAt(i), TOKEN)) i++;
  if (s.charCodeAt(i) !== 0x20) return undefined;
  const transport = transportAt(s, 8, i);
  const hostStart = i + 1;
  if (transport === undefined || s.charCodeAt(hostStart) === 0x5b) return undefined;
  i = hostStart;
  let c = s.charCodeAt(i);
  while (i < n && c !== 0x3a && c !== 0x3b) c = s.charCodeAt(++i);
  const hostEnd = i;
  if (classifyHost(s, hostStart, hostEnd) === undefined) return undefined;
  let port: number | undefined;
  if (c === 0x3a) {
    const portStart = ++i;
    port = 0;
    for (c = s.charCodeAt(i); c >= 0x30 && c <= 0x39 && i - portStart < 5; c = s.charCodeAt(++i)) {
      port = port * 10 + c - 0x30;
    }
    if (i === portStart || port > 65535 || (i < n && c !== 0x3b)) return undefined;
  }
  const count = scanParams(s, i, base);
  if (count === -1) return undefined;
  const rport = paramValue(s, paramIndex(s, count, 'rport'));
  return new ParsedVia(
    'SIP',
    '2.0',
    transport,
    s.slice(hostStart, hostEnd),
    port,
    undefined,
    requiredParamValue(s, paramIndex(s, count, 'branch'), 'branch', base),
    requiredParamValue(s, paramIndex(s, count, 'received'), 'received', base),
    rport,
    requiredParamValue(s, paramIndex(s, count, 'maddr'), 'maddr', base),
    requiredParamValue(s, paramIndex(s, count, 'ttl'), 'ttl', base),
    s,
    i,
    base,
  );
}

/** The full RFC 3261 §20.42 grammar (LWS anywhere it may be, IPv6, other protocols). @internal */
export function generalVia(s: string, base: number): Via {
  const c = new ValueCursor(s, base);
  c.ws();
  let protocolName = 'SIP';
  let protocolVersion = '2.0';
  // Nearly every Via starts with exactly this; anything else takes the general path (LWS around "/" etc.).
  if (s.startsWith('SIP/2.0/', c.pos)) {
    c.pos += 8;
  } else {
    protocolName = c.token('protocol name');
    c.expect(0x2f, '"/"');
    protocolVersion = c.token('protocol version');
    c.expect(0x2f, '"/"');
  }
  const token = c.token('transport');
  const transport = TRANSPORTS.get(token) ?? token.toUpperCase();
  const wsStart = c.pos;
  c.ws();
  if (c.pos === wsStart) c.fail('expected whitespace before sent-by');
  const hostStart = c.pos;
  if (c.peek() === 0x5b) {
    const close = s.indexOf(']', c.pos);
    if (close === -1) c.fail('unterminated IPv6 reference');
    c.pos = close + 1;
  } else {
    while (!c.atEnd()) {
      const ch = c.peek();
      if (ch === 0x3a || ch === 0x3b || ch === 0x20 || ch === 0x09) break;
      c.pos++;
    }
  }
  if (classifyHost(s, hostStart, c.pos) === undefined) c.fail('bad sent-by host', hostStart);
  const host = s.slice(hostStart, c.pos);
  let port: number | undefined;
  if (c.eat(0x3a)) {
    const at = c.pos;
    port = c.integer('port', 65536);
    if (port > 65535) c.fail('port out of range', at);
  }
  const params = fastParams(s, c.pos, base) ?? c.params();
  return new ParsedVia(
    protocolName,
    protocolVersion,
    transport,
    host,
    port,
    params,
    valueParam(params, 'branch', base),
    valueParam(params, 'received', base),
    params.get('rport'),
    valueParam(params, 'maddr', base),
    valueParam(params, 'ttl', base),
    s,
    c.pos,
    base,
  );
}

function num(v: string, name: string, max: number, base: number): number {
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    const d = v.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9 || i > 5) throw new SipParseError('BAD_HEADER_VALUE', `bad Via ${name}`, base);
    n = n * 10 + d;
  }
  if (v.length === 0 || n > max) throw new SipParseError('BAD_HEADER_VALUE', `bad Via ${name}`, base);
  return n;
}

/**
 * A parsed Via. Its `params` map is built on first read: a UA reads the branch of every Via it gets but rarely the
 * other parameters, which the parser has already checked and picked out.
 */
class ParsedVia implements Via {
  readonly received: string | undefined;
  readonly rport: number | true | undefined;
  readonly ttl: number | undefined;
  #params: HeaderParams | undefined;
  readonly #source: string;
  readonly #paramsStart: number;
  readonly #base: number;

  constructor(
    readonly protocolName: string,
    readonly protocolVersion: string,
    readonly transport: string,
    readonly host: string,
    readonly port: number | undefined,
    params: HeaderParams | undefined,
    readonly branch: string | undefined,
    received: string | undefined,
    rport: string | null | undefined,
    readonly maddr: string | undefined,
    ttl: string | undefined,
    source: string,
    paramsStart: number,
    base: number,
  ) {
    // RFC 3261 §18.2.1 received carries an address, never a name.
    if (received !== undefined) {
      const isV6 = received.includes(':');
      const probe = isV6 && !received.startsWith('[') ? `[${received}]` : received;
      const kind = classifyHost(probe, 0, probe.length);
      if (kind === undefined || kind === 'domain') {
        throw new SipParseError('BAD_HEADER_VALUE', 'Via received is not an IP address', base);
      }
    }
    this.received = received;
    this.rport = rport === undefined ? undefined : rport === null ? true : num(rport, 'rport', 65535, base);
    this.ttl = ttl === undefined ? undefined : num(ttl, 'ttl', 255, base);
    this.#params = params;
    this.#source = source;
    this.#paramsStart = paramsStart;
    this.#base = base;
  }

  get params(): HeaderParams {
    // The parameters were checked when the Via was parsed, so this cannot fail.
    this.#params ??= fastParams(this.#source, this.#paramsStart, this.#base) ?? new Map<string, string | null>();
    return this.#params;
  }

  toJSON(): object {
    return {
      protocolName: this.protocolName,
      protocolVersion: this.protocolVersion,
      transport: this.transport,
      host: this.host,
      params: this.params,
      port: this.port,
      branch: this.branch,
      received: this.received,
      rport: this.rport,
      maddr: this.maddr,
      ttl: this.ttl,
    };
  }
}
