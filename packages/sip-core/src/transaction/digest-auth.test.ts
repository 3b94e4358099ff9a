import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAuthChallenges } from '../auth/challenge.js';
import { createDigestCredentials, parseAuthorization } from '../auth/digest.js';
import type { HeaderField } from '../header/header-list.js';
import { SipHeaders } from '../header/headers.js';
import type { SipResponse } from '../message/types.js';
import { DigestAuthenticator } from './digest-auth.js';
import { AuthenticationError } from './errors.js';

function challenge(status: 401 | 407, ...values: string[]): SipResponse {
  const name = status === 401 ? 'WWW-Authenticate' : 'Proxy-Authenticate';
  return {
    kind: 'response',
    status,
    reason: 'Unauthorized',
    headers: new SipHeaders(values.map((value): HeaderField => ({ name, value }))),
    body: new Uint8Array(),
  };
}

const body = new TextEncoder().encode('<presence/>');

function auth(
  options: ConstructorParameters<typeof DigestAuthenticator>[0] = {
    credentials: { username: 'alice', password: 'secret' },
  },
) {
  let n = 0;
  return new DigestAuthenticator({ cnonce: () => `cn${++n}`, ...options });
}

function only(headers: HeaderField[]) {
  expect(headers).toHaveLength(1);
  const { name, value } = headers[0] ?? { name: '', value: '' };
  const parsed = parseAuthorization(value);
  if (parsed.kind !== 'digest') throw new Error('not digest');
  return { name, parsed };
}

describe('DigestAuthenticator', () => {
  it('answers a 401 with a correct Authorization and reuses the nonce with an incremented nc next time', () => {
    const a = auth();
    const attempt = a.newAttempt();
    expect(a.authorize('REGISTER', 'sip:example.com', body, attempt)).toEqual([]);
    a.challenged(challenge(401, 'Digest realm="example.com", nonce="n1", qop="auth", algorithm=MD5'), attempt);
    const { name, parsed } = only(a.authorize('REGISTER', 'sip:example.com', body, attempt));
    expect(name).toBe('Authorization');
    expect(parsed).toMatchObject({
      username: 'alice',
      realm: 'example.com',
      nonce: 'n1',
      uri: 'sip:example.com',
      nc: '00000001',
      qop: 'auth',
    });
    const [c] = parseAuthChallenges('Digest realm="example.com", nonce="n1", qop="auth", algorithm=MD5');
    if (c?.kind !== 'digest') throw new Error('bad challenge');
    const expected = createDigestCredentials({
      challenge: c,
      method: 'REGISTER',
      uri: 'sip:example.com',
      username: 'alice',
      password: 'secret',
      nonceCount: 1,
      cnonce: parsed.cnonce ?? '',
    });
    expect(parsed.response).toBe(expected.response);
    const next = only(a.authorize('PUBLISH', 'sip:alice@example.com', body, a.newAttempt()));
    expect(next.parsed).toMatchObject({ nonce: 'n1', nc: '00000002', uri: 'sip:alice@example.com' });
  });

  it('answers a 407 with Proxy-Authorization', () => {
    const a = auth();
    const attempt = a.newAttempt();
    a.challenged(challenge(407, 'Digest realm="example.com", nonce="p1", qop="auth"'), attempt);
    expect(only(a.authorize('SUBSCRIBE', 'sip:bob@example.com', body, attempt)).name).toBe('Proxy-Authorization');
  });

  it('ends with REJECTED_CREDENTIALS when its own answer is challenged again without stale', () => {
    const a = auth();
    const attempt = a.newAttempt();
    a.challenged(challenge(401, 'Digest realm="example.com", nonce="n1", qop="auth"'), attempt);
    a.authorize('REGISTER', 'sip:example.com', body, attempt);
    const error = (() => {
      try {
        a.challenged(challenge(401, 'Digest realm="example.com", nonce="n2", qop="auth"'), attempt);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: 'REJECTED_CREDENTIALS', realm: 'example.com', status: 401 });
    // The refused nonce is forgotten: the next request starts unauthenticated.
    expect(a.authorize('REGISTER', 'sip:example.com', body, a.newAttempt())).toEqual([]);
  });

  it('retries on stale=true without treating it as a wrong password, but ends a stale loop with CHALLENGE_LOOP', () => {
    const a = auth({ credentials: { username: 'alice', password: 'secret' }, maxRetries: 3 });
    const attempt = a.newAttempt();
    a.challenged(challenge(401, 'Digest realm="r", nonce="n1", qop="auth"'), attempt);
    a.authorize('REGISTER', 'sip:r', body, attempt);
    a.challenged(challenge(401, 'Digest realm="r", nonce="n2", qop="auth", stale=true'), attempt);
    expect(only(a.authorize('REGISTER', 'sip:r', body, attempt)).parsed).toMatchObject({ nonce: 'n2', nc: '00000001' });
    a.challenged(challenge(401, 'Digest realm="r", nonce="n3", qop="auth", stale=TRUE'), attempt);
    expect(() => a.challenged(challenge(401, 'Digest realm="r", nonce="n4", qop="auth", stale=true'), attempt)).toThrow(
      expect.objectContaining({ code: 'CHALLENGE_LOOP' }),
    );
  });

  it('retries once more when a pre-emptive answer with an old nonce is refused (not a wrong password)', () => {
    const a = auth();
    const first = a.newAttempt();
    a.challenged(challenge(401, 'Digest realm="r", nonce="old", qop="auth"'), first);
    const second = a.newAttempt();
    a.authorize('REGISTER', 'sip:r', body, second);
    a.challenged(challenge(401, 'Digest realm="r", nonce="fresh", qop="auth"'), second);
    expect(only(a.authorize('REGISTER', 'sip:r', body, second)).parsed.nonce).toBe('fresh');
  });

  it('picks the strongest algorithm among several challenges of one realm (RFC 8760)', () => {
    const a = auth();
    const attempt = a.newAttempt();
    a.challenged(
      challenge(
        401,
        'Digest realm="r", nonce="m", qop="auth", algorithm=MD5',
        'Digest realm="r", nonce="s", qop="auth", algorithm=SHA-256',
      ),
      attempt,
    );
    const { parsed } = only(a.authorize('REGISTER', 'sip:r', body, attempt));
    expect(parsed).toMatchObject({ algorithm: 'SHA-256', nonce: 's' });
    expect(parsed.response).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers every realm it has credentials for, with the credentials of that realm', () => {
    const a = auth({
      credentials: [
        { username: 'alice', password: 'a', realm: 'one' },
        { username: 'alice-two', password: 'b', realm: 'two' },
      ],
    });
    const attempt = a.newAttempt();
    a.challenged(
      challenge(
        407,
        'Digest realm="one", nonce="1", qop="auth"',
        'Digest realm="two", nonce="2", algorithm=MD5-sess, qop="auth"',
      ),
      attempt,
    );
    const headers = a.authorize('MESSAGE', 'sip:b@x', body, attempt).map(({ value }) => parseAuthorization(value));
    expect(headers.map((h) => h.kind === 'digest' && [h.realm, h.username, h.algorithm])).toEqual([
      ['one', 'alice', 'MD5'],
      ['two', 'alice-two', 'MD5-sess'],
    ]);
  });

  it('uses auth-int when it is the only qop offered, hashing the body', () => {
    const a = auth();
    const attempt = a.newAttempt();
    a.challenged(challenge(401, 'Digest realm="r", nonce="n", qop="auth-int", algorithm=SHA-256-sess'), attempt);
    const { parsed } = only(a.authorize('PUBLISH', 'sip:r', body, attempt));
    expect(parsed).toMatchObject({ qop: 'auth-int', algorithm: 'SHA-256-sess' });
  });

  it('reports a realm without credentials and a non-Digest challenge as typed errors', () => {
    const a = auth({ credentials: { username: 'alice', password: 'x', realm: 'mine' } });
    expect(() => a.challenged(challenge(401, 'Digest realm="theirs", nonce="n"'), a.newAttempt())).toThrow(
      expect.objectContaining({ code: 'NO_CREDENTIALS', realm: 'theirs' }),
    );
    expect(() => a.challenged(challenge(401, 'Basic realm="mine"'), a.newAttempt())).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_CHALLENGE' }),
    );
    expect(() => a.challenged(challenge(401, 'Digest realm="mine", nonce="unterminated'), a.newAttempt())).toThrow(
      AuthenticationError,
    );
  });
});

describe('DigestAuthenticator on arbitrary challenges', () => {
  it('either learns a challenge or throws AuthenticationError (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), fc.constantFrom<401 | 407>(401, 407), (value, status) => {
        const a = auth();
        try {
          a.challenged(challenge(status, `Digest ${value}`), a.newAttempt());
        } catch (e) {
          expect(e).toBeInstanceOf(AuthenticationError);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
