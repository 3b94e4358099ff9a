// @simplekit/sip-core: public API. Each module exports from here only.
export {
  algorithmStrength,
  type DigestAlgorithm,
  digestHash,
} from './auth/algorithm.js';
export {
  type AuthChallenge,
  type DigestChallenge,
  isDigestChallenge,
  type OtherChallenge,
  parseAuthChallenges,
  selectStrongestChallenge,
} from './auth/challenge.js';
export {
  createDigestCredentials,
  type DigestCredentials,
  type DigestCredentialsOptions,
  type DigestQop,
  formatAuthorization,
  type OtherCredentials,
  parseAuthorization,
} from './auth/digest.js';
export { SipError, type SipErrorOptions, SipParseError, type SipParseErrorCode, SipUsageError } from './errors.js';
