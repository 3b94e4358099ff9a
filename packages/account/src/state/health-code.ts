/**
 * Why a part of the engine is not fine, as a stable code an app can branch on (the `reason` text is for people):
 * - `auth-failed`: the server refused our credentials (SIP 401/403/407 after a fresh challenge, XCAP 401/403).
 * - `unreachable`: no connection (refused, reset, closed, no address).
 * - `timeout`: the server did not answer in time.
 * - `tls`: the server's certificate could not be verified.
 * - `not-supported`: the server does not offer what was asked (489 Bad Event, 501, a missing XCAP application).
 * - `rejected`: the server ended a subscription (`rejected`, `noresource`, `deactivated` without coming back).
 * - `server-error`: a 5xx answer.
 * - `bad-document`: a document on the server cannot be read (it is left untouched; the sync retries).
 * - `no-sip` / `no-xcap`: the account has no SIP user agent / no XCAP storage configured.
 * - `waiting`: something else must happen first (the rls-services document must exist).
 * - `local-disk`: the account's own files (journal, cache) cannot be written or read — a read-only or full disk,
 *   permissions; edits already journalled are kept, new ones are refused until it is fixed.
 * - `other`: anything else; see the reason.
 */
export type HealthCode =
  | 'auth-failed'
  | 'unreachable'
  | 'timeout'
  | 'tls'
  | 'not-supported'
  | 'rejected'
  | 'server-error'
  | 'bad-document'
  | 'no-sip'
  | 'no-xcap'
  | 'waiting'
  | 'local-disk'
  | 'other';

const BY_ERROR_CODE: Readonly<Record<string, HealthCode>> = {
  // @simplekit/sip-core
  REJECTED_CREDENTIALS: 'auth-failed',
  NO_CREDENTIALS: 'auth-failed',
  CHALLENGE_LOOP: 'auth-failed',
  UNSUPPORTED_CHALLENGE: 'auth-failed',
  CONNECT_FAILED: 'unreachable',
  CONNECTION_CLOSED: 'unreachable',
  CONNECTION_RESET: 'unreachable',
  NO_TARGETS: 'unreachable',
  TRANSPORT_ERROR: 'unreachable',
  CONNECT_TIMEOUT: 'timeout',
  KEEPALIVE_TIMEOUT: 'timeout',
  TIMEOUT: 'timeout',
  TLS_VERIFY_FAILED: 'tls',
  // @simplekit/xcap
  XCAP_AUTH_FAILED: 'auth-failed',
  XCAP_INSECURE_AUTH: 'auth-failed',
  XCAP_NETWORK: 'unreachable',
  XCAP_TIMEOUT: 'timeout',
  XCAP_NOT_FOUND: 'not-supported',
  XCAP_SERVER_ERROR: 'server-error',
  XCAP_PARSE: 'bad-document',
  // @simplekit/contacts-model
  CONTACTS_PARSE: 'bad-document',
  // @simplekit/account itself
  ACCOUNT_STORAGE: 'local-disk',
  ACCOUNT_JOURNAL: 'local-disk',
};

/** The code for a SIP status (sip-core's request errors carry `SIP_<status>`). */
export function healthCodeOfStatus(status: number): HealthCode {
  if (status === 401 || status === 403 || status === 407) return 'auth-failed';
  if (status === 404 || status === 405 || status === 415 || status === 420 || status === 489 || status === 501) {
    return 'not-supported';
  }
  if (status === 408 || status === 504) return 'timeout';
  if (status >= 500) return 'server-error';
  return 'other';
}

/** Classifies an error of any SimpleKit layer by its stable `code`. */
export function healthCodeOf(error: unknown): HealthCode {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (typeof code !== 'string') return 'other';
  const known = BY_ERROR_CODE[code];
  if (known) return known;
  const sip = /^SIP_(\d{3})$/.exec(code);
  if (sip?.[1] !== undefined) return healthCodeOfStatus(Number(sip[1]));
  return 'other';
}
