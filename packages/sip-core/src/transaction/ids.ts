import { randomBytes } from 'node:crypto';

/**
 * Identifier generation for requests the engine builds. Local adapter: part 1's request builders generate these
 * too; switch to them once they are exported.
 */
export function newBranch(): string {
  // RFC 3261 §8.1.1.7: the magic cookie marks a branch as globally unique.
  return `z9hG4bK${randomBytes(12).toString('base64url')}`;
}

export function newTag(): string {
  // RFC 3261 §19.3: at least 32 bits of randomness.
  return randomBytes(8).toString('hex');
}

export function newCallId(): string {
  return randomBytes(16).toString('base64url');
}

export function newCnonce(): string {
  return randomBytes(12).toString('hex');
}
