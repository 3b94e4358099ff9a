import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SipParseError } from '../errors.js';
import { parseUriRange } from './parse.js';
import { wireSipUri } from './wire-sip.js';

// The in-place reader must give exactly what parseUriRange gives for the URIs it takes, and take none that
// parseUriRange rejects (those it leaves to parseUriRange, which reports them).
function compare(uri: string): 'fast' | 'left' {
  const prefix = 'INVITE ';
  const text = `${prefix}${uri} SIP/2.0\r\n`;
  const base = 2;
  const bytes = Buffer.concat([Buffer.from('\r\n'), Buffer.from(text, 'latin1')]);
  const to = prefix.length + uri.length;
  const fast = wireSipUri(bytes, text, prefix.length, to, base, 4096);
  let slow: unknown;
  try {
    slow = parseUriRange(text, prefix.length, to, base, 4096);
  } catch (e) {
    if (!(e instanceof SipParseError)) throw e;
    slow = e.code;
  }
  if (fast === undefined) return 'left';
  expect(fast).toEqual(slow);
  expect([...fast.params]).toEqual(
    typeof slow === 'object' && slow !== null && 'params' in slow
      ? [...(slow.params as Map<string, string | null>)]
      : slow,
  );
  return 'fast';
}

describe('wireSipUri', () => {
  it('reads the usual Request-URIs in place', () => {
    expect(compare('sip:example.com')).toBe('fast');
    expect(compare('sip:alice@192.0.2.10:54321;transport=tcp;ob')).toBe('fast');
    expect(compare('sips:bob@example.com:5061;Transport=TLS')).toBe('fast');
    expect(compare('sip:a@b?subject=x')).toBe('left');
    expect(compare('sip:a%40b@c')).toBe('left');
  });

  it('agrees with parseUriRange or leaves the URI to it', () => {
    let fast = 0;
    const usually = <T>(common: T, ...odd: T[]): fc.Arbitrary<T> =>
      fc.oneof({ arbitrary: fc.constant(common), weight: 4 }, { arbitrary: fc.constantFrom(...odd), weight: 1 });
    const uri = fc
      .tuple(
        usually('sip:', 'sips:', 'SIP:', 'tel:', 'sip:/', 'sipx:'),
        usually('alice@', '', 'a.b-c_d!~*()@', 'a;b@', 'a:pw@', 'a%41@', '@', 'a b@', 'é@'),
        usually('example.com', '192.0.2.10', '[2001:db8::1]', 'a..b', '-a.com', 'host_x', 'a.com.', ''),
        usually('', ':5060', ':000080', ':0', ':65536', ':1234567', ':', ':x'),
        fc
          .array(
            fc.constantFrom(
              ';lr',
              ';transport=tcp',
              ';TRANSPORT=TLS',
              ';ob',
              ';x=[a]',
              ';=v',
              ';n=',
              ';a=b=c',
              ';%41',
              ';lr',
            ),
            { maxLength: 3 },
          )
          .map((ps) => ps.join('')),
        usually('', '?h=v', ';', ' ', '>'),
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(uri, (u) => {
        if (compare(u) === 'fast') fast++;
      }),
      { seed: 42, numRuns: 2000 },
    );
    expect(fast).toBeGreaterThan(200);
  });
});
