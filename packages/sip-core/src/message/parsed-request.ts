import type { SipHeaders } from '../header/headers.js';
import { parseUriRange } from '../uri/parse.js';
import type { Uri } from '../uri/types.js';
import { wireSipUri } from '../uri/wire-sip.js';
import type { SipRequest } from './types.js';

/**
 * A request read by `parseMessage`. The Request-URI's grammar (RFC 3261 §19.1, RFC 3966, RFC 3986) is checked
 * when `uri` is first read, not while parsing: most messages a UA receives are routed by their headers and never
 * need it. The parser has already checked that `rawUri` is visible ASCII and within the URI length limit, so
 * writing it back is safe. A malformed Request-URI throws `SipParseError` (`BAD_URI`) from `uri`, every time it
 * is read; a UA server reads it before handling the request and answers 400 (RFC 3261 §8.2.2.1). @internal
 */
export class ParsedRequest implements SipRequest {
  readonly kind = 'request';
  #uri: Uri | undefined;
  // Where the Request-URI is: `#text[#from, #from + rawUri.length)`, `#bytes[#base + i]` the byte of `#text[i]`.
  readonly #text: string;
  readonly #bytes: Uint8Array;
  readonly #from: number;
  readonly #base: number;
  readonly #maxUriLength: number;

  constructor(
    readonly method: string,
    readonly rawUri: string,
    readonly headers: SipHeaders,
    readonly body: Uint8Array,
    text: string,
    bytes: Uint8Array,
    from: number,
    base: number,
    maxUriLength: number,
  ) {
    this.#text = text;
    this.#bytes = bytes;
    this.#from = from;
    this.#base = base;
    this.#maxUriLength = maxUriLength;
  }

  get uri(): Uri {
    if (this.#uri === undefined) {
      const from = this.#from;
      const to = from + this.rawUri.length;
      this.#uri =
        wireSipUri(this.#bytes, this.#text, from, to, this.#base, this.#maxUriLength) ??
        parseUriRange(this.#text, from, to, this.#base, this.#maxUriLength);
    }
    return this.#uri;
  }

  toJSON(): object {
    return {
      kind: this.kind,
      method: this.method,
      uri: this.uri,
      rawUri: this.rawUri,
      headers: this.headers,
      body: this.body,
    };
  }
}
