import { randomBytes } from 'node:crypto';
import { BRANCH_MAGIC_COOKIE } from '../header/via.js';

/** A new Via branch: the RFC 3261 §8.1.1.7 magic cookie plus 96 random bits, unique across space and time. */
export function generateBranch(): string {
  return `${BRANCH_MAGIC_COOKIE}${randomBytes(12).toString('base64url')}`;
}

/** A From/To tag with at least 32 random bits (RFC 3261 §19.3); 64 here. */
export function generateTag(): string {
  return randomBytes(8).toString('hex');
}

/** A Call-ID (RFC 3261 §8.1.1.4): 128 random bits, optionally `@host`. */
export function generateCallId(host?: string): string {
  const id = randomBytes(16).toString('hex');
  return host === undefined ? id : `${id}@${host}`;
}
