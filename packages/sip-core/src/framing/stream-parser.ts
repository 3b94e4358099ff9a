import { SipParseError } from '../errors.js';
import { type ParseOptions, parseMessage } from '../message/parse.js';
import type { SipMessage } from '../message/types.js';
import { SipStreamFramer, type SipStreamFramerOptions } from './framer.js';

/** Events from a {@link SipStreamParser}. */
export type SipStreamEvent =
  | { readonly type: 'message'; readonly message: SipMessage; readonly bytes: Uint8Array }
  /**
   * A well-framed message that does not decode. The stream stays usable: RFC 3261 §16.3 / §8.2 let the receiver
   * answer a malformed request with 400 when it can still read enough of it.
   */
  | { readonly type: 'invalid'; readonly error: SipParseError; readonly bytes: Uint8Array }
  | { readonly type: 'ping' }
  | { readonly type: 'pong' };

/** Framing plus decoding for a TCP/TLS connection. Framing errors throw (close the connection). */
export class SipStreamParser {
  readonly #framer: SipStreamFramer;
  readonly #parse: ParseOptions | undefined;

  constructor(options: SipStreamFramerOptions = {}) {
    this.#framer = new SipStreamFramer(options);
    this.#parse = options.limits;
  }

  get buffered(): number {
    return this.#framer.buffered;
  }

  push(chunk: Uint8Array): SipStreamEvent[] {
    return this.#framer.push(chunk).map((frame): SipStreamEvent => {
      if (frame.type !== 'message') return frame;
      try {
        return { type: 'message', message: parseMessage(frame.bytes, this.#parse), bytes: frame.bytes };
      } catch (error) {
        if (error instanceof SipParseError) return { type: 'invalid', error, bytes: frame.bytes };
        throw error;
      }
    });
  }
}
