/** Stable machine-readable codes carried by every {@link SipParseError}. */
export type SipParseErrorCode =
  | 'EMPTY_MESSAGE'
  | 'HEADER_SECTION_TOO_LARGE'
  | 'TOO_MANY_HEADERS'
  | 'UNTERMINATED_HEADERS'
  | 'BAD_LINE_BREAK'
  | 'BAD_CHARACTER'
  | 'BAD_START_LINE'
  | 'BAD_VERSION'
  | 'BAD_METHOD'
  | 'BAD_STATUS'
  | 'BAD_HEADER_NAME'
  | 'BAD_FOLD'
  | 'MISSING_HEADER'
  | 'DUPLICATE_HEADER'
  | 'BAD_CONTENT_LENGTH'
  | 'CONTENT_LENGTH_MISMATCH'
  | 'BODY_TOO_LARGE'
  | 'BAD_CSEQ'
  | 'CSEQ_METHOD_MISMATCH'
  | 'BAD_URI'
  | 'URI_TOO_LONG'
  | 'BAD_HEADER_VALUE'
  | 'UNTERMINATED_QUOTE'
  | 'BAD_AUTH_HEADER';

export interface SipErrorOptions {
  readonly cause?: unknown;
}

/** Base class of every error raised by `@simplekit/sip-core`; branch on `code`. */
export class SipError extends Error {
  override readonly name: string = 'SipError';
  readonly code: string;

  constructor(code: string, message: string, options: SipErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

/**
 * Malformed bytes or header values. `offset` is the byte offset into the input that was being parsed (the whole
 * message for `parseMessage`, the header value for header parsers called on their own).
 */
export class SipParseError extends SipError {
  override readonly name: string = 'SipParseError';
  declare readonly code: SipParseErrorCode;
  readonly offset: number;

  constructor(code: SipParseErrorCode, message: string, offset: number, options: SipErrorOptions = {}) {
    super(code, `${message} (at byte ${offset})`, options);
    this.offset = offset;
  }
}

/** Invalid arguments given to a builder or to the digest calculator (a programming error, not bad input). */
export class SipUsageError extends SipError {
  override readonly name: string = 'SipUsageError';
}
