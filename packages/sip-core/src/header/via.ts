import { hasClass, TOKEN } from '../chars.js';
import { SipParseError } from '../errors.js';
import { classifyHost } from '../uri/host.js';
import { fastParams, type HeaderParams, ValueCursor, valueParam } from './cursor.js';

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

/**
 * The usual shape, `SIP/2.0/transport SP host[:port];params` with nothing unusual, checked with native searches
 * and one pass per part; `undefined` sends anything else to {@link generalVia}, which accepts a superset of this.
 */
function fastVia(s: string, base: number): Via | undefined {
  if (!s.startsWith('SIP/2.0/')) return undefined;
  const n = s.length;
  let i = 8;
  while (i < n && hasClass(s.charCodeAt(i), TOKEN)) i++;
  if (i === 8 || s.charCodeAt(i) !== 0x20) return undefined;
  const transport = TRANSPORTS.get(s.slice(8, i));
  const hostStart = i + 1;
  if (transport === undefined || s.charCodeAt(hostStart) === 0x5b) return undefined;
  let semi = s.indexOf(';', hostStart);
  if (semi === -1) semi = n;
  const colon = s.indexOf(':', hostStart);
  const hostEnd = colon !== -1 && colon < semi ? colon : semi;
  if (classifyHost(s, hostStart, hostEnd) === undefined) return undefined;
  let port: number | undefined;
  if (hostEnd < semi) {
    if (semi - hostEnd < 2 || semi - hostEnd > 6) return undefined;
    port = 0;
    for (let k = hostEnd + 1; k < semi; k++) {
      const d = s.charCodeAt(k) - 0x30;
      if (d < 0 || d > 9) return undefined;
      port = port * 10 + d;
    }
    if (port > 65535) return undefined;
  }
  const params = fastParams(s, semi, base);
  if (params === undefined) return undefined;
  return finish('SIP', '2.0', transport, s.slice(hostStart, hostEnd), port, params, base);
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
  return finish(protocolName, protocolVersion, transport, host, port, params, base);
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

function finish(
  protocolName: string,
  protocolVersion: string,
  transport: string,
  host: string,
  port: number | undefined,
  params: HeaderParams,
  base: number,
): Via {
  const branch = valueParam(params, 'branch', base);
  const received = valueParam(params, 'received', base);
  const rport = params.get('rport');
  const maddr = valueParam(params, 'maddr', base);
  const ttl = valueParam(params, 'ttl', base);
  // RFC 3261 §18.2.1 received carries an address, never a name.
  if (received !== undefined) {
    const isV6 = received.includes(':');
    const probe = isV6 && !received.startsWith('[') ? `[${received}]` : received;
    const kind = classifyHost(probe, 0, probe.length);
    if (kind === undefined || kind === 'domain') {
      throw new SipParseError('BAD_HEADER_VALUE', 'Via received is not an IP address', base);
    }
  }
  return {
    protocolName,
    protocolVersion,
    transport,
    host,
    params,
    port: port,
    branch: branch,
    received: received,
    rport: rport === undefined ? undefined : rport === null ? true : num(rport, 'rport', 65535, base),
    maddr: maddr,
    ttl: ttl === undefined ? undefined : num(ttl, 'ttl', 255, base),
  };
}
