import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SipParseError } from '../errors.js';
import { uriEquals } from './equal.js';
import { formatUri } from './format.js';
import { parseUri } from './parse.js';
import type { SipUri } from './types.js';

function sip(text: string): SipUri {
  const u = parseUri(text);
  if (u.kind !== 'sip') throw new Error(`not a SIP URI: ${text}`);
  return u;
}

describe('parseUri', () => {
  it('reads every part of a SIP URI', () => {
    expect(
      sip('sips:alice:secret@Example.COM:5061;transport=TCP;lr;maddr=239.255.255.1?Subject=hi%20there&Priority=urgent'),
    ).toEqual({
      kind: 'sip',
      scheme: 'sips',
      user: 'alice',
      password: 'secret',
      host: 'Example.COM',
      hostType: 'domain',
      port: 5061,
      params: new Map<string, string | null>([
        ['transport', 'TCP'],
        ['lr', null],
        ['maddr', '239.255.255.1'],
      ]),
      headers: new Map([
        ['Subject', 'hi there'],
        ['Priority', 'urgent'],
      ]),
    });
  });

  it('reads IPv4 and IPv6 hosts, with and without ports', () => {
    expect(sip('sip:192.0.2.1')).toMatchObject({ host: '192.0.2.1', hostType: 'ipv4', port: undefined });
    expect(sip('sip:u@[2001:db8::1]:5070')).toMatchObject({ host: '[2001:db8::1]', hostType: 'ipv6', port: 5070 });
    expect(sip('sip:[::ffff:192.0.2.1]')).toMatchObject({ hostType: 'ipv6' });
  });

  it('lets the user part carry ; ? / (user-unreserved) and escapes', () => {
    expect(sip('sip:alice;day=tue@example.com')).toMatchObject({ user: 'alice;day=tue', host: 'example.com' });
    expect(sip('sip:+1-212-555-1212:1234@gateway.com;user=phone')).toMatchObject({
      user: '+1-212-555-1212',
      password: '1234',
      params: new Map([['user', 'phone']]),
    });
    expect(sip('sip:%E2%82%ACuro@example.com')).toMatchObject({ user: '\u20acuro' });
  });

  it('reads tel URIs and keeps other schemes opaque', () => {
    expect(parseUri('tel:+1-201-555-0123;ext=1234')).toEqual({
      kind: 'tel',
      scheme: 'tel',
      number: '+1-201-555-0123',
      params: new Map([['ext', '1234']]),
    });
    expect(parseUri('tel:7042;phone-context=example.com')).toMatchObject({ kind: 'tel', number: '7042' });
    expect(parseUri('urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6')).toEqual({
      kind: 'absolute',
      scheme: 'urn',
      value: 'uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6',
    });
    expect(parseUri('HTTPS://xcap.example.com/xcap-root')).toMatchObject({ kind: 'absolute', scheme: 'https' });
  });

  it.each([
    ['sip:', 'BAD_URI'],
    ['sip:@example.com', 'BAD_URI'],
    ['sip:user@', 'BAD_URI'],
    ['sip:user@exa mple.com', 'BAD_URI'],
    ['sip:user@example.com:99999', 'BAD_URI'],
    ['sip:user@example.com:', 'BAD_URI'],
    ['sip:user@[2001:db8::1', 'BAD_URI'],
    ['sip:user@[1::2::3]', 'BAD_URI'],
    ['sip:user@example..com', 'BAD_URI'],
    ['sip:user@-example.com', 'BAD_URI'],
    ['sip:user@1.2.3.4.5', 'BAD_URI'],
    ['sip:user@example.com;lr;lr', 'BAD_URI'],
    ['sip:user@example.com;=x', 'BAD_URI'],
    ['sip:us%4', 'BAD_URI'],
    ['sip:us%zzer@example.com', 'BAD_URI'],
    ['sip:us"er@example.com', 'BAD_URI'],
    ['sip:user@example.com?=x', 'BAD_URI'],
    ['tel:7042', 'BAD_URI'],
    ['tel:+', 'BAD_URI'],
    ['example.com', 'BAD_URI'],
    ['1sip:a', 'BAD_URI'],
    ['mailto:', 'BAD_URI'],
    ['http://exa mple', 'BAD_URI'],
  ])('rejects %j', (text, code) => {
    expect(() => parseUri(text)).toThrow(expect.objectContaining({ name: 'SipParseError', code }));
  });

  it('limits the URI length', () => {
    expect(() => parseUri(`sip:${'a'.repeat(100)}@b`, { maxUriLength: 50 })).toThrow(
      expect.objectContaining({ code: 'URI_TOO_LONG' }),
    );
  });

  it('never throws anything but SipParseError on arbitrary text (property)', () => {
    const unit = fc.constantFrom(...'sip:@[];=?&%.:tel+-/abcAZ09 "<>\u00e9\u0000'.split(''));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), (tail) => {
        for (const text of [tail, `sip:${tail}`, `tel:${tail}`]) {
          try {
            parseUri(text);
          } catch (e) {
            expect(e).toBeInstanceOf(SipParseError);
          }
        }
      }),
      { seed: 42, numRuns: 1500 },
    );
  });
});

describe('formatUri', () => {
  it('escapes what the grammar does not allow and round-trips', () => {
    const u = sip('sip:I%20have%20spaces@example.net;name=v%61lue');
    expect(formatUri(u)).toBe('sip:I%20have%20spaces@example.net;name=value');
    expect(uriEquals(parseUri(formatUri(u)), u)).toBe(true);
  });

  it('round-trips generated SIP URIs (property)', () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
    const user = fc.string({
      unit: fc.constantFrom(..."abcXYZ019-_.!~*'()&=+$,;?/ \u00e9@:%".split('')),
      minLength: 1,
      maxLength: 12,
    });
    const arb = fc.record({
      scheme: fc.constantFrom('sip' as const, 'sips' as const),
      user: fc.option(user, { nil: undefined }),
      host: fc.oneof(
        fc.array(label, { minLength: 1, maxLength: 3 }).map((l) => l.join('.')),
        fc.constant('192.0.2.7'),
        fc.constant('[2001:db8::7]'),
      ),
      port: fc.option(fc.integer({ min: 0, max: 65535 }), { nil: undefined }),
      params: fc.uniqueArray(fc.tuple(label, fc.option(label, { nil: null })), { selector: ([k]) => k, maxLength: 3 }),
    });
    fc.assert(
      fc.property(arb, (parts) => {
        const uri: SipUri = {
          kind: 'sip',
          scheme: parts.scheme,
          user: parts.user,
          host: parts.host,
          hostType: parts.host.startsWith('[') ? 'ipv6' : parts.host === '192.0.2.7' ? 'ipv4' : 'domain',
          port: parts.port,
          params: new Map(parts.params),
          headers: new Map(),
        };
        expect(parseUri(formatUri(uri))).toEqual(uri);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});

describe('uriEquals (RFC 3261 §19.1.4)', () => {
  it.each([
    ['sip:%61lice@atlanta.com;transport=TCP', 'sip:alice@AtLanTa.CoM;Transport=tcp'],
    ['sip:carol@chicago.com', 'sip:carol@chicago.com;newparam=5'],
    ['sip:carol@chicago.com', 'sip:carol@chicago.com;security=on'],
    [
      'sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com',
      'sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com',
    ],
    [
      'sip:alice@atlanta.com?subject=project%20x&priority=urgent',
      'sip:alice@atlanta.com?priority=urgent&subject=project%20x',
    ],
    ['tel:+1-201-555-0123', 'tel:+1.201.555.0123'],
  ])('%s equals %s', (a, b) => {
    expect(uriEquals(parseUri(a), parseUri(b))).toBe(true);
    expect(uriEquals(parseUri(b), parseUri(a))).toBe(true);
  });

  it.each([
    ['SIP:ALICE@AtLanTa.CoM;Transport=udp', 'sip:alice@AtLanTa.CoM;Transport=UDP'],
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com:5060'],
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com;transport=udp'],
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com:6000;transport=tcp'],
    ['sip:carol@chicago.com', 'sip:carol@chicago.com?Subject=next%20meeting'],
    ['sip:bob@phone21.boxesbybob.com', 'sip:bob@192.0.2.4'],
    ['sip:carol@chicago.com;security=on', 'sip:carol@chicago.com;security=off'],
    ['sip:alice@atlanta.com', 'sips:alice@atlanta.com'],
    ['sip:alice@atlanta.com', 'tel:+1234'],
  ])('%s differs from %s', (a, b) => {
    expect(uriEquals(parseUri(a), parseUri(b))).toBe(false);
  });
});
