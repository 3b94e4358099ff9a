/**
 * RFC 4825 §7.11: an ETag names a version of a whole document, whatever part of it a request touched. The cache maps
 * document URIs to the last ETag the server reported for them.
 */
export class EtagCache {
  readonly #etags = new Map<string, string>();

  get(documentUri: string): string | undefined {
    return this.#etags.get(documentUri);
  }

  set(documentUri: string, etag: string | undefined): void {
    if (etag === undefined) this.#etags.delete(documentUri);
    else this.#etags.set(documentUri, etag);
  }

  delete(documentUri: string): void {
    this.#etags.delete(documentUri);
  }
}
