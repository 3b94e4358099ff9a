import { randomBytes } from 'node:crypto';
import type { AuthChallenge } from '../auth/challenge.js';
import { type DigestChallenge, selectStrongestChallenge } from '../auth/challenge.js';
import { createDigestCredentials, formatAuthorization } from '../auth/digest.js';
import type { HeaderField } from '../header/header-list.js';
import type { SipResponse } from '../message/types.js';
import { AuthenticationError } from './errors.js';

/** A username and password, for one realm or (without `realm`) for any realm. */
export interface SipCredentials {
  readonly username: string;
  readonly password: string;
  readonly realm?: string;
}

type AuthHeader = 'Authorization' | 'Proxy-Authorization';

interface CachedChallenge {
  readonly header: AuthHeader;
  readonly challenge: DigestChallenge;
  readonly cnonce: string;
  nonceCount: number;
}

/** What one request sent, so that the next challenge can tell a stale nonce from a rejected password. */
export interface AuthAttempt {
  /** `header|realm` → nonce of credentials computed from the previous response of this same request. */
  readonly answered: Map<string, string>;
  retries: number;
}

export interface DigestAuthenticatorOptions {
  readonly credentials: SipCredentials | readonly SipCredentials[];
  /** Challenges answered per request before giving up with `CHALLENGE_LOOP` (default 3). */
  readonly maxRetries?: number;
  readonly cnonce?: () => string;
}

/**
 * Client side of SIP Digest (RFC 3261 §22, RFC 7616, RFC 8760): answers 401/407 challenges with credentials per
 * realm, keeps each accepted nonce to authorise the next requests pre-emptively (incrementing nc), retries once
 * more on `stale=true`, and ends a loop of challenges with an {@link AuthenticationError}.
 */
export class DigestAuthenticator {
  readonly #credentials: readonly SipCredentials[];
  readonly #maxRetries: number;
  readonly #cnonce: () => string;
  readonly #cache = new Map<string, CachedChallenge>();

  constructor(options: DigestAuthenticatorOptions) {
    this.#credentials = Array.isArray(options.credentials)
      ? (options.credentials as readonly SipCredentials[])
      : [options.credentials as SipCredentials];
    this.#maxRetries = options.maxRetries ?? 3;
    this.#cnonce = options.cnonce ?? (() => randomBytes(12).toString('hex'));
  }

  newAttempt(): AuthAttempt {
    return { answered: new Map(), retries: 0 };
  }

  #credentialsFor(realm: string): SipCredentials | undefined {
    return this.#credentials.find((c) => c.realm === realm) ?? this.#credentials.find((c) => c.realm === undefined);
  }

  /**
   * Authorization headers for a request, from the challenges cached so far (RFC 7616 §3.4: a nonce may be reused
   * with an incremented nonce count while the server accepts it).
   */
  authorize(method: string, uri: string, body: Uint8Array, attempt: AuthAttempt): HeaderField[] {
    const out: HeaderField[] = [];
    for (const [key, cached] of this.#cache) {
      const creds = this.#credentialsFor(cached.challenge.realm);
      if (creds === undefined) continue;
      cached.nonceCount++;
      const value = formatAuthorization(
        createDigestCredentials({
          challenge: cached.challenge,
          method,
          uri,
          username: creds.username,
          password: creds.password,
          body,
          nonceCount: cached.nonceCount,
          cnonce: cached.cnonce,
        }),
      );
      out.push({ name: cached.header, value });
      if (attempt.answered.has(key)) attempt.answered.set(key, cached.challenge.nonce);
    }
    return out;
  }

  /**
   * Learns the challenges of a 401/407. Returns normally when the request should be sent again; throws an
   * {@link AuthenticationError} when retrying cannot help.
   */
  challenged(response: SipResponse, attempt: AuthAttempt): void {
    const header: AuthHeader = response.status === 407 ? 'Proxy-Authorization' : 'Authorization';
    let all: AuthChallenge[];
    try {
      all = response.status === 407 ? response.headers.proxyAuthenticate() : response.headers.wwwAuthenticate();
    } catch (cause) {
      throw new AuthenticationError(
        'UNSUPPORTED_CHALLENGE',
        'unparseable challenge',
        { status: response.status },
        { cause },
      );
    }
    // Several challenges: one per realm, the strongest algorithm of each (RFC 8760 §2.4, RFC 3261 §22.3).
    const realms = new Map<string, AuthChallenge[]>();
    for (const c of all) {
      const realm = c.kind === 'digest' ? c.realm : '';
      realms.set(realm, [...(realms.get(realm) ?? []), c]);
    }
    let usable = 0;
    for (const [realm, challenges] of realms) {
      const challenge = selectStrongestChallenge(challenges);
      if (challenge === undefined) continue;
      if (this.#credentialsFor(realm) === undefined) continue;
      usable++;
      const key = `${header}|${realm}`;
      const answeredNonce = attempt.answered.get(key);
      // We answered this realm's previous challenge in this very request and it was refused without `stale`:
      // the password is wrong (RFC 7616 §3.3 – stale=false means the credentials themselves failed).
      if (answeredNonce !== undefined && !challenge.stale) {
        this.#cache.delete(key);
        throw new AuthenticationError(
          'REJECTED_CREDENTIALS',
          `the server rejected the credentials for realm "${realm}"`,
          { realm, status: response.status },
        );
      }
      this.#cache.set(key, { header, challenge, cnonce: this.#cnonce(), nonceCount: 0 });
      attempt.answered.set(key, challenge.nonce);
    }
    if (usable === 0) {
      const realmList = [...realms.keys()].filter((r) => r !== '');
      throw new AuthenticationError(
        all.some((c) => c.kind === 'digest') ? 'NO_CREDENTIALS' : 'UNSUPPORTED_CHALLENGE',
        realmList.length > 0 ? `no credentials for realm ${realmList.join(', ')}` : 'no usable Digest challenge',
        { ...(realmList[0] === undefined ? {} : { realm: realmList[0] }), status: response.status },
      );
    }
    attempt.retries++;
    if (attempt.retries > this.#maxRetries) {
      throw new AuthenticationError('CHALLENGE_LOOP', `still challenged after ${this.#maxRetries} answers`, {
        status: response.status,
      });
    }
  }

  /** Forgets every cached nonce (e.g. after the server restarted). */
  reset(): void {
    this.#cache.clear();
  }
}
