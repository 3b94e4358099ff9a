import { SipParseError } from '../errors.js';
import { classifyHost } from '../uri/host.js';
import { fastParams, type HeaderParams, splitList, ValueCursor, valueParam } from './cursor.js';
import { buildParams, paramIs, paramIsBare, paramValue, scanParamBytes } from './param-spans.js';

// The usual spellings, already upper-cased: saves an allocation per Via.
const TRANSPORTS: ReadonlyMap<string, string> = new Map(
  ['TCP', 'TLS', 'UDP', 'WS', 'WSS', 'SCTP'].flatMap((t) => [
    [t, t],
    [t.toLowerCase(), t],
  ]),
);

/** RFC 3261 §8.1.1.7: branches starting with this cookie were built by RFC 3261 elements. */
export const BRANCH_MAGIC_COOKIE = 'z9hG4bK';

/**
 * One Via entry (RFC 3261 §20.42, rport from RFC 3581). On the top Via of a parsed message the sent-protocol and
 * sent-by (`protocolName`, `protocolVersion`, `transport`, `host`, `port`) are getters, checked on the first read
 * of any of them (`SipParseError` if malformed); the parameters were checked when the Via was read.
 */
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

// The usual transports by length and first letter, in any letter case (the general parser upper-cases the token
// the same way): no string is made.
function transportAt(s: string, from: number, to: number): string | undefined {
  let t: string;
  switch (to - from) {
    case 2:
      t = 'WS';
      break;
    case 3: {
      const c = s.charCodeAt(from) | 0x20;
      t = c === 0x75 ? 'UDP' : c === 0x77 ? 'WSS' : (s.charCodeAt(from + 2) | 0x20) === 0x70 ? 'TCP' : 'TLS';
      break;
    }
    case 4:
      t = 'SCTP';
      break;
    default:
      return undefined;
  }
  // Every candidate is exactly `to - from` letters long.
  for (let k = 0; k < t.length; k++) if ((s.charCodeAt(from + k) & 0xdf) !== t.charCodeAt(k)) return undefined;
  return t;
}

/**
 * `SIP/2.0/transport SP host [":" port]` at `s[from, to)`, the usual shape: returns the transport and where the
 * host and port end (as `hostEnd`, `end`, `port`), or `undefined` for anything else.
 */
function sentBy(s: string, from: number, to: number): SentBy | undefined {
  // "SIP/2.0/" exactly (the general parser handles other spellings and LWS around "/").
  if (to - from < 10 || !s.startsWith('SIP/2.0/', from)) return undefined;
  const tStart = from + 8;
  // The known transports are 2 to 4 letters long: look for the space after them where it can be.
  const sp =
    s.charCodeAt(tStart + 3) === 0x20
      ? tStart + 3
      : s.charCodeAt(tStart + 2) === 0x20
        ? tStart + 2
        : s.charCodeAt(tStart + 4) === 0x20
          ? tStart + 4
          : -1;
  if (sp === -1 || sp >= to) return undefined;
  const transport = transportAt(s, tStart, sp);
  const hostStart = sp + 1;
  if (transport === undefined || s.charCodeAt(hostStart) === 0x5b) return undefined;
  // Native searches find where the host ends (far cheaper than a loop over its characters).
  let semi = s.indexOf(';', hostStart);
  if (semi === -1 || semi > to) semi = to;
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
  return { transport, hostStart, hostEnd, port, end: semi };
}

function bare(index: number): boolean {
  return index !== -1 && paramIsBare(index);
}

interface SentBy {
  readonly transport: string;
  readonly hostStart: number;
  readonly hostEnd: number;
  readonly port: number | undefined;
  /** Where the parameters start. */
  readonly end: number;
}

/**
 * The usual shape, `SIP/2.0/transport SP host[:port];params` with nothing unusual; `undefined` sends anything
 * else to {@link generalVia}, which accepts a superset of this and gives the same Via.
 */
function fastVia(s: string, base: number): Via | undefined {
  const at = sentBy(s, 0, s.length);
  if (at === undefined) return undefined;
  const params = fastParams(s, at.end, base);
  if (params === undefined) return undefined;
  return viaOf('SIP', '2.0', at.transport, s.slice(at.hostStart, at.hostEnd), at.port, params, base);
}

/**
 * The first Via element of a parsed message straight from the wire: the value at `s[from, to)` with `b[base + i]`
 * the byte of `s[i]`, in the shape {@link fastVia} takes. Checks and picks out the parameters (what a UA reads of
 * every Via is its branch) and leaves `SIP/2.0/transport SP host[:port]` to be checked when one of its parts is
 * first read; makes no string but the parameter values it names, and builds the parameter map only when asked.
 * Returns `undefined`, never throws: the caller then reads the value the usual way, which reports any fault.
 * Success means the value is a single element (the parameters have no comma, quote, "<" or whitespace, and no
 * comma comes before them).
 */
export function wireVia(b: Uint8Array, s: string, from: number, to: number, base: number): Via | undefined {
  let semi = s.indexOf(';', from);
  if (semi === -1 || semi > to) semi = to;
  // A comma before the parameters ends the first element there: its parameters are not these.
  const comma = s.indexOf(',', from);
  if (comma !== -1 && comma < semi) return undefined;
  const count = scanParamBytes(b, s, semi, to, base);
  if (count === -1) return undefined;
  // One look at each parameter name picks out the ones a Via gives names to.
  let branch = -1;
  let received = -1;
  let rport = -1;
  let maddr = -1;
  let ttl = -1;
  for (let k = 0; k < count; k++) {
    if (paramIs(s, k, 'branch')) branch = k;
    else if (paramIs(s, k, 'rport')) rport = k;
    else if (paramIs(s, k, 'received')) received = k;
    else if (paramIs(s, k, 'maddr')) maddr = k;
    else if (paramIs(s, k, 'ttl')) ttl = k;
  }
  // These need a value; the usual reading reports the fault.
  if (bare(branch) || bare(received) || bare(maddr) || bare(ttl)) return undefined;
  try {
    return new ParsedVia(
      undefined,
      undefined,
      paramValue(s, branch),
      paramValue(s, received),
      rport === -1 ? undefined : paramIsBare(rport) ? null : paramValue(s, rport),
      paramValue(s, maddr),
      paramValue(s, ttl),
      base + from,
      s,
      from,
      semi,
      to,
      base,
    );
  } catch {
    return undefined;
  }
}

/** The parts of a Via before its parameters. */
interface ViaHead {
  readonly protocolName: string;
  readonly protocolVersion: string;
  readonly transport: string;
  readonly host: string;
  readonly port?: number | undefined;
}

/**
 * The sent-protocol and sent-by of the Via element `s[from, to)` whose parameters start at `semi` (and were
 * checked): the usual shape in place, anything else through {@link generalVia}, which reports the fault.
 */
function headOf(s: string, from: number, semi: number, to: number, base: number): ViaHead {
  const at = sentBy(s, from, semi);
  if (at !== undefined && at.end === semi) {
    return {
      protocolName: 'SIP',
      protocolVersion: '2.0',
      transport: at.transport,
      host: s.slice(at.hostStart, at.hostEnd),
      port: at.port,
    };
  }
  // As the header accessor would have read it without the wire path, so that the fault reported is the same.
  const first = splitList(s.slice(from, to), base + from)[0];
  if (first === undefined) throw new SipParseError('BAD_HEADER_VALUE', 'empty Via', base + from);
  return parseVia(first.text, first.offset);
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
  return viaOf(protocolName, protocolVersion, transport, host, port, params, base);
}

function viaOf(
  protocolName: string,
  protocolVersion: string,
  transport: string,
  host: string,
  port: number | undefined,
  params: HeaderParams,
  base: number,
): Via {
  return new ParsedVia(
    { protocolName, protocolVersion, transport, host, port },
    params,
    valueParam(params, 'branch', base),
    valueParam(params, 'received', base),
    params.get('rport'),
    valueParam(params, 'maddr', base),
    valueParam(params, 'ttl', base),
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
 * A parsed Via. Read from a message's wire bytes (`wireVia`), its parameters are checked at once but its
 * sent-protocol and sent-by (`protocolName`, `protocolVersion`, `transport`, `host`, `port`) on the first read of
 * any of them, which throws `SipParseError` if they are malformed; its `params` map is built on first read. A UA
 * reads the branch of every Via it gets, the rest rarely (the transaction layer reads sent-by of requests).
 */
class ParsedVia implements Via {
  readonly received: string | undefined;
  readonly rport: number | true | undefined;
  readonly ttl: number | undefined;
  #head: ViaHead | undefined;
  #params: HeaderParams | undefined;
  // The element is `#source[#from, #to)`, its parameters `#source[#semi, #to)`; `#base` the offset of `#source[0]`.
  readonly #source: string;
  readonly #from: number;
  readonly #semi: number;
  readonly #to: number;
  readonly #base: number;

  constructor(
    head: ViaHead | undefined,
    params: HeaderParams | undefined,
    readonly branch: string | undefined,
    received: string | undefined,
    rport: string | null | undefined,
    readonly maddr: string | undefined,
    ttl: string | undefined,
    base: number,
    source = '',
    from = 0,
    semi = 0,
    to = 0,
    sourceBase = 0,
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
    this.#head = head;
    this.#params = params;
    this.#source = source;
    this.#from = from;
    this.#semi = semi;
    this.#to = to;
    this.#base = sourceBase;
  }

  #sent(): ViaHead {
    this.#head ??= headOf(this.#source, this.#from, this.#semi, this.#to, this.#base);
    return this.#head;
  }

  get protocolName(): string {
    return this.#sent().protocolName;
  }

  get protocolVersion(): string {
    return this.#sent().protocolVersion;
  }

  get transport(): string {
    return this.#sent().transport;
  }

  get host(): string {
    return this.#sent().host;
  }

  get port(): number | undefined {
    return this.#sent().port;
  }

  get params(): HeaderParams {
    // The parameters were checked when the Via was parsed, so this cannot fail.
    this.#params ??= buildParams(this.#source, this.#semi, this.#to, this.#base);
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
