import { InstanceBodyError } from '../errors.js';
import type { MediaType } from '../multipart/media-type.js';
import type { BodyPart } from '../multipart/types.js';

/**
 * Turns one part's bytes into a value (for presence, a PIDF document). Injected by the caller per content type so
 * that this package carries any event package's bodies. It may throw anything; the error is wrapped.
 */
export type BodyDecoder<T> = (bytes: Uint8Array, part: BodyPart) => T;

/** Decoders by media type essence in lower case, e.g. `application/pidf+xml`. */
export type BodyDecoders<T> = Readonly<Record<string, BodyDecoder<T>>>;

export type BodyResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: InstanceBodyError };

/**
 * The state document of one resource instance, decoded on first use and then remembered. Decoding lazily keeps a
 * 1,000-resource full state cheap: only the instances a view looks at, or that changed, are ever decoded.
 */
export class InstanceBody<T> {
  readonly kind = 'body';
  readonly contentType: MediaType;
  /** The part's content after its transfer encoding is undone. */
  readonly bytes: Uint8Array;
  readonly #part: BodyPart;
  #decoder: BodyDecoder<T> | undefined;
  #result: BodyResult<T> | undefined;

  constructor(part: BodyPart, decoder: BodyDecoder<T> | undefined) {
    this.#part = part;
    this.contentType = part.contentType;
    this.bytes = part.body;
    this.#decoder = decoder;
  }

  /** True once the body has been decoded (successfully or not). */
  get decoded(): boolean {
    return this.#result !== undefined;
  }

  /** The decoded value or the failure, computed once. Never throws. */
  result(): BodyResult<T> {
    if (this.#result === undefined) this.#result = this.#decode();
    return this.#result;
  }

  /** The decoded value; throws `InstanceBodyError` when the body cannot be decoded. */
  value(): T {
    const result = this.result();
    if (!result.ok) throw result.error;
    return result.value;
  }

  /** True when `other` carries the same content type and the same bytes, so its decoded value can be reused. */
  sameContent(other: InstanceBody<T>): boolean {
    return (
      this.contentType.essence === other.contentType.essence &&
      Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength).equals(other.bytes)
    );
  }

  /**
   * A copy whose bytes live in `copy`'s memory instead of the NOTIFY body it was parsed from, so state kept for long
   * does not pin every message it ever came from.
   */
  detached(copy: (bytes: Uint8Array) => Uint8Array): InstanceBody<T> {
    const owned = new InstanceBody<T>({ ...this.#part, body: copy(this.bytes) }, this.#decoder);
    owned.#result = this.#result;
    return owned;
  }

  #decode(): BodyResult<T> {
    const decoder = this.#decoder;
    // The decoder is only needed once; drop it so the result is all that stays alive.
    this.#decoder = undefined;
    if (decoder === undefined) {
      return {
        ok: false,
        error: new InstanceBodyError('RLS_NO_DECODER', `no decoder for ${this.contentType.essence}`),
      };
    }
    try {
      return { ok: true, value: decoder(this.bytes, this.#part) };
    } catch (cause) {
      const why = cause instanceof Error ? cause.message : String(cause);
      return {
        ok: false,
        error: new InstanceBodyError('RLS_BODY_DECODE_FAILED', `${this.contentType.essence} body: ${why}`, { cause }),
      };
    }
  }
}
