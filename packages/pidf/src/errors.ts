/** Stable failure codes of `@simplekit/pidf`. */
export type PidfErrorCode =
  /** Not well-formed XML (the `XmlError` is the `cause`). */
  | 'PIDF_MALFORMED'
  /** Refused as hostile: DOCTYPE, entity declarations or a size/depth/count limit (`cause` says which). */
  | 'PIDF_HOSTILE'
  /** Well-formed XML whose root is not the expected element in the expected namespace. */
  | 'PIDF_WRONG_NAMESPACE'
  /** The right document type, but a required part is missing or unreadable. */
  | 'PIDF_INVALID'
  /** A tree that cannot be written as XML (an invalid name or character in a value). */
  | 'PIDF_UNSERIALIZABLE';

/** Base class of every error thrown by `@simplekit/pidf`. */
export class PidfError extends Error {
  override readonly name: string = 'PidfError';
  readonly code: PidfErrorCode;

  constructor(code: PidfErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
