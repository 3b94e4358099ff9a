import type { SipHeaders } from '../header/headers.js';
import type { Uri } from '../uri/types.js';

/** A SIP request (RFC 3261 §7.1). Only SIP/2.0 exists; other versions are rejected by the parser. */
export interface SipRequest {
  readonly kind: 'request';
  /** Case-sensitive (RFC 3261 §7.1), e.g. `REGISTER`. */
  readonly method: string;
  readonly uri: Uri;
  /** The Request-URI exactly as written. */
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
