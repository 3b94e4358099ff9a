import * as nodeDns from 'node:dns/promises';
import { SipError } from '../errors.js';
import type { ConnectTarget, TransportKind } from '../transport/connection.js';

export interface NaptrAnswer {
  readonly flags: string;
  readonly service: string;
  readonly regexp: string;
  readonly replacement: string;
  readonly order: number;
  readonly preference: number;
}

export interface SrvAnswer {
  readonly name: string;
  readonly port: number;
  readonly priority: number;
  readonly weight: number;
}

/** The DNS queries RFC 3263 needs; `node:dns/promises` fits it, tests pass loopback answers. */
export interface DnsBackend {
  resolveNaptr(name: string): Promise<readonly NaptrAnswer[]>;
  resolveSrv(name: string): Promise<readonly SrvAnswer[]>;
  resolve4(name: string): Promise<readonly string[]>;
  resolve6(name: string): Promise<readonly string[]>;
}

/** What to locate: the host part of a SIP URI, as in RFC 3263 §4. */
export interface SipDestination {
  readonly host: string;
  readonly port?: number;
  /** From the URI's `transport` parameter. */
  readonly transport?: string;
  /** A `sips:` URI: only TLS is acceptable (RFC 3261 §26.2.2). */
  readonly secure?: boolean;
}

/** Turns a destination into an ordered list of addresses to try (RFC 3263 §4.3: try the next on failure). */
export interface SipResolver {
  resolve(destination: SipDestination): Promise<ConnectTarget[]>;
}

export class ResolveError extends SipError {
  override readonly name: string = 'ResolveError';
}

export interface DnsResolverOptions {
  readonly dns?: DnsBackend;
  readonly random?: () => number;
  /** Prefer IPv4 addresses before IPv6 ones (default true: loopback test rigs and most SIP servers are v4). */
  readonly preferIpv4?: boolean;
}

const DEFAULT_PORT: Readonly<Record<TransportKind, number>> = { tcp: 5060, tls: 5061 };
// RFC 3263 §4.1, RFC 3261 §26: the NAPTR services for the stream transports we speak; UDP and SCTP are skipped.
const NAPTR_SERVICE: Readonly<Record<string, TransportKind>> = { 'sips+d2t': 'tls', 'sip+d2t': 'tcp' };
const SRV_PREFIX: Readonly<Record<TransportKind, string>> = { tls: '_sips._tcp.', tcp: '_sip._tcp.' };

function isIp(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** RFC 2782: by priority, then a weighted random order within each priority. */
export function orderSrv(records: readonly SrvAnswer[], random: () => number): SrvAnswer[] {
  const byPriority = new Map<number, SrvAnswer[]>();
  for (const r of records) byPriority.set(r.priority, [...(byPriority.get(r.priority) ?? []), r]);
  const out: SrvAnswer[] = [];
  for (const priority of [...byPriority.keys()].sort((a, b) => a - b)) {
    // Zero weights first so that they get a small chance, as RFC 2782 describes.
    const group = [...(byPriority.get(priority) ?? [])].sort((a, b) => a.weight - b.weight);
    while (group.length > 0) {
      const total = group.reduce((sum, r) => sum + r.weight, 0);
      // RFC 2782: a uniform integer in 0..sum, and the first record whose running sum reaches it; so a zero-weight
      // record (sorted first) keeps its 1/(sum+1) chance rather than none.
      const pick = Math.min(total, Math.floor(random() * (total + 1)));
      let running = 0;
      let index = group.length - 1;
      for (let i = 0; i < group.length; i++) {
        running += group[i]?.weight ?? 0;
        if (running >= pick) {
          index = i;
          break;
        }
      }
      const [chosen] = group.splice(index, 1);
      if (chosen !== undefined) out.push(chosen);
    }
  }
  return out;
}

async function quiet<T>(query: Promise<readonly T[]>): Promise<readonly T[]> {
  try {
    return await query;
  } catch {
    // NXDOMAIN / NODATA / SERVFAIL all mean "no records of this type" for the fallback chain of RFC 3263 §4.
    return [];
  }
}

/** RFC 3263 client-side server location over DNS (NAPTR → SRV → A/AAAA), TCP and TLS only. */
export function createDnsResolver(options: DnsResolverOptions = {}): SipResolver {
  const dns: DnsBackend = options.dns ?? nodeDns;
  const random = options.random ?? Math.random;
  const preferIpv4 = options.preferIpv4 ?? true;

  async function addresses(name: string): Promise<string[]> {
    const [v4, v6] = await Promise.all([quiet(dns.resolve4(name)), quiet(dns.resolve6(name))]);
    return preferIpv4 ? [...v4, ...v6] : [...v6, ...v4];
  }

  async function viaSrv(srvName: string, transport: TransportKind, host: string): Promise<ConnectTarget[]> {
    const records = orderSrv(await quiet(dns.resolveSrv(srvName)), random);
    const out: ConnectTarget[] = [];
    for (const record of records) {
      // RFC 2782: a target of "." means the service is decidedly not available.
      if (record.name === '.' || record.name === '') continue;
      for (const address of await addresses(record.name)) out.push({ transport, address, port: record.port, host });
    }
    return out;
  }

  return {
    async resolve(destination) {
      const host = stripBrackets(destination.host);
      const wanted = destination.transport?.toLowerCase();
      if (wanted !== undefined && wanted !== 'tcp' && wanted !== 'tls') {
        throw new ResolveError('UNSUPPORTED_TRANSPORT', `transport=${wanted} is not supported (TCP and TLS only)`);
      }
      const forced: TransportKind | undefined = destination.secure ? 'tls' : (wanted as TransportKind | undefined);
      // RFC 3263 §4.1: an IP address or an explicit port skips NAPTR; §4.2: an explicit port skips SRV too.
      if (isIp(host) || destination.port !== undefined) {
        const transport = forced ?? 'tcp';
        const port = destination.port ?? DEFAULT_PORT[transport];
        const list = isIp(host) ? [host] : await addresses(host);
        const targets = list.map((address) => ({ transport, address, port, host }));
        if (targets.length === 0) throw new ResolveError('NO_TARGETS', `${host} has no A/AAAA records`);
        return targets;
      }
      if (forced === undefined) {
        const naptr = (await quiet(dns.resolveNaptr(host)))
          .filter((r) => r.flags.toLowerCase() === 's' && NAPTR_SERVICE[r.service.toLowerCase()] !== undefined)
          .sort((a, b) => a.order - b.order || a.preference - b.preference);
        const out: ConnectTarget[] = [];
        for (const record of naptr) {
          const transport = NAPTR_SERVICE[record.service.toLowerCase()];
          if (transport === undefined) continue;
          out.push(...(await viaSrv(record.replacement, transport, host)));
        }
        if (out.length > 0) return out;
      }
      // RFC 3263 §4.1: without usable NAPTR records, query SRV for each supported transport (TLS first, §4.1 lets
      // the client prefer it), then fall back to A/AAAA on the default port.
      const transports: TransportKind[] = forced === undefined ? ['tls', 'tcp'] : [forced];
      for (const transport of transports) {
        const targets = await viaSrv(`${SRV_PREFIX[transport]}${host}`, transport, host);
        if (targets.length > 0) return targets;
      }
      const transport = forced ?? 'tcp';
      const targets = (await addresses(host)).map((address) => ({
        transport,
        address,
        port: DEFAULT_PORT[transport],
        host,
      }));
      if (targets.length === 0) throw new ResolveError('NO_TARGETS', `no SIP server found for ${host}`);
      return targets;
    },
  };
}

/** A resolver that always answers the same targets (loopback test rigs, or a fixed outbound proxy). */
export function createStaticResolver(targets: readonly ConnectTarget[]): SipResolver {
  return { resolve: async () => [...targets] };
}

/** The destination named by a SIP URI string (`sip:host:port;transport=tcp`); only host, port and transport. */
export function destinationOfUri(uri: string): SipDestination {
  const m = /^(sips?):(?:[^@;]*@)?(\[[^\]]+\]|[^;:?>]+)(?::(\d+))?([^?]*)/i.exec(uri.trim());
  if (m === null) throw new ResolveError('BAD_URI', `not a SIP URI: ${uri}`);
  const transport = /;transport=([^;?]+)/i.exec(m[4] ?? '')?.[1];
  return {
    host: m[2] ?? '',
    ...(m[3] === undefined ? {} : { port: Number(m[3]) }),
    ...(transport === undefined ? {} : { transport: transport.toLowerCase() }),
    secure: (m[1] ?? '').toLowerCase() === 'sips',
  };
}
