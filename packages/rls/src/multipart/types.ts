import type { MultipartError } from '../errors.js';
import type { MediaType } from './media-type.js';

/** One header of a body part, name as received. */
export interface PartHeader {
  readonly name: string;
  readonly value: string;
}

/** One body part of a multipart entity (RFC 2046 §5.1), with its transfer encoding already undone. */
export interface BodyPart {
  readonly headers: readonly PartHeader[];
  /** RFC 2046 §5.1: a part without Content-Type is `text/plain; charset=us-ascii`. */
  readonly contentType: MediaType;
  /** Content-ID without the angle brackets (RFC 2045 §7), or undefined. */
  readonly contentId: string | undefined;
  /** Lower case; `7bit` when the header is absent (RFC 2045 §6.1). */
  readonly transferEncoding: string;
  /** The decoded content. A view into the message buffer for binary/7bit/8bit parts (no copy). */
  readonly body: Uint8Array;
  /** Set when this one part is unusable (bad headers or transfer encoding); the other parts remain usable. */
  readonly problem?: MultipartError;
}

/** A parsed `multipart/*` entity; for `multipart/related` (RFC 2387) `root` is the part named by `start`. */
export interface Multipart {
  readonly contentType: MediaType;
  readonly boundary: string;
  readonly parts: readonly BodyPart[];
  /** RFC 2387 §3.2: the part whose Content-ID is `start`, else the first part. */
  readonly root: BodyPart;
}

export interface MultipartLimits {
  /** Most body parts accepted in one entity. Default 20,000. */
  readonly maxParts?: number;
  /** Most bytes in one part's header section. Default 16 KiB. */
  readonly maxHeaderBytes?: number;
}
