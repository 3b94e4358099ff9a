import type { SipHeaders } from '../header/headers.js';
import type { Uri } from '../uri/types.js';

/** A SIP request (RFC 3261 §7.1). Only SIP/2.0 exists; other versions are rejected by the parser. */
export interface SipRequest {
  readonly kind: 'request';
  /** Case-sensitive (RFC 3261 §7.1), e.g. `REGISTER`. */
  readonly method: string;
  /**
   * On a parsed request, a getter that checks and parses the Request-URI on first read: it throws `SipParseError`
   * (`BAD_URI`) when the URI is malformed, every time it is read. A spread copy (`{ ...request }`) does not carry
   * it; use `withRequestUri` to change it.
   */
  readonly uri: Uri;
  /** The Request-URI exactly as written (on a parsed request: visible ASCII, within `maxUriLength`). */
  readonly rawUri: string;
  readonly headers: SipHeaders;
  readonly body: Uint8Array;
}

/** A SIP response (RFC 3261 §7.2). */
export interface SipResponse {
  readonly kind: 'response';
  readonly status: number;
  readonly reason: string;
  readonly headers: SipHeaders;
  readonly body: Uint8Array;
}

export type SipMessage = SipRequest | SipResponse;
