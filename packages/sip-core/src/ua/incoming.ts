import { SipParseError } from '../errors.js';
import type { HeaderField } from '../header/header-list.js';
import type { ServerTransaction } from '../transaction/server.js';

/** Methods this user agent answers (RFC 3261 §20.5 Allow). */
export const ALLOWED_METHODS = ['NOTIFY', 'OPTIONS'] as const;

/**
 * Answers a request that matched no dialog or subscription (RFC 3261 §8.2, §12.2.2, RFC 6665 §4.1.3, §8.2.1):
 * an unknown NOTIFY or in-dialog request gets 481, a SUBSCRIBE (we are no notifier) 489, OPTIONS 200, anything
 * else 405 with Allow. ACK gets nothing.
 */
export function answerUnmatchedRequest(transaction: ServerTransaction, eventPackages: readonly string[]): void {
  const request = transaction.request;
  const method = request.method.toUpperCase();
  const allow: HeaderField = { name: 'Allow', value: ALLOWED_METHODS.join(', ') };
  if (method === 'ACK') return;
  if (method === 'OPTIONS') {
    transaction.respond(200, {
      headers: [allow, { name: 'Accept', value: 'application/pidf+xml, multipart/related' }],
    });
    return;
  }
  if (method === 'SUBSCRIBE') {
    transaction.respond(489, { headers: [{ name: 'Allow-Events', value: eventPackages.join(', ') }] });
    return;
  }
  const toTag = request.headers.to().tag !== undefined;
  if (method === 'NOTIFY' || method === 'CANCEL' || toTag) {
    transaction.respond(481);
    return;
  }
  transaction.respond(405, { headers: [allow] });
}

/**
 * Reads the Request-URI of a new request before anything else handles it (the parser checks its grammar only
 * when it is read). RFC 3261 §8.2.2.1: a malformed one is answered 400, a scheme this UA does not understand (it
 * is reached at SIP URIs only) 416. Returns false when the request has been answered so.
 */
export function acceptRequestUri(transaction: ServerTransaction): boolean {
  let kind: string;
  try {
    kind = transaction.request.uri.kind;
  } catch (error) {
    if (!(error instanceof SipParseError)) throw error;
    transaction.respond(400, { reason: 'Bad Request-URI' });
    return false;
  }
  if (kind === 'sip') return true;
  transaction.respond(416);
  return false;
}
