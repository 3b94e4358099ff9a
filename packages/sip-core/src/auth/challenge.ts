import { SipParseError } from '../errors.js';
import { algorithmStrength, type DigestAlgorithm, toDigestAlgorithm } from './algorithm.js';
import { parseAuthElements } from './auth-params.js';

export type { DigestAlgorithm } from './algorithm.js';

/** A Digest challenge (RFC 7616 §3.3, RFC 3261 §22.4) with a supported algorithm. */
export interface DigestChallenge {
  readonly kind: 'digest';
  readonly scheme: 'Digest';
  readonly realm: string;
  readonly nonce: string;
  readonly opaque?: string;
  readonly algorithm: DigestAlgorithm;
  readonly qop: readonly string[];
  readonly stale: boolean;
  readonly domain?: string;
  readonly userhash: boolean;
  readonly charset?: string;
  /** Every auth-param as received (names lower-cased), including ones this library does not interpret. */
  readonly params: Readonly<Record<string, string>>;
}

/** Any other challenge (another scheme, or Digest with an algorithm we do not implement), kept as received. */
export interface OtherChallenge {
  readonly kind: 'other';
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
  readonly token68?: string;
}

export type AuthChallenge = DigestChallenge | OtherChallenge;

/**
 * Parses a WWW-Authenticate or Proxy-Authenticate value. One value may hold several challenges (RFC 7235 §4.1);
 * call once per header line and concatenate when a response carries several lines.
 */
export function parseAuthChallenges(headerValue: string): AuthChallenge[] {
  return parseAuthElements(headerValue).map((el): AuthChallenge => {
    if (el.scheme.toLowerCase() !== 'digest' || el.token68 !== undefined) {
      return el.token68 === undefined
        ? { kind: 'other', scheme: el.scheme, params: el.params }
        : { kind: 'other', scheme: el.scheme, params: el.params, token68: el.token68 };
    }
    const p = el.params;
    // RFC 7616 §3.3: algorithm absent means MD5.
    const algorithm = p.algorithm === undefined ? 'MD5' : toDigestAlgorithm(p.algorithm);
    if (algorithm === undefined) return { kind: 'other', scheme: el.scheme, params: p };
    if (p.realm === undefined) throw new SipParseError('BAD_AUTH_HEADER', 'Digest challenge without realm', el.offset);
    if (p.nonce === undefined) throw new SipParseError('BAD_AUTH_HEADER', 'Digest challenge without nonce', el.offset);
    const qop =
      p.qop === undefined
        ? []
        : p.qop
            .split(',')
            .map((q) => q.trim().toLowerCase())
            .filter((q) => q !== '');
    return {
      kind: 'digest',
      scheme: 'Digest',
      realm: p.realm,
      nonce: p.nonce,
      opaque: p.opaque,
      algorithm,
      qop,
      stale: p.stale?.toLowerCase() === 'true',
      domain: p.domain,
      userhash: p.userhash?.toLowerCase() === 'true',
      charset: p.charset,
      params: p,
    };
  });
}

export function isDigestChallenge(challenge: AuthChallenge): challenge is DigestChallenge {
  return challenge.kind === 'digest';
}

/**
 * Picks the Digest challenge with the strongest supported algorithm (SHA-512-256 > SHA-256 > MD5), keeping the
 * server's order among equals. RFC 8760 §2.4 lets a server offer several; the client uses the first it supports
 * after ranking by its own preference. Returns `undefined` when no Digest challenge is usable.
 */
export function selectStrongestChallenge(challenges: readonly AuthChallenge[]): DigestChallenge | undefined {
  let best: DigestChallenge | undefined;
  for (const c of challenges) {
    if (!isDigestChallenge(c)) continue;
    if (c.qop.length > 0 && !c.qop.includes('auth') && !c.qop.includes('auth-int')) continue;
    if (best === undefined || algorithmStrength(c.algorithm) > algorithmStrength(best.algorithm)) best = c;
  }
  return best;
}
