import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SipParseError } from '../errors.js';
import { parseCSeq, wireCSeq } from './cseq.js';
import { fastParams, splitList, ValueCursor } from './cursor.js';
import { parseCallId, wireCallId, wireContentLength } from './misc.js';
import { parseFromTo, wireNameAddr } from './name-addr.js';
import { headerKey, KNOWN_KEYS, knownHeaderAt, knownKeyId } from './names.js';
import { parseContentLength } from './specs.js';
import { generalVia, parseVia, wireVia } from './via.js';

type Outcome = { ok: true; value: unknown } | { ok: false; code: string };

function attempt(read: () => unknown): Outcome {
  try {
    return { ok: true, value: read() };
  } catch (e) {
    if (e instanceof SipParseError) return { ok: false, code: e.code };
    throw e;
  }
}

describe('known header names', () => {
  it('recognises every key and compact form in any letter case, without making a string', () => {
    const bytes = (line: string): Buffer => Buffer.from(line, 'latin1');
    const key = (line: string): string | undefined => KNOWN_KEYS[knownHeaderAt(bytes(line), 0, line.indexOf(':'))];
    expect(key('Content-Length: 0')).toBe('content-length');
    expect(key('CONTENT-length: 0')).toBe('content-length');
    expect(key('l: 0')).toBe('content-length');
    expect(key('I: x')).toBe('call-id');
    expect(key('SIP-ETag: x')).toBe('sip-etag');
    expect(key('subscription-STATE: active')).toBe('subscription-state');
    expect(knownHeaderAt(bytes('X-Foo: 1'), 0, 5)).toBe(0);
    expect(knownHeaderAt(bytes('Via\r: 1'), 0, 4)).toBe(0);
    // Same length, first and last letter as a known name, but not it.
    expect(knownHeaderAt(bytes('Cxxxxxt: 1'), 0, 7)).toBe(0);
    expect(knownHeaderAt(bytes('F\u00e9om: 1'), 0, 4)).toBe(0);
    expect(key('CALL-ID: x')).toBe('call-id');
    expect(key('contact: x')).toBe('contact');
  });

  it('knows a name exactly when its lookup key is known, and gives that key', () => {
    const name = fc.oneof(
      fc.constantFrom(...KNOWN_KEYS.slice(1), 'v', 'F', 'i', 'x', 'z', 'Cseq', 'CALL-id', 'Via-x', 'Tos'),
      fc.stringMatching(/^[A-Za-z0-9.!%*_+`'~-]{1,20}$/),
    );
    const cased = fc
      .tuple(name, fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }))
      .map(([n, up]) => [...n].map((c, i) => (up[i] === true ? c.toUpperCase() : c.toLowerCase())).join(''));
    fc.assert(
      fc.property(cased, (n) => {
        const id = knownHeaderAt(Buffer.from(`: ${n} :`, 'latin1'), 2, 2 + n.length);
        expect(id).toBe(knownKeyId(headerKey(n)));
        if (id !== 0) expect(KNOWN_KEYS[id]).toBe(headerKey(n));
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
});

const paramName = fc.constantFrom('branch', 'Branch', 'rport', 'received', 'maddr', 'ttl', 'tag', 'x', 'lr', 'a.b');
const paramValue = fc.constantFrom('z9hG4bK1', '192.0.2.1', '[2001:db8::1]', '5060', 'A', '', '"q"', 'a b', '70');
const params = fc
  .array(fc.tuple(paramName, fc.option(paramValue), fc.constantFrom('', ' ')), { maxLength: 5 })
  .map((ps) => ps.map(([n, v, sp]) => `${sp};${sp}${n}${v === null ? '' : `=${v}`}`).join(''));

describe('fast paths agree with the general parsers', () => {
  it('fastParams builds the map the cursor builds, or leaves the section to it', () => {
    let fast = 0;
    fc.assert(
      fc.property(params, (section) => {
        const quick = attempt(() => fastParams(section, 0, 0));
        const general = attempt(() => new ValueCursor(section, 0).params());
        if (quick.ok && quick.value === undefined) return;
        fast++;
        expect(quick.ok ? [...(quick.value as Map<string, string | null>)] : quick.code).toEqual(
          general.ok ? [...(general.value as Map<string, string | null>)] : general.code,
        );
      }),
      { seed: 42, numRuns: 1500 },
    );
    expect(fast).toBeGreaterThan(300);
  });

  it('parseVia (with its fast path) and the general Via grammar give the same Via or the same error', () => {
    const via = fc
      .tuple(
        fc.constantFrom('SIP/2.0/', 'SIP / 2.0 / ', 'sip/2.0/'),
        fc.constantFrom('TCP', 'tls', 'UDP', 'WSS', 'Foo'),
        fc.constantFrom(' ', '  ', '\t'),
        fc.constantFrom('h.example.com', '192.0.2.1', '[2001:db8::1]', 'bad_host', '-a.com', 'a.com.', '1.2.3'),
        fc.constantFrom('', ':5060', ':0', ':65536', ':', ':5x', ' : 5060'),
        params,
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(via, (v) => {
        const a = attempt(() => parseVia(v, 7));
        const b = attempt(() => generalVia(v, 7));
        expect(a.ok ? JSON.stringify(a.value, (_k, x) => (x instanceof Map ? [...x] : x)) : a.code).toBe(
          b.ok ? JSON.stringify(b.value, (_k, x) => (x instanceof Map ? [...x] : x)) : b.code,
        );
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
});

// The wire fast paths read a value in place (`text[from, to)`, bytes at `base + i`) and either give exactly what
// the string parsers give for that value, or `undefined` so that the string parser decides (and reports faults).
function wireAgrees<T>(
  value: string,
  wire: (b: Uint8Array, s: string, from: number, to: number, base: number) => T | undefined,
  read: (v: string, offset: number) => T,
): 'fast' | 'left' {
  const prefix = 'X-Pad: 1\r\nName: ';
  const text = `${prefix}${value}\r\n`;
  const base = 3;
  const bytes = Buffer.concat([Buffer.from('\r\n\r'), Buffer.from(text, 'latin1')]);
  const fast = wire(bytes, text, prefix.length, prefix.length + value.length, base);
  const slow = attempt(() => read(value, base + prefix.length));
  if (fast === undefined) return 'left';
  const json = (x: unknown): string => JSON.stringify(x, (_k, v) => (v instanceof Map ? [...v] : v));
  // A part a fast path leaves to be checked when read (a Via's sent-by) reports the string parser's fault then.
  const got = attempt(() => json(fast));
  expect(slow.ok ? json(slow.value) : slow.code).toBe(got.ok ? got.value : got.code);
  return 'fast';
}

describe('wire fast paths agree with the string parsers', () => {
  it('keeps transports that only start like a known one (the general grammar upper-cases any token)', () => {
    for (const transport of ['WSSX', 'wsx', 'SCTPX', 'UDPP', 'TC', 'Wss']) {
      const value = `SIP/2.0/${transport} h.example.com;branch=z9hG4bK1`;
      expect(parseVia(value, 0).transport).toBe(transport.toUpperCase());
      const bytes = Buffer.from(value, 'latin1');
      expect(wireVia(bytes, value, 0, value.length, 0)?.transport ?? transport.toUpperCase()).toBe(
        transport.toUpperCase(),
      );
    }
  });

  const viaParams = fc.oneof(
    fc
      .array(fc.tuple(paramName, fc.option(paramValue)), { maxLength: 4 })
      .map((ps) => ps.map(([n, v]) => `;${n}${v === null ? '' : `=${v}`}`).join('')),
    fc
      .uniqueArray(
        fc.constantFrom('branch=z9hG4bK1', 'rport', 'rport=5060', 'received=192.0.2.1', 'ttl=16', 'maddr=239.1.1.1'),
        { maxLength: 4, selector: (p) => p.split('=')[0] },
      )
      .map((ps) => ps.map((p) => `;${p}`).join('')),
  );
  it('Via: the same Via (parameters included) or left to parseVia', () => {
    let fast = 0;
    // Mostly the usual shape, so that the fast path is taken often; the odd parts make it step aside.
    const usually = <T>(common: T, ...odd: T[]): fc.Arbitrary<T> =>
      fc.oneof({ arbitrary: fc.constant(common), weight: 4 }, { arbitrary: fc.constantFrom(...odd), weight: 1 });
    const via = fc
      .tuple(
        usually('SIP/2.0/', 'SIP / 2.0 / ', 'sip/2.0/'),
        usually('TCP', 'tls', 'Udp', 'WSS', 'ws', 'SCTP', 'Foo', 'TCPX', 'WSSX', 'wsx', 'SCTPX', 'UDPP', 'Wss'),
        usually(' ', '  '),
        fc.constantFrom('h.example.com', '192.0.2.1', '192.0.2.1', '[2001:db8::1]', 'bad_host', '1.2.3', 'a,b'),
        fc.constantFrom('', ':5060', ':0', ':65536', ':', ':5x'),
        viaParams,
        usually('', ', SIP/2.0/UDP b', ' ,x', ',', '"q"'),
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(via, (v) => {
        const outcome = wireAgrees(v, wireVia, (value, offset) => {
          const first = splitList(value, offset)[0];
          return first === undefined ? undefined : parseVia(first.text, first.offset);
        });
        if (outcome === 'fast') fast++;
      }),
      { seed: 42, numRuns: 2000 },
    );
    expect(fast).toBeGreaterThan(100);
  });

  it('From/To: the same name-addr (tag and parameters included) or left to parseFromTo', () => {
    let fast = 0;
    const nameAddr = fc
      .tuple(
        fc.constantFrom('', '"Alice" ', '"Al\\"ice"', '"" ', 'Bob ', '"a\u0001"', '"x>y" ', '"open'),
        fc.constantFrom('<sip:alice@example.com>', '<sip:a@b;transport=tcp>', 'sip:a@b', '<sip:a@b', '<>'),
        fc.constantFrom('', ';tag=1', ';TAG=abc', ';tag', ';tag=1;tag=2', ' ;tag=1', ';x;y=z', ';tag="q"'),
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(nameAddr, (v) => {
        const read = (value: string, offset: number) => {
          const a = parseFromTo(value, offset, 4096);
          return { displayName: a.displayName, rawUri: a.rawUri, tag: a.tag, params: a.params };
        };
        const wire = (b: Uint8Array, s: string, from: number, to: number, base: number) => {
          const a = wireNameAddr(b, s, from, to, base, 4096);
          return a === undefined
            ? undefined
            : { displayName: a.displayName, rawUri: a.rawUri, tag: a.tag, params: a.params };
        };
        if (wireAgrees(v, wire, read) === 'fast') fast++;
      }),
      { seed: 42, numRuns: 1500 },
    );
    expect(fast).toBeGreaterThan(100);
  });

  it('Call-ID, CSeq and Content-Length: the same value or left to the string parsers', () => {
    const word = fc.constantFrom('abc', 'a.b-c', '4f1d@192.0.2.10', '@x', 'x@', 'a@b@c', '', 'a b', 'é', '()<>');
    fc.assert(
      fc.property(word, (v) => {
        wireAgrees(v, wireCallId, parseCallId);
      }),
      { seed: 42, numRuns: 200 },
    );
    const cseq = fc.constantFrom(
      '1 INVITE',
      '2147483647 NOTIFY',
      '2147483648 NOTIFY',
      '1  OPTIONS',
      'x OPTIONS',
      '1',
      '1 A B',
    );
    fc.assert(
      fc.property(cseq, (v) => {
        wireAgrees(v, wireCSeq, parseCSeq);
      }),
      { seed: 42, numRuns: 200 },
    );
    const length = fc.constantFrom('0', '1252', '0012', '-1', '1e3', '', '9999999999999999');
    fc.assert(
      fc.property(length, (v) => {
        wireAgrees(v, (b, _s, from, to, base) => wireContentLength(b, from, to, base), parseContentLength);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
