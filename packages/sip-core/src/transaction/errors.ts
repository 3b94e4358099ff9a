import { SipError, type SipErrorOptions } from '../errors.js';
import type { SipResponse } from '../message/types.js';

export type TransactionErrorCode = 'TIMEOUT' | 'TRANSPORT_ERROR' | 'TERMINATED';

/** A client transaction ended without a final response (RFC 3261 §17.1.2.2 Timer F, §17.1.4 transport errors). */
export class TransactionError extends SipError {
  override readonly name: string = 'TransactionError';
  declare readonly code: TransactionErrorCode;
  readonly method: string;

  constructor(code: TransactionErrorCode, method: string, message: string, options: SipErrorOptions = {}) {
    super(code, message, options);
    this.method = method;
  }
}

export type AuthenticationErrorCode =
  | 'REJECTED_CREDENTIALS'
  | 'CHALLENGE_LOOP'
  | 'NO_CREDENTIALS'
  | 'UNSUPPORTED_CHALLENGE';

/** Digest authentication cannot succeed: wrong password, no credentials for the realm, or a loop of challenges. */
export class AuthenticationError extends SipError {
  override readonly name: string = 'AuthenticationError';
  declare readonly code: AuthenticationErrorCode;
  readonly realm: string | undefined;
  readonly status: number;

  constructor(
    code: AuthenticationErrorCode,
    message: string,
    details: { realm?: string; status: number },
    options: SipErrorOptions = {},
  ) {
    super(code, message, options);
    this.realm = details.realm;
    this.status = details.status;
  }
}

/** A request got a final error response the client state machine cannot recover from. */
export class SipRequestError extends SipError {
  override readonly name: string = 'SipRequestError';
  readonly status: number;
  readonly reason: string;
  readonly method: string;
  /** Seconds from the response's Retry-After (RFC 3261 §20.33), when it had a usable one. */
  readonly retryAfter: number | undefined;

  constructor(method: string, status: number, reason: string, options: SipErrorOptions & { retryAfter?: number } = {}) {
    super(`SIP_${status}`, `${method} failed: ${status} ${reason}`, options);
    this.status = status;
    this.reason = reason;
    this.method = method;
    this.retryAfter = options.retryAfter;
  }

  /** The error for a final failure response, with its Retry-After when it parses. */
  static fromResponse(method: string, response: SipResponse): SipRequestError {
    let retryAfter: number | undefined;
    try {
      retryAfter = response.headers.retryAfter()?.seconds;
    } catch {
      retryAfter = undefined;
    }
    return new SipRequestError(
      method,
      response.status,
      response.reason,
      retryAfter === undefined ? {} : { retryAfter },
    );
  }
}
