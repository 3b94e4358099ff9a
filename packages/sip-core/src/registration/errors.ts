import { SipError, type SipErrorOptions } from '../errors.js';

/** A request got a final error response the client state machine cannot recover from. */
export class SipRequestError extends SipError {
  override readonly name: string = 'SipRequestError';
  readonly status: number;
  readonly reason: string;
  readonly method: string;

  constructor(method: string, status: number, reason: string, options: SipErrorOptions = {}) {
    super(`SIP_${status}`, `${method} failed: ${status} ${reason}`, options);
    this.status = status;
    this.reason = reason;
    this.method = method;
  }
}
