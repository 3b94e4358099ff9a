import { createHash } from 'node:crypto';

export type DigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess' | 'SHA-512-256' | 'SHA-512-256-sess';

const ALGORITHMS: Readonly<Record<string, DigestAlgorithm>> = {
  md5: 'MD5',
  'md5-sess': 'MD5-sess',
  'sha-256': 'SHA-256',
  'sha-256-sess': 'SHA-256-sess',
  'sha-512-256': 'SHA-512-256',
  'sha-512-256-sess': 'SHA-512-256-sess',
};

/** Maps an `algorithm=` token (case-insensitive, RFC 7616 §3.3) to a supported algorithm, or `undefined`. */
export function toDigestAlgorithm(token: string): DigestAlgorithm | undefined {
  const key = token.toLowerCase();
  return Object.hasOwn(ALGORITHMS, key) ? ALGORITHMS[key] : undefined;
}

export function isSessionAlgorithm(algorithm: DigestAlgorithm): boolean {
  return algorithm.endsWith('-sess');
}

/** Strength rank used to pick a challenge: RFC 7616 §3.7 asks clients to prefer the strongest they support. */
export function algorithmStrength(algorithm: DigestAlgorithm): number {
  if (algorithm.startsWith('SHA-512-256')) return 3;
  if (algorithm.startsWith('SHA-256')) return 2;
  return 1;
}

const NODE_HASH: Readonly<Record<DigestAlgorithm, string>> = {
  MD5: 'md5',
  'MD5-sess': 'md5',
  'SHA-256': 'sha256',
  'SHA-256-sess': 'sha256',
  // RFC 7616 §3.2: SHA-512/256 is the truncated SHA-512 variant with its own IV, not a cut-down SHA-512 digest.
  'SHA-512-256': 'sha512-256',
  'SHA-512-256-sess': 'sha512-256',
};

/** H(data) as lower-case hex (RFC 7616 §3.4). Strings are hashed as UTF-8. */
export function digestHash(algorithm: DigestAlgorithm, data: string | Uint8Array): string {
  return createHash(NODE_HASH[algorithm]).update(data).digest('hex');
}
