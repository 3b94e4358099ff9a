import { type DocumentRef, XcapApplications, XcapNotFound } from '@simplekit/xcap';
import { AccountStorageError } from '../errors.js';
import type { XcapPort } from '../ports/xcap.js';
import type { StateFiles } from '../storage/account-storage.js';

/** The documents the engine keeps, by the name of their cache file. */
export const DOCUMENTS = {
  resourceLists: { auid: XcapApplications.resourceLists.auid },
  rlsServices: { auid: XcapApplications.rlsServices.auid },
  presRules: { auid: XcapApplications.omaPresRules.auid },
  // OMA Presence XDM: Blink's status icon document.
  presContent: { auid: XcapApplications.omaPresContent.auid, document: 'oma_status-icon/index' },
  pidfManipulation: { auid: XcapApplications.pidfManipulation.auid },
} as const satisfies Record<string, DocumentRef>;

export type DocumentName = keyof typeof DOCUMENTS;

/** A document as the server last gave it to us (or as we last wrote it). */
export interface CachedDocument {
  readonly etag: string | undefined;
  readonly body: string;
}

function isCached(value: unknown): value is CachedDocument {
  return (
    typeof value === 'object' &&
    value !== null &&
    'body' in value &&
    typeof value.body === 'string' &&
    (!('etag' in value) || value.etag === undefined || typeof value.etag === 'string')
  );
}

/**
 * The local copy of the account's XCAP documents with their ETags (`xcap/<name>.json` in the state area). Reads go
 * to the server conditionally (`If-None-Match`, RFC 4825 §7.10) so an unchanged document costs a 304; the copy also
 * lets the engine show the address book before, or without, any network.
 */
export class DocumentCache {
  readonly #files: StateFiles;
  readonly #docs = new Map<DocumentName, CachedDocument | null>();

  constructor(files: StateFiles) {
    this.#files = files;
  }

  /** Loads every cached document from disk; an unreadable cache file is ignored (it is only a cache). */
  async load(): Promise<void> {
    for (const name of Object.keys(DOCUMENTS) as DocumentName[]) {
      const bytes = await this.#files.read(`xcap/${name}.json`);
      if (bytes === undefined) continue;
      try {
        const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
        this.#docs.set(name, isCached(value) ? value : null);
      } catch {
        this.#docs.set(name, null);
      }
    }
  }

  get(name: DocumentName): CachedDocument | undefined {
    return this.#docs.get(name) ?? undefined;
  }

  /** Remembers a document (or that it does not exist) in memory and on disk. */
  async set(name: DocumentName, doc: CachedDocument | undefined): Promise<void> {
    this.#docs.set(name, doc ?? null);
    try {
      if (doc) await this.#files.write(`xcap/${name}.json`, JSON.stringify(doc));
      else await this.#files.remove(`xcap/${name}.json`);
    } catch (cause) {
      throw new AccountStorageError(`xcap/${name}.json`, 'could not update the document cache', { cause });
    }
  }

  /** Fetches a document if it changed since the cached copy; `undefined` when the server has none. */
  async fetch(xcap: XcapPort, name: DocumentName): Promise<CachedDocument | undefined> {
    const cached = this.get(name);
    try {
      const res = await xcap.getDocumentIfChanged(DOCUMENTS[name], cached?.etag);
      if (res === undefined && cached) return cached;
      const doc = res === undefined ? await xcap.getDocument(DOCUMENTS[name]) : res;
      const fresh: CachedDocument = { etag: doc.etag, body: doc.body };
      await this.set(name, fresh);
      return fresh;
    } catch (error) {
      if (!(error instanceof XcapNotFound)) throw error;
      if (cached) await this.set(name, undefined);
      return undefined;
    }
  }
}
