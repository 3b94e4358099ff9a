import type { Dispatcher } from 'undici';
import { mediaTypeOf, XCAP_ATTRIBUTE_MEDIA_TYPE, XCAP_ELEMENT_MEDIA_TYPE, XcapApplications } from '../applications.js';
import { parseXcapCaps, type XcapCaps } from '../codecs/xcap-caps/parse.js';
import { parseXcapDirectory, type XcapDirectory } from '../codecs/xcap-directory/parse.js';
import { XcapError, XcapNetworkError, type XcapResponseInfo, XcapServerError, XcapTimeout } from '../errors.js';
import type { XcapTraceSink } from '../trace/trace.js';
import { type DocumentRef, documentUri, resourceUri } from '../uri/resource-uri.js';
import { escapeAttValue, type NodeSelector, unescapeAttValue } from '../uri/selector.js';
import { createAuthenticator, type XcapCredentials } from './auth.js';
import { EtagCache } from './etag-cache.js';
import { exchange, type HttpRequest, type HttpResponse } from './exchange.js';
import { xcapErrorFromResponse } from './response-error.js';
import { parseRetryAfter } from './retry-after.js';

export interface XcapClientOptions {
  /** XCAP root URI (RFC 4825 §6.1), e.g. `https://xcap.example.com/xcap-root`. */
  readonly root: string;
  /** The XCAP User Identifier, normally the SIP AOR (`sip:alice@example.com`). */
  readonly xui: string;
  readonly credentials?: XcapCredentials;
  /** undici dispatcher (an `Agent` with TLS options, a `MockAgent`, …); default: undici's global one. */
  readonly dispatcher?: Dispatcher;
  /** Trace records in `@simplekit/sip-core`'s format (`protocol: 'xcap'`); a sip-core `TraceSink` fits. */
  readonly trace?: XcapTraceSink;
  /** Per-request timeout, default 10 s. */
  readonly timeoutMs?: number;
  /** How often a read is retried after a network error, timeout, 502, 503 or 504; default 2. */
  readonly readRetries?: number;
  /** Delay before the first retry, doubled on each next one; default 250 ms. */
  readonly retryDelayMs?: number;
  /**
   * A read answered 503 with a Retry-After up to this long is retried after waiting it (when retries are left);
   * a longer one fails at once, its `retryAfterMs` telling the caller when to come back. Default 0: the client
   * never sleeps on a server's behalf. Either way nothing is sent to the server before its Retry-After has passed.
   */
  readonly maxRetryAfterMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * How a write is conditioned (RFC 4825 §7.11). `auto` (default): `If-Match` with the document's cached ETag; with
 * none cached, `If-None-Match: *` when PUTting a whole document (create only) and unconditional otherwise.
 */
export type XcapWriteCondition = 'auto' | 'create' | 'unconditional' | { readonly ifMatch: string };

export interface XcapWriteOptions {
  readonly condition?: XcapWriteCondition;
}

/** A document, element or attribute as read. */
export interface XcapResource {
  readonly uri: string;
  readonly etag: string | undefined;
  readonly contentType: string | undefined;
  readonly body: string;
}

export interface XcapWriteResult {
  readonly uri: string;
  /** The document's new ETag. */
  readonly etag: string | undefined;
  /** `true` for 201 Created. */
  readonly created: boolean;
}

export interface XcapClient {
  readonly root: string;
  readonly xui: string;
  /** Document URI of `ref` (RFC 4825 §6.2). */
  documentUri(ref: DocumentRef): string;
  /** Resource URI of `ref` plus an optional node selector (§6.3) and its `xmlns()` query (§6.4). */
  resourceUri(ref: DocumentRef, selector?: NodeSelector | string): string;
  /** The ETag the client last saw for a document. */
  etagOf(ref: DocumentRef): string | undefined;
  /** Forgets the cached ETag, so the next write is no longer conditional on it. */
  forgetEtag(ref: DocumentRef): void;

  getDocument(ref: DocumentRef): Promise<XcapResource>;
  /** Conditional GET (`If-None-Match`, RFC 4825 §7.10): `undefined` when the document still has `etag`. */
  getDocumentIfChanged(ref: DocumentRef, etag?: string): Promise<XcapResource | undefined>;
  putDocument(
    ref: DocumentRef,
    body: string,
    options?: XcapWriteOptions & { contentType?: string },
  ): Promise<XcapWriteResult>;
  deleteDocument(ref: DocumentRef, options?: XcapWriteOptions): Promise<XcapWriteResult>;

  /** The element's XML fragment (RFC 4825 §8.2.3), as the server wrote it. */
  getElement(ref: DocumentRef, selector: NodeSelector | string): Promise<XcapResource>;
  /** Creates or replaces the element (§8.2.1/§8.2.2); `fragment` is one element, namespace-qualified in itself. */
  putElement(
    ref: DocumentRef,
    selector: NodeSelector | string,
    fragment: string,
    options?: XcapWriteOptions,
  ): Promise<XcapWriteResult>;
  deleteElement(
    ref: DocumentRef,
    selector: NodeSelector | string,
    options?: XcapWriteOptions,
  ): Promise<XcapWriteResult>;

  /** The attribute's value (§8.2.5). The selector must end in an attribute (`…/@name`). */
  getAttribute(ref: DocumentRef, selector: NodeSelector | string): Promise<XcapResource & { readonly value: string }>;
  putAttribute(
    ref: DocumentRef,
    selector: NodeSelector | string,
    value: string,
    options?: XcapWriteOptions,
  ): Promise<XcapWriteResult>;
  deleteAttribute(
    ref: DocumentRef,
    selector: NodeSelector | string,
    options?: XcapWriteOptions,
  ): Promise<XcapWriteResult>;

  /** RFC 4825 §12: the global xcap-caps document: supported AUIDs, extensions and namespaces. */
  getCapabilities(): Promise<XcapCaps>;
  /** OMA XDM xcap-directory: every document of the user, by AUID, with its ETag. */
  getDirectory(): Promise<XcapDirectory>;
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);

export function createXcapClient(options: XcapClientOptions): XcapClient {
  const root = options.root.replace(/\/+$/, '');
  const { xui } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const readRetries = options.readRetries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 250;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 0;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const auth = createAuthenticator(options.credentials);
  const etags = new EtagCache();
  const exchangeOptions = {
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    ...(options.trace ? { trace: options.trace } : {}),
    timeoutMs,
    now,
  };

  const docUri = (ref: DocumentRef): string => documentUri(root, ref, xui);

  // RFC 9110 §10.2.3: after an answer with Retry-After the server is left alone until then; `quiet` is that moment
  // and the status of the answer that asked for it.
  let quiet: { until: number; status: number } | undefined;

  function refuseWhileQuiet(req: HttpRequest): void {
    if (quiet === undefined) return;
    const left = quiet.until - now();
    if (left <= 0) {
      quiet = undefined;
      return;
    }
    const response = { method: req.method, uri: req.uri, status: quiet.status, body: '', retryAfterMs: left };
    throw new XcapServerError(response, undefined, { notSent: true });
  }

  function noteRetryAfter(res: HttpResponse): number | undefined {
    if (res.status < 500 && res.status !== 429) return undefined;
    const wait = parseRetryAfter(res.headers['retry-after'], now());
    if (wait === undefined || wait <= 0) return wait;
    const until = now() + wait;
    if (quiet === undefined || until > quiet.until) quiet = { until, status: res.status };
    return wait;
  }

  /** One logical request: authentication round trips included, retries of reads on transient failures. */
  async function send(req: HttpRequest): Promise<HttpResponse> {
    for (let attempt = 0, waited = false; ; attempt += 1) {
      // A retry that has just waited out the server's Retry-After goes; anything else waits for the pause to end.
      if (!waited) refuseWhileQuiet(req);
      waited = false;
      try {
        const res = await authenticated(req);
        const retryAfter = noteRetryAfter(res);
        if (req.method === 'GET' && RETRYABLE_STATUS.has(res.status) && attempt < readRetries) {
          if (retryAfter !== undefined && retryAfter > maxRetryAfterMs) return res;
          await sleep(Math.max(retryDelayMs * 2 ** attempt, retryAfter ?? 0));
          waited = retryAfter !== undefined;
          continue;
        }
        return res;
      } catch (error) {
        const transient = error instanceof XcapNetworkError || error instanceof XcapTimeout;
        if (req.method !== 'GET' || !transient || attempt >= readRetries) throw error;
        await sleep(retryDelayMs * 2 ** attempt);
      }
    }
  }

  async function authenticated(req: HttpRequest): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt += 1) {
      const res = await exchange({ ...req, headers: { ...req.headers, ...auth.authorize(req) } }, exchangeOptions);
      if (res.status !== 401 || auth.challenged(req, res, attempt) === 'failed') return res;
    }
  }

  function conditionHeaders(
    condition: XcapWriteCondition,
    document: string,
    creating: boolean,
  ): { headers: Record<string, string>; expected?: string } {
    if (condition === 'unconditional') return { headers: {} };
    if (condition === 'create') return { headers: { 'if-none-match': '*' }, expected: '*' };
    if (typeof condition === 'object')
      return { headers: { 'if-match': condition.ifMatch }, expected: condition.ifMatch };
    const cached = etags.get(document);
    if (cached !== undefined) return { headers: { 'if-match': cached }, expected: cached };
    return creating ? { headers: { 'if-none-match': '*' }, expected: '*' } : { headers: {} };
  }

  async function read(
    ref: DocumentRef,
    selector?: NodeSelector | string,
    ifNoneMatch?: string,
  ): Promise<XcapResource | undefined> {
    const document = docUri(ref);
    const uri = resourceUri(document, selector);
    const res = await send({ method: 'GET', uri, headers: ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {} });
    const etag = res.headers.etag;
    if (res.status === 304) return undefined;
    if (res.status !== 200) throw xcapErrorFromResponse(info('GET', uri, res, now()), undefined, etag);
    etags.set(document, etag);
    return { uri, etag, contentType: res.headers['content-type'], body: res.body };
  }

  async function write(
    method: 'PUT' | 'DELETE',
    ref: DocumentRef,
    selector: NodeSelector | string | undefined,
    body: { text: string; contentType: string } | undefined,
    condition: XcapWriteCondition,
  ): Promise<XcapWriteResult> {
    const document = docUri(ref);
    const uri = resourceUri(document, selector);
    const creatingDocument = method === 'PUT' && selector === undefined;
    const cond = conditionHeaders(condition, document, creatingDocument);
    const headers = { ...cond.headers, ...(body ? { 'content-type': body.contentType } : {}) };
    const res = await send({ method, uri, headers, ...(body ? { body: body.text } : {}) });
    const etag = res.headers.etag;
    if (res.status === 412) etags.delete(document);
    if (res.status !== 200 && res.status !== 201 && res.status !== 204) {
      const context = {
        documentUri: document,
        ...(cond.expected !== undefined ? { expectedEtag: cond.expected } : {}),
      };
      throw xcapErrorFromResponse(info(method, uri, res, now()), context, etag);
    }
    if (method === 'DELETE' && selector === undefined) etags.delete(document);
    else etags.set(document, etag);
    return { uri, etag, created: res.status === 201 };
  }

  async function mustRead(ref: DocumentRef, selector?: NodeSelector | string): Promise<XcapResource> {
    const resource = await read(ref, selector);
    if (!resource) throw new XcapError('XCAP_HTTP_STATUS', 'unexpected 304 to an unconditional GET');
    return resource;
  }

  return {
    root,
    xui,
    documentUri: docUri,
    resourceUri: (ref, selector) => resourceUri(docUri(ref), selector),
    etagOf: (ref) => etags.get(docUri(ref)),
    forgetEtag: (ref) => etags.delete(docUri(ref)),

    getDocument: (ref) => mustRead(ref),
    getDocumentIfChanged: (ref, etag) => {
      const known = etag ?? etags.get(docUri(ref));
      return read(ref, undefined, known);
    },
    putDocument: (ref, body, opts) => {
      const contentType = opts?.contentType ?? mediaTypeOf(ref.auid) ?? 'application/xml';
      return write('PUT', ref, undefined, { text: body, contentType }, opts?.condition ?? 'auto');
    },
    deleteDocument: (ref, opts) => write('DELETE', ref, undefined, undefined, opts?.condition ?? 'auto'),

    getElement: (ref, selector) => mustRead(ref, selector),
    putElement: (ref, selector, fragment, opts) =>
      write('PUT', ref, selector, { text: fragment, contentType: XCAP_ELEMENT_MEDIA_TYPE }, opts?.condition ?? 'auto'),
    deleteElement: (ref, selector, opts) => write('DELETE', ref, selector, undefined, opts?.condition ?? 'auto'),

    getAttribute: async (ref, selector) => {
      const resource = await mustRead(ref, selector);
      // RFC 4825 §8.2.5: the body is the attribute value as written in XML, references included.
      return { ...resource, value: unescapeAttValue(resource.body) };
    },
    putAttribute: (ref, selector, value, opts) =>
      write(
        'PUT',
        ref,
        selector,
        { text: escapeAttValue(value), contentType: XCAP_ATTRIBUTE_MEDIA_TYPE },
        opts?.condition ?? 'auto',
      ),
    deleteAttribute: (ref, selector, opts) => write('DELETE', ref, selector, undefined, opts?.condition ?? 'auto'),

    getCapabilities: async () => {
      const resource = await mustRead({ auid: XcapApplications.xcapCaps.auid, scope: 'global', document: 'index' });
      return parseXcapCaps(resource.body);
    },
    getDirectory: async () => {
      const resource = await mustRead({ auid: XcapApplications.omaXcapDirectory.auid, document: 'directory.xml' });
      return parseXcapDirectory(resource.body);
    },
  };
}

function info(method: string, uri: string, res: HttpResponse, at: number): XcapResponseInfo {
  const contentType = res.headers['content-type'];
  const retryAfterMs = parseRetryAfter(res.headers['retry-after'], at);
  return {
    method,
    uri,
    status: res.status,
    body: res.body,
    ...(contentType !== undefined ? { contentType } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}
