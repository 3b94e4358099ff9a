// @simplekit/sip-core: public API. Each module exports from here only.

// Digest authentication (RFC 2617, RFC 7616, RFC 8760)
export { algorithmStrength, type DigestAlgorithm, digestHash } from './auth/algorithm.js';
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
// Errors
export { SipError, type SipErrorOptions, SipParseError, type SipParseErrorCode, SipUsageError } from './errors.js';
// Stream framing (RFC 3261 §18.3, RFC 5626 §4.4.1)
export { type SipFrame, SipStreamFramer, type SipStreamFramerOptions } from './framing/framer.js';
export { type SipStreamEvent, SipStreamParser } from './framing/stream-parser.js';
// Headers
export type { Contact, ContactAddress, StarContact } from './header/contact.js';
export { type CSeq, MAX_CSEQ, parseCSeq } from './header/cseq.js';
export { type HeaderParams, type ListItem, splitList } from './header/cursor.js';
export { type EventHeader, parseEvent, parseSubscriptionState, type SubscriptionState } from './header/event.js';
export { formatNameAddr, formatParams, formatVia, type ParamsInit, type ViaInit } from './header/format.js';
export type { HeaderField, HeaderLines, HeaderSpec } from './header/header-list.js';
export { SipHeaders } from './header/headers.js';
export { type AcceptRange, type MediaType, parseMediaType } from './header/media-type.js';
export type { RetryAfter } from './header/misc.js';
export { type FromTo, type NameAddr, parseFromTo, parseNameAddr } from './header/name-addr.js';
export { canonicalHeaderName, headerKey } from './header/names.js';
export * as HeaderSpecs from './header/specs.js';
export { BRANCH_MAGIC_COOKIE, parseVia, type Via } from './header/via.js';
// Messages
export {
  type AddressInit,
  type BodyInit,
  bodyText,
  createRequest,
  createResponse,
  type RequestInit,
  type ResponseInit,
  withRequestUri,
} from './message/build.js';
export { generateBranch, generateCallId, generateTag } from './message/ids.js';
export { DEFAULT_LIMITS, type SipLimits } from './message/limits.js';
export { type ParseOptions, parseMessage } from './message/parse.js';
export { defaultReason } from './message/reason.js';
export { serializeMessage } from './message/serialize.js';
export type { SipMessage, SipRequest, SipResponse } from './message/types.js';
// Signalling: transports, RFC 3263, transactions, registration, publication, subscriptions, user agent, trace
export * from './signalling.js';
// URIs (RFC 3261 §19.1, RFC 3966)
export { uriEquals } from './uri/equal.js';
export { formatUri } from './uri/format.js';
export { DEFAULT_MAX_URI_LENGTH, parseUri, type UriParseOptions } from './uri/parse.js';
export type { AbsoluteUri, HostType, SipUri, TelUri, Uri, UriParams } from './uri/types.js';
