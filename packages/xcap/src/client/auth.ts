import { randomBytes } from 'node:crypto';
import {
  createDigestCredentials,
  type DigestChallenge,
  formatAuthorization,
  parseAuthChallenges,
  selectStrongestChallenge,
} from '@simplekit/sip-core';
import { XcapError, XcapInsecureAuth } from '../errors.js';
import type { HttpRequest, HttpResponse } from './exchange.js';

/** The user's SIP credentials: XCAP servers authenticate with them (RFC 4825 §5.1, OMA XDM). */
export interface XcapCredentials {
  readonly username: string;
  readonly password: string;
  /** Send Basic credentials over plain `http:` when the server asks for nothing better. Default `false`. */
  readonly allowInsecureBasic?: boolean;
}

/**
 * HTTP authentication state of one client: the last digest challenge (reused with an increasing nonce count so that
 * most requests need no 401 round trip, RFC 7616 §3.4) or the decision to use Basic (RFC 7617) over TLS.
 */
export interface Authenticator {
  /** Headers to add to a request before it is sent (empty until a challenge has been seen). */
  authorize(req: HttpRequest): Record<string, string>;
  /**
   * Learns from a 401. Returns `'retry'` when the request should be sent again with fresh credentials, `'failed'`
   * when those credentials were already refused for this challenge.
   */
  challenged(req: HttpRequest, res: HttpResponse, attempt: number): 'retry' | 'failed';
}

type AuthState =
  | { readonly kind: 'none' }
  | { readonly kind: 'digest'; readonly challenge: DigestChallenge; nonceCount: number }
  | { readonly kind: 'basic' };

export function createAuthenticator(
  credentials: XcapCredentials | undefined,
  random: () => string = () => randomBytes(12).toString('hex'),
): Authenticator {
  let state: AuthState = { kind: 'none' };

  return {
    authorize(req): Record<string, string> {
      if (!credentials) return {};
      if (state.kind === 'basic') {
        const token = Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64');
        return { authorization: `Basic ${token}` };
      }
      if (state.kind !== 'digest') return {};
      state.nonceCount += 1;
      const url = new URL(req.uri);
      let creds: ReturnType<typeof createDigestCredentials>;
      try {
        creds = createDigestCredentials({
          challenge: state.challenge,
          method: req.method,
          uri: `${url.pathname}${url.search}`,
          username: credentials.username,
          password: credentials.password,
          ...(req.body !== undefined ? { body: Buffer.from(req.body, 'utf8') } : {}),
          nonceCount: state.nonceCount,
          cnonce: random(),
        });
      } catch (cause) {
        throw new XcapError('XCAP_AUTH_FAILED', `${req.uri}: cannot answer the digest challenge`, { cause });
      }
      return { authorization: formatAuthorization(creds) };
    },

    challenged(req, res, attempt) {
      if (!credentials) return 'failed';
      const digests: DigestChallenge[] = [];
      let basic = false;
      for (const header of res.challenges) {
        for (const challenge of safeParse(header)) {
          if (challenge.scheme.toLowerCase() === 'basic') basic = true;
          else if (isDigest(challenge)) digests.push(challenge);
        }
      }
      const strongest = digests.length > 0 ? selectStrongestChallenge(digests) : undefined;
      if (strongest) {
        state = { kind: 'digest', challenge: strongest, nonceCount: 0 };
        // The first 401 of a request only means our cached nonce (if any) was not accepted. After that, RFC 7616
        // §3.3 `stale=true` says the password was right and only the nonce expired; anything else is a refusal.
        return attempt === 0 || (strongest.stale && attempt < 3) ? 'retry' : 'failed';
      }
      if (basic) {
        if (new URL(req.uri).protocol !== 'https:' && credentials.allowInsecureBasic !== true) {
          throw new XcapInsecureAuth(req.uri);
        }
        if (state.kind === 'basic' && attempt > 0) return 'failed';
        state = { kind: 'basic' };
        return 'retry';
      }
      return 'failed';
    },
  };
}

function safeParse(header: string): ReturnType<typeof parseAuthChallenges> {
  try {
    return parseAuthChallenges(header);
  } catch {
    // A malformed challenge is treated like no challenge at all; the 401 then surfaces as an authentication failure.
    return [];
  }
}

function isDigest(challenge: ReturnType<typeof parseAuthChallenges>[number]): challenge is DigestChallenge {
  return challenge.scheme === 'Digest';
}
