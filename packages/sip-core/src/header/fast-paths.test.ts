import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SipParseError } from '../errors.js';
import { fastParams, ValueCursor } from './cursor.js';
import { headerKey, KNOWN_KEYS, knownHeaderAt, knownKeyId } from './names.js';
import { generalVia, parseVia } from './via.js';

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
    const key = (line: string): string | undefined => KNOWN_KEYS[knownHeaderAt(line, 0, line.indexOf(':'))];
    expect(key('Content-Length: 0')).toBe('content-length');
    expect(key('CONTENT-length: 0')).toBe('content-length');
    expect(key('l: 0')).toBe('content-length');
    expect(key('I: x')).toBe('call-id');
    expect(key('SIP-ETag: x')).toBe('sip-etag');
    expect(key('subscription-STATE: active')).toBe('subscription-state');
    expect(knownHeaderAt('X-Foo: 1', 0, 5)).toBe(0);
    expect(knownHeaderAt('Via\r: 1', 0, 4)).toBe(0);
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
        const id = knownHeaderAt(`: ${n} :`, 2, 2 + n.length);
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
