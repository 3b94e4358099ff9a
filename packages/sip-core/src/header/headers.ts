import type { AuthChallenge } from '../auth/challenge.js';
import type { DigestCredentials, OtherCredentials } from '../auth/digest.js';
import { SipParseError } from '../errors.js';
import type { Contact } from './contact.js';
import type { CSeq } from './cseq.js';
import type { EventHeader, SubscriptionState } from './event.js';
import { type HeaderField, HeaderList, type HeaderSpec } from './header-list.js';
import type { AcceptRange, MediaType } from './media-type.js';
import type { RetryAfter } from './misc.js';
import type { FromTo, NameAddr } from './name-addr.js';
import { internedHeaderKey } from './names.js';
import * as H from './specs.js';
import type { Via } from './via.js';
import type { WireHeaders } from './wire-headers.js';

/**
 * The headers of a SIP message, with typed accessors. Every accessor parses on first use, caches the result and
 * throws `SipParseError` if the header is malformed; required headers throw `MISSING_HEADER` when absent.
 */
export class SipHeaders extends HeaderList {
  /** Headers over the lines of a parsed message, with the values the parser already checked. @internal */
  static fromWire(wire: WireHeaders, maxUriLength: number, cseq: CSeq, contentLength: number | undefined): SipHeaders {
    const h = new SipHeaders(undefined, maxUriLength);
    h.adoptWire(wire);
    h.seed(H.CSEQ, cseq);
    h.seed(H.CONTENT_LENGTH, contentLength);
    return h;
  }

  /** Headers from lines that skip the builder's checks, as if they came off the wire (for tests). @internal */
  static unchecked(fields: readonly HeaderField[], maxUriLength = 4096): SipHeaders {
    const h = new SipHeaders(undefined, maxUriLength);
    h.adopt(
      fields.map((f) => f.name),
      fields.map((f) => internedHeaderKey(f.name)),
      fields.map((f) => f.value),
      fields.map(() => 0),
    );
    return h;
  }

  constructor(fields?: Iterable<HeaderField>, maxUriLength?: number) {
    super(fields, maxUriLength);
  }

  /** A copy with the same lines (typed caches are not shared). */
  clone(): SipHeaders {
    return new SipHeaders(this.entries(), this.maxUriLength);
  }

  via(): Via[] {
    return this.parsed(H.VIA);
  }

  /** The top Via (the one this hop answers to, RFC 3261 §8.2.6.2). */
  topVia(): Via {
    const v = this.parsed(H.TOP_VIA);
    if (v === undefined) throw new SipParseError('MISSING_HEADER', 'no Via header', 0);
    return v;
  }

  from(): FromTo {
    return this.parsed(H.FROM);
  }

  to(): FromTo {
    return this.parsed(H.TO);
  }

  callId(): string {
    return this.parsed(H.CALL_ID);
  }

  cseq(): CSeq {
    return this.parsed(H.CSEQ);
  }

  contact(): Contact[] {
    return this.parsed(H.CONTACT);
  }

  route(): NameAddr[] {
    return this.parsed(H.ROUTE);
  }

  recordRoute(): NameAddr[] {
    return this.parsed(H.RECORD_ROUTE);
  }

  maxForwards(): number | undefined {
    return this.parsed(H.MAX_FORWARDS);
  }

  expires(): number | undefined {
    return this.parsed(H.EXPIRES);
  }

  minExpires(): number | undefined {
    return this.parsed(H.MIN_EXPIRES);
  }

  /** The Content-Length as written (serialisation always writes the real body length). */
  contentLength(): number | undefined {
    return this.parsed(H.CONTENT_LENGTH);
  }

  contentType(): MediaType | undefined {
    return this.parsed(H.CONTENT_TYPE);
  }

  event(): EventHeader | undefined {
    return this.parsed(H.EVENT);
  }

  allowEvents(): string[] {
    return this.parsed(H.ALLOW_EVENTS);
  }

  subscriptionState(): SubscriptionState | undefined {
    return this.parsed(H.SUBSCRIPTION_STATE);
  }

  sipETag(): string | undefined {
    return this.parsed(H.SIP_ETAG);
  }

  sipIfMatch(): string | undefined {
    return this.parsed(H.SIP_IF_MATCH);
  }

  wwwAuthenticate(): AuthChallenge[] {
    return this.parsed(H.WWW_AUTHENTICATE);
  }

  proxyAuthenticate(): AuthChallenge[] {
    return this.parsed(H.PROXY_AUTHENTICATE);
  }

  authorization(): (DigestCredentials | OtherCredentials)[] {
    return this.parsed(H.AUTHORIZATION);
  }

  proxyAuthorization(): (DigestCredentials | OtherCredentials)[] {
    return this.parsed(H.PROXY_AUTHORIZATION);
  }

  require(): string[] {
    return this.parsed(H.REQUIRE);
  }

  supported(): string[] {
    return this.parsed(H.SUPPORTED);
  }

  unsupported(): string[] {
    return this.parsed(H.UNSUPPORTED);
  }

  accept(): AcceptRange[] | undefined {
    return this.parsed(H.ACCEPT);
  }

  retryAfter(): RetryAfter | undefined {
    return this.parsed(H.RETRY_AFTER);
  }

  userAgent(): string | undefined {
    return this.parsed(H.USER_AGENT);
  }
}

export type { HeaderSpec };
