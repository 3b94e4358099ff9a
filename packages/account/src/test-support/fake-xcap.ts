import {
  type DocumentRef,
  documentUri,
  type XcapCaps,
  XcapNetworkError,
  XcapNotFound,
  XcapPreconditionFailed,
  type XcapResource,
  type XcapWriteOptions,
  type XcapWriteResult,
} from '@simplekit/xcap';
import type { XcapPort } from '../ports/xcap.js';

/**
 * An XCAP server in memory shared by several clients (devices): documents with ETags, `If-Match` → 412,
 * `If-None-Match: *` → 412 when the document exists, 404 for missing documents, and a switch to make it
 * unreachable. Enough to test the engine's sync logic; the integration tests use the real server.
 */
export class FakeXcapServer {
  readonly documents = new Map<string, { body: string; etag: string }>();
  readonly log: string[] = [];
  down = false;
  #etag = 0;
  /** Called before each write is applied, to simulate another device writing first. */
  beforeWrite: ((uri: string) => void) | undefined;
  auids: string[] = [
    'resource-lists',
    'rls-services',
    'org.openmobilealliance.pres-rules',
    'org.openmobilealliance.pres-content',
    'pidf-manipulation',
  ];

  put(uri: string, body: string): string {
    this.#etag += 1;
    const etag = `"e${this.#etag}"`;
    this.documents.set(uri, { body, etag });
    return etag;
  }

  client(root: string, xui: string): XcapPort {
    const uriOf = (ref: DocumentRef) => documentUri(root, ref, xui);
    const info = (method: string, uri: string, status: number) => ({ method, uri, status, body: '' });
    const check = (method: string, uri: string) => {
      this.log.push(`${method} ${uri.slice(root.length)}`);
      if (this.down) throw new XcapNetworkError(method, uri, new Error('ECONNREFUSED'));
    };
    const read = (ref: DocumentRef, ifNoneMatch?: string): XcapResource | undefined => {
      const uri = uriOf(ref);
      check('GET', uri);
      const doc = this.documents.get(uri);
      if (!doc) throw new XcapNotFound(info('GET', uri, 404));
      if (ifNoneMatch !== undefined && ifNoneMatch === doc.etag) return undefined;
      return { uri, etag: doc.etag, contentType: 'application/xml', body: doc.body };
    };
    const condition = (method: string, uri: string, options?: XcapWriteOptions) => {
      const c = options?.condition ?? 'auto';
      const doc = this.documents.get(uri);
      if (typeof c === 'object' && doc?.etag !== c.ifMatch) {
        throw new XcapPreconditionFailed(info(method, uri, 412), uri, c.ifMatch, doc?.etag);
      }
      if (c === 'create' && doc) throw new XcapPreconditionFailed(info(method, uri, 412), uri, '*', doc.etag);
    };
    return {
      root,
      documentUri: uriOf,
      etagOf: (ref) => this.documents.get(uriOf(ref))?.etag,
      forgetEtag: () => undefined,
      getDocument: async (ref) => {
        const res = read(ref);
        if (!res) throw new Error('unreachable');
        return res;
      },
      getDocumentIfChanged: async (ref, etag) => read(ref, etag),
      putDocument: async (ref, body, options): Promise<XcapWriteResult> => {
        const uri = uriOf(ref);
        check('PUT', uri);
        this.beforeWrite?.(uri);
        condition('PUT', uri, options);
        const created = !this.documents.has(uri);
        return { uri, etag: this.put(uri, body), created };
      },
      deleteDocument: async (ref, options): Promise<XcapWriteResult> => {
        const uri = uriOf(ref);
        check('DELETE', uri);
        condition('DELETE', uri, options);
        if (!this.documents.delete(uri)) throw new XcapNotFound(info('DELETE', uri, 404));
        return { uri, etag: undefined, created: false };
      },
      getCapabilities: async (): Promise<XcapCaps> => {
        check('GET', `${root}/xcap-caps/global/index`);
        return {
          auids: [...this.auids],
          extensions: [],
          namespaces: [],
        };
      },
    };
  }
}
