// Rewrites one address literal to another of the same length in a byte stream, whatever the chunk boundaries: a
// chunk that ends with the beginning of the literal keeps that tail back until the next chunk tells.
import { Buffer } from 'node:buffer';

export class AddressRewriter {
  readonly #from: Buffer;
  readonly #to: Buffer;
  #held: Buffer = Buffer.alloc(0);

  constructor(from: string, to: string) {
    if (Buffer.byteLength(from) !== Buffer.byteLength(to)) {
      throw new Error(`rewriting ${from} to ${to} would change lengths`);
    }
    this.#from = Buffer.from(from, 'latin1');
    this.#to = Buffer.from(to, 'latin1');
  }

  push(chunk: Buffer): Buffer {
    const data = this.#held.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.#held, chunk]);
    let at = data.indexOf(this.#from);
    while (at !== -1) {
      this.#to.copy(data, at);
      at = data.indexOf(this.#from, at + this.#to.length);
    }
    // Keep back the longest tail that is a proper prefix of the literal (usually nothing).
    let keep = 0;
    for (let n = Math.min(this.#from.length - 1, data.length); n > 0; n -= 1) {
      if (data.subarray(data.length - n).equals(this.#from.subarray(0, n))) {
        keep = n;
        break;
      }
    }
    this.#held = Buffer.from(data.subarray(data.length - keep));
    return data.subarray(0, data.length - keep);
  }
}
