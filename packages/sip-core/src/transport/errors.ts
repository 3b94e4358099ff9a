import { SipError, type SipErrorOptions } from '../errors.js';

export type TransportErrorCode =
  | 'CONNECT_FAILED'
  | 'CONNECT_TIMEOUT'
  | 'TLS_VERIFY_FAILED'
  | 'CONNECTION_CLOSED'
  | 'CONNECTION_RESET'
  | 'KEEPALIVE_TIMEOUT'
  | 'STREAM_CORRUPT'
  | 'NO_TARGETS';

/** A TCP/TLS connection could not be made, broke, or stopped answering keep-alives. */
export class TransportError extends SipError {
  override readonly name: string = 'TransportError';
  declare readonly code: TransportErrorCode;

  constructor(code: TransportErrorCode, message: string, options: SipErrorOptions = {}) {
    super(code, message, options);
  }
}
