import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SipParseError } from '../errors.js';
import { type AuthChallenge, parseAuthChallenges, selectStrongestChallenge } from './challenge.js';

describe('parseAuthChallenges', () => {
  it('reads the RFC 2617 §3.5 challenge', () => {
    const [c] = parseAuthChallenges(
      'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    );
    expect(c).toEqual({
      kind: 'digest',
      scheme: 'Digest',
      realm: 'testrealm@host.com',
      nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
      opaque: '5ccc069c403ebaf9f0171e9517f40e41',
      algorithm: 'MD5',
      qop: ['auth', 'auth-int'],
      stale: false,
      userhash: false,
      params: {
        realm: 'testrealm@host.com',
        qop: 'auth,auth-int',
        nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
        opaque: '5ccc069c403ebaf9f0171e9517f40e41',
      },
    });
  });

  it('splits several challenges in one value and keeps unknown schemes', () => {
    const list = parseAuthChallenges(
      'Digest realm="a", nonce="n1", algorithm=SHA-256, Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple", Bearer abc.def==',
    );
    expect(list.map((c) => c.scheme)).toEqual(['Digest', 'Newauth', 'Basic', 'Bearer']);
    expect(list[1]).toEqual({
      kind: 'other',
      scheme: 'Newauth',
      params: { realm: 'apps', type: '1', title: 'Login to "apps"' },
    });
    expect(list[3]).toEqual({ kind: 'other', scheme: 'Bearer', params: {}, token68: 'abc.def==' });
  });

  it('reads stale, domain, userhash, charset and case-insensitive names', () => {
    const [c] = parseAuthChallenges(
      'digest REALM="r", Nonce="n", STALE=TRUE, domain="sip:a sip:b", userhash=true, charset=UTF-8, algorithm=sha-512-256-SESS',
    );
    expect(c).toMatchObject({
      kind: 'digest',
      stale: true,
      domain: 'sip:a sip:b',
      userhash: true,
      charset: 'UTF-8',
      algorithm: 'SHA-512-256-sess',
    });
  });

  it('keeps Digest with an unsupported algorithm as an opaque challenge', () => {
    const [c] = parseAuthChallenges('Digest realm="r", nonce="n", algorithm=AKAv1-MD5');
    expect(c).toEqual({ kind: 'other', scheme: 'Digest', params: { realm: 'r', nonce: 'n', algorithm: 'AKAv1-MD5' } });
  });

  it.each([
    ['Digest realm="r', 'UNTERMINATED_QUOTE'],
    ['Digest nonce="n"', 'BAD_AUTH_HEADER'],
    ['Digest realm="r", realm="s", nonce="n"', 'BAD_AUTH_HEADER'],
    ['realm="r"', 'BAD_AUTH_HEADER'],
    ['', 'BAD_AUTH_HEADER'],
    ['Digest realm="r" nonce="n"', 'BAD_AUTH_HEADER'],
  ])('rejects %j with %s', (value, code) => {
    expect(() => parseAuthChallenges(value)).toThrow(expect.objectContaining({ name: 'SipParseError', code }));
  });

  it('never throws anything but SipParseError on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('D', 'i', 'g', ' ', ',', '=', '"', '\\', 'r', 'n', 'x') }), (s) => {
        try {
          parseAuthChallenges(s);
        } catch (e) {
          expect(e).toBeInstanceOf(SipParseError);
        }
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
});

describe('selectStrongestChallenge', () => {
  const digest = (algorithm: string, qop = 'auth'): AuthChallenge[] =>
    parseAuthChallenges(`Digest realm="r", nonce="${algorithm}", qop="${qop}", algorithm=${algorithm}`);

  it('prefers SHA-512-256 over SHA-256 over MD5', () => {
    const all = [...digest('MD5'), ...digest('SHA-512-256'), ...digest('SHA-256')];
    expect(selectStrongestChallenge(all)?.algorithm).toBe('SHA-512-256');
    expect(selectStrongestChallenge([...digest('MD5'), ...digest('SHA-256')])?.algorithm).toBe('SHA-256');
  });

  it('skips unsupported algorithms, other schemes and unknown qops', () => {
    const list = [
      ...parseAuthChallenges('Basic realm="x", Digest realm="r", nonce="n", algorithm=AKAv1-MD5'),
      ...digest('SHA-256', 'weird'),
      ...digest('MD5'),
    ];
    expect(selectStrongestChallenge(list)?.nonce).toBe('MD5');
    expect(selectStrongestChallenge(parseAuthChallenges('Basic realm="x"'))).toBeUndefined();
  });
});
