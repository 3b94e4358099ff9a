/** Stable codes a caller can branch on. */
export type RlsErrorCode =
  | 'RLS_BAD_CONTENT_TYPE'
  | 'RLS_MULTIPART_MALFORMED'
  | 'RLS_MULTIPART_TRUNCATED'
  | 'RLS_PART_HEADERS_MALFORMED'
  | 'RLS_TRANSFER_ENCODING'
  | 'RLS_LIMIT_EXCEEDED'
  | 'RLS_ROOT_MISSING'
  | 'RLS_RLMI_MALFORMED'
  | 'RLS_CID_MISSING'
  | 'RLS_EXTRA_PART'
  | 'RLS_NO_DECODER'
  | 'RLS_BODY_DECODE_FAILED';

/** Base class of every error this package raises. */
export class RlsError extends Error {
  readonly code: RlsErrorCode;

  constructor(code: RlsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RlsError';
    this.code = code;
  }
}

/** The multipart framing, a part's headers or its transfer encoding is broken. */
export class MultipartError extends RlsError {
  constructor(code: RlsErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'MultipartError';
  }
}

/** The RLMI document is not well-formed XML or does not follow RFC 4662 §5. */
export class RlmiError extends RlsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('RLS_RLMI_MALFORMED', message, options);
    this.name = 'RlmiError';
  }
}

/** One resource instance could not be used: its part is missing, or its body failed to decode. */
export class InstanceBodyError extends RlsError {
  constructor(code: RlsErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'InstanceBodyError';
  }
}
