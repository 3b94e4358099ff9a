import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type DigestChallenge, isDigestChallenge, parseAuthChallenges } from './challenge.js';
import { createDigestCredentials, formatAuthorization, parseAuthorization } from './digest.js';

function challenge(value: string): DigestChallenge {
  const c = parseAuthChallenges(value)[0];
  if (c === undefined || !isDigestChallenge(c)) throw new Error('test setup: not a digest challenge');
  return c;
}

describe('createDigestCredentials', () => {
  it('reproduces the RFC 2617 §3.5 worked example', () => {
    const creds = createDigestCredentials({
      challenge: challenge(
        'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
      ),
      method: 'GET',
      uri: '/dir/index.html',
      username: 'Mufasa',
      password: 'Circle Of Life',
      nonceCount: 1,
      cnonce: '0a4f113b',
    });
    expect(creds.response).toBe('6629fae49393a05397450978507c4ef1');
    expect(creds.qop).toBe('auth');
    expect(creds.nc).toBe('00000001');
    expect(formatAuthorization(creds)).toBe(
      'Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/dir/index.html", response="6629fae49393a05397450978507c4ef1", algorithm=MD5, cnonce="0a4f113b", opaque="5ccc069c403ebaf9f0171e9517f40e41", qop=auth, nc=00000001',
    );
  });

  const rfc7616 = (algorithm: string): DigestChallenge =>
    challenge(
      `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=${algorithm}, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`,
    );
  const rfc7616Request = {
    method: 'GET',
    uri: '/dir/index.html',
    username: 'Mufasa',
    password: 'Circle of Life',
    nonceCount: 1,
    cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  };

  it('reproduces the RFC 7616 §3.9.1 MD5 example', () => {
    const creds = createDigestCredentials({ ...rfc7616Request, challenge: rfc7616('MD5') });
    expect(creds.response).toBe('8ca523f5e9506fed4657c9700eebdbec');
  });

  it('reproduces the RFC 7616 §3.9.1 SHA-256 example', () => {
    const creds = createDigestCredentials({ ...rfc7616Request, challenge: rfc7616('SHA-256') });
    expect(creds.response).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
    expect(creds.algorithm).toBe('SHA-256');
    expect(creds.opaque).toBe('FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS');
  });

  // RFC 7616 §3.9.2's printed hashes are known to be wrong (erratum 4897), so SHA-512-256 with userhash and
  // -sess is checked against the §3.4 formulas spelled out with node:crypto.
  it('computes SHA-512-256-sess with userhash by the RFC 7616 §3.4 formulas', () => {
    const h = (s: string): string => createHash('sha512-256').update(s).digest('hex');
    const c = challenge(
      'Digest realm="api@example.org", qop="auth", algorithm=SHA-512-256-sess, nonce="5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK", charset=UTF-8, userhash=true',
    );
    const cnonce = 'NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v';
    const creds = createDigestCredentials({
      challenge: c,
      method: 'GET',
      uri: '/doe.json',
      username: 'J\u00e4s\u00f8n Doe',
      password: 'Secret, or not?',
      nonceCount: 26,
      cnonce,
    });
    const ha1 = h(`${h('J\u00e4s\u00f8n Doe:api@example.org:Secret, or not?')}:${c.nonce}:${cnonce}`);
    expect(creds.username).toBe(h('J\u00e4s\u00f8n Doe:api@example.org'));
    expect(creds.nc).toBe('0000001a');
    expect(creds.response).toBe(h(`${ha1}:${c.nonce}:0000001a:${cnonce}:auth:${h('GET:/doe.json')}`));
    expect(formatAuthorization(creds)).toContain('userhash=true');
  });

  // RFC 2617 §3.2.2.2 / RFC 7616 §3.4.2: for -sess, HA1 = H(H(user:realm:password):nonce:cnonce).
  it.each([
    ['MD5-sess', 'md5'],
    ['SHA-256-sess', 'sha256'],
  ])('computes %s by the session formula', (algorithm, node) => {
    const h = (s: string): string => createHash(node).update(s).digest('hex');
    const creds = createDigestCredentials({
      challenge: challenge(`Digest realm="biloxi.com", nonce="abc", qop="auth", algorithm=${algorithm}`),
      method: 'REGISTER',
      uri: 'sip:biloxi.com',
      username: 'bob',
      password: 'zanzibar',
      nonceCount: 1,
      cnonce: 'xyz',
    });
    const ha1 = h(`${h('bob:biloxi.com:zanzibar')}:abc:xyz`);
    expect(creds.algorithm).toBe(algorithm);
    expect(creds.response).toBe(h(`${ha1}:abc:00000001:xyz:auth:${h('REGISTER:sip:biloxi.com')}`));
  });

  it('uses auth-int with the body hash when only auth-int is offered', () => {
    const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
    const body = new TextEncoder().encode('<presence/>');
    const creds = createDigestCredentials({
      challenge: challenge('Digest realm="r", nonce="n", qop="auth-int"'),
      method: 'PUBLISH',
      uri: 'sip:alice@example.com',
      username: 'alice',
      password: 'pw',
      body,
      nonceCount: 2,
      cnonce: 'c',
    });
    const ha2 = md5(`PUBLISH:sip:alice@example.com:${md5('<presence/>')}`);
    expect(creds.qop).toBe('auth-int');
    expect(creds.response).toBe(md5(`${md5('alice:r:pw')}:n:00000002:c:auth-int:${ha2}`));
  });

  it('falls back to the RFC 2069 form without qop', () => {
    const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
    const creds = createDigestCredentials({
      challenge: challenge('Digest realm="r", nonce="n"'),
      method: 'REGISTER',
      uri: 'sip:example.com',
      username: 'bob',
      password: 'pw',
      nonceCount: 1,
      cnonce: 'ignored',
    });
    expect(creds.response).toBe(md5(`${md5('bob:r:pw')}:n:${md5('REGISTER:sip:example.com')}`));
    expect(formatAuthorization(creds)).not.toContain('nc=');
    expect(formatAuthorization(creds)).not.toContain('cnonce=');
  });

  it('refuses a challenge offering only unknown qops, and an empty cnonce', () => {
    const base = { method: 'REGISTER', uri: 'sip:x', username: 'u', password: 'p', nonceCount: 1 };
    expect(() =>
      createDigestCredentials({
        ...base,
        cnonce: 'c',
        challenge: challenge('Digest realm="r", nonce="n", qop="fancy"'),
      }),
    ).toThrow(expect.objectContaining({ name: 'SipUsageError', code: 'UNSUPPORTED_QOP' }));
    expect(() =>
      createDigestCredentials({ ...base, cnonce: '', challenge: challenge('Digest realm="r", nonce="n", qop=auth') }),
    ).toThrow(expect.objectContaining({ code: 'BAD_CNONCE' }));
  });

  it('rejects a nonce count outside 1..2^32-1', () => {
    const base = {
      challenge: challenge('Digest realm="r", nonce="n", qop=auth'),
      method: 'REGISTER',
      uri: 'sip:x',
      username: 'u',
      password: 'p',
      cnonce: 'c',
    };
    expect(() => createDigestCredentials({ ...base, nonceCount: 0 })).toThrow(
      expect.objectContaining({ code: 'BAD_NONCE_COUNT' }),
    );
    expect(() => createDigestCredentials({ ...base, nonceCount: 2 ** 32 })).toThrow(
      expect.objectContaining({ code: 'BAD_NONCE_COUNT' }),
    );
  });
});

describe('parseAuthorization', () => {
  it('round-trips what formatAuthorization writes', () => {
    const creds = createDigestCredentials({
      challenge: challenge('Digest realm="r\\"q", nonce="n", qop="auth", opaque="o", algorithm=SHA-256'),
      method: 'SUBSCRIBE',
      uri: 'sip:bob@example.com',
      username: 'al"ice',
      password: 'pw',
      nonceCount: 3,
      cnonce: 'xyz',
    });
    expect(parseAuthorization(formatAuthorization(creds))).toEqual(creds);
  });

  it('encodes non-ASCII usernames as username* (RFC 8187) and decodes them back', () => {
    const creds = createDigestCredentials({
      challenge: challenge('Digest realm="r", nonce="n", qop=auth'),
      method: 'GET',
      uri: '/',
      username: 'J\u00e4s\u00f8n Doe',
      password: 'pw',
      nonceCount: 1,
      cnonce: 'c',
    });
    const header = formatAuthorization(creds);
    expect(header).toContain("username*=UTF-8''J%C3%A4s%C3%B8n%20Doe");
    expect(parseAuthorization(header)).toEqual(creds);
  });

  it('keeps other schemes as parsed params', () => {
    expect(parseAuthorization('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==')).toEqual({
      kind: 'other',
      scheme: 'Basic',
      params: {},
      token68: 'QWxhZGRpbjpvcGVuIHNlc2FtZQ==',
    });
  });

  it.each([
    'Digest realm="r", nonce="n", uri="u", response="x"',
    'Digest username="u", realm="r", nonce="n", uri="u", response="x", nc=1',
    'Digest username="u", realm="r", nonce="n", uri="u", response="x", qop=fancy',
    'Digest username="u", realm="r", nonce="n", uri="u", response="x", Digest username="v"',
  ])('rejects %j', (value) => {
    expect(() => parseAuthorization(value)).toThrow(expect.objectContaining({ code: 'BAD_AUTH_HEADER' }));
  });
});
