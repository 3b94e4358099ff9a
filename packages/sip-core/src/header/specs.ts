import { type AuthChallenge, parseAuthChallenges } from '../auth/challenge.js';
import { type DigestCredentials, type OtherCredentials, parseAuthorization } from '../auth/digest.js';
import { SipParseError } from '../errors.js';
import { type Contact, parseContact } from './contact.js';
import { type CSeq, parseCSeq, wireCSeq } from './cseq.js';
import { parseInteger, splitList } from './cursor.js';
import {
  type EventHeader,
  parseEvent,
  parseEventType,
  parseSubscriptionState,
  type SubscriptionState,
} from './event.js';
import type { HeaderSpec } from './header-list.js';
import { type AcceptRange, type MediaType, parseAcceptRange, parseMediaType } from './media-type.js';
import { parseCallId, parseEntityTag, parseOptionTag, parseRetryAfter, type RetryAfter, wireCallId } from './misc.js';
import { type FromTo, type NameAddr, parseFromTo, parseNameAddr, wireNameAddr } from './name-addr.js';
import { parseVia, type Via, wireVia } from './via.js';

function missing(key: string): never {
  throw new SipParseError('MISSING_HEADER', `no ${key} header`, 0);
}

/** A header that appears at most once and is required. */
function single<T>(
  slot: number,
  key: string,
  parse: (v: string, offset: number, maxUriLength: number) => T,
): HeaderSpec<T> {
  return {
    slot,
    key,
    parse(lines) {
      const v = lines.values[0];
      if (v === undefined) return missing(key);
      if (lines.values.length > 1) {
        throw new SipParseError('DUPLICATE_HEADER', `${key} appears more than once`, lines.offsets[1] ?? 0);
      }
      return parse(v, lines.offsets[0] ?? 0, lines.maxUriLength);
    },
    first: (v, offset, maxUriLength) => (v === undefined ? missing(key) : parse(v, offset, maxUriLength)),
  };
}

/** A header that appears at most once and may be absent. */
function optional<T>(
  slot: number,
  key: string,
  parse: (v: string, offset: number, maxUriLength: number) => T,
): HeaderSpec<T | undefined> {
  return {
    slot,
    key,
    parse(lines) {
      const v = lines.values[0];
      if (v === undefined) return undefined;
      if (lines.values.length > 1) {
        throw new SipParseError('DUPLICATE_HEADER', `${key} appears more than once`, lines.offsets[1] ?? 0);
      }
      return parse(v, lines.offsets[0] ?? 0, lines.maxUriLength);
    },
    first: (v, offset, maxUriLength) => (v === undefined ? undefined : parse(v, offset, maxUriLength)),
  };
}

/** A comma-list header whose lines concatenate (RFC 3261 §7.3.1). */
function list<T>(
  slot: number,
  key: string,
  parse: (v: string, offset: number, maxUriLength: number) => T,
): HeaderSpec<T[]> {
  return {
    slot,
    key,
    parse(lines) {
      const out: T[] = [];
      for (let i = 0; i < lines.values.length; i++) {
        for (const item of splitList(lines.values[i] ?? '', lines.offsets[i] ?? 0)) {
          out.push(parse(item.text, item.offset, lines.maxUriLength));
        }
      }
      return out;
    },
  };
}

/** Auth headers: one challenge list or credential per line; their values contain commas of their own. */
function perLine<T>(slot: number, key: string, parse: (v: string) => T[]): HeaderSpec<T[]> {
  return {
    slot,
    key,
    parse(lines) {
      const out: T[] = [];
      for (let i = 0; i < lines.values.length; i++) {
        const base = lines.offsets[i] ?? 0;
        try {
          out.push(...parse(lines.values[i] ?? ''));
        } catch (e) {
          if (!(e instanceof SipParseError)) throw e;
          throw new SipParseError(e.code, `${key}: ${e.message}`, base + e.offset, { cause: e });
        }
      }
      return out;
    },
  };
}

export const VIA: HeaderSpec<Via[]> = list(1, 'via', parseVia);
function topVia(v: string | undefined, offset: number): Via | undefined {
  if (v === undefined) return undefined;
  // One element without quotes or brackets is the whole (trimmed) value: no list to split.
  if (isSingleElement(v)) return parseVia(v, offset);
  const first = splitList(v, offset)[0];
  return first === undefined ? undefined : parseVia(first.text, first.offset);
}

/** True when `splitList(v)` would give `v` itself: not empty, no comma, quote or "<", no whitespace at either end. */
function isSingleElement(v: string): boolean {
  const n = v.length;
  if (n === 0) return false;
  const first = v.charCodeAt(0);
  const last = v.charCodeAt(n - 1);
  if (first === 0x20 || first === 0x09 || last === 0x20 || last === 0x09) return false;
  // Native searches: far cheaper than a loop over the characters.
  return v.indexOf(',') === -1 && v.indexOf('"') === -1 && v.indexOf('<') === -1;
}

/** Only the first Via element: what a UA needs from almost every message, without parsing the others. */
export const TOP_VIA: HeaderSpec<Via | undefined> = {
  slot: 29,
  key: 'via',
  parse(lines) {
    return topVia(lines.values[0], lines.offsets[0] ?? 0);
  },
  first: (v, offset) => topVia(v, offset),
  wire: (b, s, from, to, base) => wireVia(b, s, from, to, base),
  firstLineOnly: true,
};
export const FROM: HeaderSpec<FromTo> = { ...single(2, 'from', (v, o, m) => parseFromTo(v, o, m)), wire: wireNameAddr };
export const TO: HeaderSpec<FromTo> = { ...single(3, 'to', (v, o, m) => parseFromTo(v, o, m)), wire: wireNameAddr };
export const CALL_ID: HeaderSpec<string> = { ...single(4, 'call-id', parseCallId), wire: wireCallId };
export const CSEQ: HeaderSpec<CSeq> = { ...single(5, 'cseq', parseCSeq), wire: wireCSeq };
export const CONTACT: HeaderSpec<Contact[]> = {
  slot: 30,
  key: 'contact',
  parse(lines) {
    const contacts = list(6, 'contact', (v, o, m) => parseContact(v, o, m)).parse(lines);
    // RFC 3261 §10.3 step 6: "*" stands alone.
    if (contacts.length > 1 && contacts.some((c) => c.star)) {
      throw new SipParseError('BAD_HEADER_VALUE', 'Contact "*" must be the only contact', lines.offsets[0] ?? 0);
    }
    return contacts;
  },
};
// RFC 3261 §20.30, §20.34: route and rec-route entries are always name-addr.
export const ROUTE: HeaderSpec<NameAddr[]> = list(7, 'route', (v, o, m) => parseNameAddr(v, o, m, true));
export const RECORD_ROUTE: HeaderSpec<NameAddr[]> = list(8, 'record-route', (v, o, m) => parseNameAddr(v, o, m, true));
export const MAX_FORWARDS: HeaderSpec<number | undefined> = optional(9, 'max-forwards', (v, o) =>
  parseInteger(v, o, 'Max-Forwards', 255),
);
export const EXPIRES: HeaderSpec<number | undefined> = optional(10, 'expires', (v, o) => parseInteger(v, o, 'Expires'));
export const MIN_EXPIRES: HeaderSpec<number | undefined> = optional(11, 'min-expires', (v, o) =>
  parseInteger(v, o, 'Min-Expires'),
);
export const CONTENT_LENGTH: HeaderSpec<number | undefined> = optional(12, 'content-length', (v, o) =>
  parseContentLength(v, o),
);
export const EVENT: HeaderSpec<EventHeader | undefined> = optional(13, 'event', parseEvent);
export const ALLOW_EVENTS: HeaderSpec<string[]> = list(14, 'allow-events', parseEventType);
export const SUBSCRIPTION_STATE: HeaderSpec<SubscriptionState | undefined> = optional(
  15,
  'subscription-state',
  parseSubscriptionState,
);
export const SIP_ETAG: HeaderSpec<string | undefined> = optional(16, 'sip-etag', parseEntityTag);
export const SIP_IF_MATCH: HeaderSpec<string | undefined> = optional(17, 'sip-if-match', parseEntityTag);
export const WWW_AUTHENTICATE: HeaderSpec<AuthChallenge[]> = perLine(18, 'www-authenticate', parseAuthChallenges);
export const PROXY_AUTHENTICATE: HeaderSpec<AuthChallenge[]> = perLine(19, 'proxy-authenticate', parseAuthChallenges);
export const AUTHORIZATION: HeaderSpec<(DigestCredentials | OtherCredentials)[]> = perLine(20, 'authorization', (v) => [
  parseAuthorization(v),
]);
export const PROXY_AUTHORIZATION: HeaderSpec<(DigestCredentials | OtherCredentials)[]> = perLine(
  21,
  'proxy-authorization',
  (v) => [parseAuthorization(v)],
);
export const CONTENT_TYPE: HeaderSpec<MediaType | undefined> = optional(22, 'content-type', parseMediaType);
export const REQUIRE: HeaderSpec<string[]> = list(23, 'require', parseOptionTag);
export const SUPPORTED: HeaderSpec<string[]> = list(24, 'supported', parseOptionTag);
export const UNSUPPORTED: HeaderSpec<string[]> = list(25, 'unsupported', parseOptionTag);
/** `undefined` when absent; an empty array for an empty Accept (RFC 3261 §20.1: no body is acceptable). */
export const ACCEPT: HeaderSpec<AcceptRange[] | undefined> = {
  slot: 31,
  key: 'accept',
  parse: (lines) => (lines.values.length === 0 ? undefined : list(26, 'accept', parseAcceptRange).parse(lines)),
};
export const RETRY_AFTER: HeaderSpec<RetryAfter | undefined> = optional(27, 'retry-after', parseRetryAfter);
export const USER_AGENT: HeaderSpec<string | undefined> = optional(28, 'user-agent', (v, o) => {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) throw new SipParseError('BAD_CHARACTER', 'control character', o + i);
  }
  return v;
});

/** Content-Length = 1*DIGIT (RFC 3261 §20.14); anything else, a sign included, is malformed. */
export function parseContentLength(value: string, offset: number): number {
  let start = 0;
  let end = value.length;
  while (start < end && (value.charCodeAt(start) === 0x20 || value.charCodeAt(start) === 0x09)) start++;
  while (end > start && (value.charCodeAt(end - 1) === 0x20 || value.charCodeAt(end - 1) === 0x09)) end--;
  if (start === end || end - start > 15) {
    throw new SipParseError('BAD_CONTENT_LENGTH', 'Content-Length must be a non-negative number', offset);
  }
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x30 || c > 0x39) {
      throw new SipParseError('BAD_CONTENT_LENGTH', 'Content-Length must be a non-negative number', offset + i);
    }
    n = n * 10 + c - 0x30;
  }
  return n;
}
