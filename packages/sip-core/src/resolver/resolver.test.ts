import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createDnsResolver,
  createStaticResolver,
  type DnsBackend,
  destinationOfUri,
  type NaptrAnswer,
  orderSrv,
  ResolveError,
  type SrvAnswer,
} from './resolver.js';

interface Zone {
  naptr?: Record<string, NaptrAnswer[]>;
  srv?: Record<string, SrvAnswer[]>;
  a?: Record<string, string[]>;
  aaaa?: Record<string, string[]>;
}

function zone(z: Zone): DnsBackend & { queries: string[] } {
  const queries: string[] = [];
  const answer = <T>(kind: string, table: Record<string, T[]> | undefined, name: string): Promise<T[]> => {
    queries.push(`${kind} ${name}`);
    const list = table?.[name];
    return list === undefined
      ? Promise.reject(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }))
      : Promise.resolve(list);
  };
  return {
    queries,
    resolveNaptr: (n) => answer('NAPTR', z.naptr, n),
    resolveSrv: (n) => answer('SRV', z.srv, n),
    resolve4: (n) => answer('A', z.a, n),
    resolve6: (n) => answer('AAAA', z.aaaa, n),
  };
}

const naptr = (service: string, order: number, replacement: string, flags = 's'): NaptrAnswer => ({
  flags,
  service,
  regexp: '',
  replacement,
  order,
  preference: 10,
});

describe('RFC 3263 resolver', () => {
  it('follows NAPTR → SRV → A, keeping only TCP and TLS services in NAPTR order', async () => {
    const dns = zone({
      naptr: {
        'example.com': [
          naptr('SIP+D2U', 10, '_sip._udp.example.com'),
          naptr('SIP+D2T', 30, '_sip._tcp.example.com'),
          naptr('SIPS+D2T', 20, '_sips._tcp.example.com'),
        ],
      },
      srv: {
        '_sips._tcp.example.com': [{ name: 'tls.example.com', port: 5061, priority: 10, weight: 0 }],
        '_sip._tcp.example.com': [{ name: 'tcp.example.com', port: 5060, priority: 10, weight: 0 }],
      },
      a: { 'tls.example.com': ['127.0.0.2'], 'tcp.example.com': ['127.0.0.3'] },
    });
    const targets = await createDnsResolver({ dns, random: () => 0 }).resolve({ host: 'example.com' });
    expect(targets).toEqual([
      { transport: 'tls', address: '127.0.0.2', port: 5061, host: 'example.com' },
      { transport: 'tcp', address: '127.0.0.3', port: 5060, host: 'example.com' },
    ]);
    expect(dns.queries).not.toContain('SRV _sip._udp.example.com');
  });

  it('without NAPTR tries SRV for TLS then TCP, then A/AAAA on the default port', async () => {
    const srvOnly = zone({
      srv: { '_sip._tcp.example.org': [{ name: 'sip.example.org', port: 5070, priority: 1, weight: 1 }] },
      a: { 'sip.example.org': ['127.0.0.4'] },
      aaaa: { 'sip.example.org': ['::1'] },
    });
    expect(await createDnsResolver({ dns: srvOnly }).resolve({ host: 'example.org' })).toEqual([
      { transport: 'tcp', address: '127.0.0.4', port: 5070, host: 'example.org' },
      { transport: 'tcp', address: '::1', port: 5070, host: 'example.org' },
    ]);
    const aOnly = zone({ a: { 'example.net': ['127.0.0.5'] } });
    expect(await createDnsResolver({ dns: aOnly }).resolve({ host: 'example.net', transport: 'tls' })).toEqual([
      { transport: 'tls', address: '127.0.0.5', port: 5061, host: 'example.net' },
    ]);
  });

  it('skips NAPTR and SRV for an explicit port, and all DNS for an IP address (RFC 3263 §4.1, §4.2)', async () => {
    const dns = zone({ a: { 'example.com': ['127.0.0.6'] } });
    const resolver = createDnsResolver({ dns });
    expect(await resolver.resolve({ host: 'example.com', port: 5080 })).toEqual([
      { transport: 'tcp', address: '127.0.0.6', port: 5080, host: 'example.com' },
    ]);
    expect(await resolver.resolve({ host: '[::1]', secure: true })).toEqual([
      { transport: 'tls', address: '::1', port: 5061, host: '::1' },
    ]);
    expect(dns.queries).toEqual(['A example.com', 'AAAA example.com']);
  });

  it('refuses UDP and reports a domain with no SIP server as a typed error', async () => {
    const resolver = createDnsResolver({ dns: zone({}) });
    await expect(resolver.resolve({ host: 'example.com', transport: 'udp' })).rejects.toMatchObject({
      code: 'UNSUPPORTED_TRANSPORT',
    });
    const err = await resolver.resolve({ host: 'nowhere.invalid' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResolveError);
    expect((err as ResolveError).code).toBe('NO_TARGETS');
  });

  it('skips a "." SRV target (service decidedly unavailable)', async () => {
    const dns = zone({
      srv: {
        '_sips._tcp.example.com': [{ name: '.', port: 0, priority: 0, weight: 0 }],
        '_sip._tcp.example.com': [{ name: 'b.example.com', port: 5060, priority: 0, weight: 0 }],
      },
      a: { 'b.example.com': ['127.0.0.7'] },
    });
    expect((await createDnsResolver({ dns }).resolve({ host: 'example.com' })).map((t) => t.address)).toEqual([
      '127.0.0.7',
    ]);
  });
});

describe('SRV ordering (RFC 2782)', () => {
  const records: SrvAnswer[] = [
    { name: 'low-prio', port: 1, priority: 20, weight: 100 },
    { name: 'heavy', port: 1, priority: 10, weight: 90 },
    { name: 'light', port: 1, priority: 10, weight: 10 },
  ];

  it('orders by priority first and by weighted chance within a priority', () => {
    expect(orderSrv(records, () => 0).map((r) => r.name)).toEqual(['light', 'heavy', 'low-prio']);
    expect(orderSrv(records, () => 0.5).map((r) => r.name)).toEqual(['heavy', 'light', 'low-prio']);
  });

  it('gives a zero-weight record the 1/(sum+1) chance RFC 2782 describes, and no more', () => {
    const zero: SrvAnswer[] = [
      { name: 'weighted', port: 1, priority: 10, weight: 3 },
      { name: 'zero', port: 1, priority: 10, weight: 0 },
    ];
    // random() < 1/4 picks 0, the zero-weight record's running sum; anything above picks the weighted one.
    expect(orderSrv(zero, () => 0.2).map((r) => r.name)).toEqual(['zero', 'weighted']);
    expect(orderSrv(zero, () => 0.3).map((r) => r.name)).toEqual(['weighted', 'zero']);
    expect(orderSrv(zero, () => 0.999).map((r) => r.name)).toEqual(['weighted', 'zero']);
  });

  it('picks the heavier target about as often as its weight says', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let heavyFirst = 0;
    for (let i = 0; i < 2000; i++) if (orderSrv(records, random)[0]?.name === 'heavy') heavyFirst++;
    expect(heavyFirst / 2000).toBeGreaterThan(0.8);
    expect(heavyFirst / 2000).toBeLessThan(0.97);
  });
});

describe('destinations', () => {
  it('reads host, port, transport and sips from a URI', () => {
    expect(destinationOfUri('sip:proxy.example.com:5070;transport=TCP;lr')).toEqual({
      host: 'proxy.example.com',
      port: 5070,
      transport: 'tcp',
      secure: false,
    });
    expect(destinationOfUri('sips:alice@[::1]')).toEqual({ host: '[::1]', secure: true });
    expect(() => destinationOfUri('mailto:x@y')).toThrow(ResolveError);
  });

  it('a static resolver answers its fixed loopback targets', async () => {
    const targets = [{ transport: 'tcp' as const, address: '127.0.0.1', port: 5060, host: 'simplekit.test' }];
    expect(await createStaticResolver(targets).resolve({ host: 'anything' })).toEqual(targets);
  });
});

describe('destinationOfUri on arbitrary input', () => {
  it('returns a destination or throws ResolveError, nothing else (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.string({ maxLength: 60 }).map((s) => `sip:${s}`),
        ),
        (text) => {
          try {
            const d = destinationOfUri(text);
            expect(typeof d.host).toBe('string');
          } catch (e) {
            expect(e).toBeInstanceOf(ResolveError);
          }
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});
