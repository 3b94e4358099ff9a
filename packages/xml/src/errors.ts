import type { XmlLimits } from './limits.js';

/** Stable failure codes of `@simplekit/xml`. Callers branch on these, never on messages. */
export type XmlErrorCode =
  | 'XML_MALFORMED'
  | 'XML_DOCTYPE_FORBIDDEN'
  | 'XML_ENTITY_FORBIDDEN'
  | 'XML_LIMIT_EXCEEDED'
  | 'XML_UNBOUND_PREFIX'
  | 'XML_BAD_NAMESPACE'
  | 'XML_ENCODING'
  | 'XML_INVALID_CHARACTER'
  | 'XML_UNSERIALIZABLE';

/** Base class of every error thrown by `@simplekit/xml`. */
export class XmlError extends Error {
  override readonly name: string = 'XmlError';
  readonly code: XmlErrorCode;

  constructor(code: XmlErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Thrown when input breaks one of the configured {@link XmlLimits}. */
export class XmlLimitError extends XmlError {
  override readonly name: string = 'XmlLimitError';
  /** Which limit was exceeded. */
  readonly limit: keyof XmlLimits;

  constructor(limit: keyof XmlLimits, message: string) {
    super('XML_LIMIT_EXCEEDED', message);
    this.limit = limit;
  }
}
