import type { XcapErrorCondition } from './codecs/xcap-error/model.js';

/** Stable error codes of `@simplekit/xcap`; callers branch on these rather than on classes or messages. */
export type XcapErrorCode =
  | 'XCAP_ERROR'
  | 'XCAP_HTTP_STATUS'
  | 'XCAP_NOT_FOUND'
  | 'XCAP_CONFLICT'
  | 'XCAP_PRECONDITION_FAILED'
  | 'XCAP_SERVER_ERROR'
  | 'XCAP_AUTH_FAILED'
  | 'XCAP_INSECURE_AUTH'
  | 'XCAP_TIMEOUT'
  | 'XCAP_NETWORK'
  | 'XCAP_PARSE'
  | 'XCAP_SERIALIZE'
  | 'XCAP_SELECTOR'
  | 'XCAP_PATCH';

/** Base class of every error this package throws. */
export class XcapError extends Error {
  readonly code: XcapErrorCode;
  override readonly name: string = 'XcapError';
  constructor(code: XcapErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** What the server said, kept on every HTTP-status error for traces and diagnostics. */
export interface XcapResponseInfo {
  readonly method: string;
  readonly uri: string;
  readonly status: number;
  readonly contentType?: string;
  readonly body: string;
  /** The answer's Retry-After (RFC 9110 §10.2.3) in milliseconds from its arrival, when it carried one. */
  readonly retryAfterMs?: number;
}

/** A response status the operation did not expect (for example a 500 from a server that sends no xcap-error body). */
export class XcapHttpError extends XcapError {
  override readonly name: string = 'XcapHttpError';
  readonly status: number;
  readonly response: XcapResponseInfo;
  /**
   * How long the server asked us to wait before the next request (its Retry-After, RFC 9110 §10.2.3), in
   * milliseconds; `undefined` when it did not say. The client sends nothing to that server before then.
   */
  readonly retryAfterMs: number | undefined;
  constructor(response: XcapResponseInfo, code: XcapErrorCode = 'XCAP_HTTP_STATUS', message?: string) {
    super(code, message ?? `${response.method} ${response.uri} failed with HTTP ${response.status}`);
    this.status = response.status;
    this.response = response;
    this.retryAfterMs = response.retryAfterMs;
  }
}

/** RFC 4825 §8.2.1: 404 — the document, or the node the selector points at, does not exist. */
export class XcapNotFound extends XcapHttpError {
  override readonly name = 'XcapNotFound';
  constructor(response: XcapResponseInfo) {
    super(response, 'XCAP_NOT_FOUND', `${response.method} ${response.uri}: not found`);
  }
}

/**
 * A 5xx answer. Kamailio's xcap_server reports most client mistakes this way, without an xcap-error body.
 *
 * A 503 (or any 5xx) with Retry-After sets `retryAfterMs`, and the client keeps quiet towards the server until it
 * has passed: a request made meanwhile is not sent and fails with `notSent: true`, its `retryAfterMs` being the
 * wait that is left and its `status` the one of the answer that asked for the wait.
 *
 * Kamailio also answers a conditional write that loses a race (two writes with the same `If-Match` arriving at the
 * same moment) with 500 instead of 412. So a 500 to a conditional write carries `mayBePreconditionFailure: true`
 * and the `documentUri`/`expectedEtag` a 412 would have: refetch, merge and write again as for
 * `XcapPreconditionFailed`, giving up only if the refetched document still has `expectedEtag`.
 */
export class XcapServerError extends XcapHttpError {
  override readonly name = 'XcapServerError';
  /** True for a 500 answering a conditional (`If-Match` / `If-None-Match: *`) write. */
  readonly mayBePreconditionFailure: boolean;
  /** For such writes: the document to refetch. */
  readonly documentUri: string | undefined;
  /** For such writes: the ETag the write was conditioned on (`'*'` for a create). */
  readonly expectedEtag: string | undefined;
  /** True when this request was never sent: an earlier answer's Retry-After has not passed yet. */
  readonly notSent: boolean;
  constructor(
    response: XcapResponseInfo,
    conditionalWrite?: { documentUri: string; expectedEtag: string },
    options?: { readonly notSent?: boolean },
  ) {
    const hint = conditionalWrite ? ' (conditional write: the document may have changed)' : '';
    const wait =
      response.retryAfterMs !== undefined ? `, retry after ${(response.retryAfterMs / 1000).toFixed(1)} s` : '';
    const message = options?.notSent
      ? `${response.method} ${response.uri}: not sent, the server asked for a pause (HTTP ${response.status}${wait})`
      : `${response.method} ${response.uri}: server error ${response.status}${hint}${wait}`;
    super(response, 'XCAP_SERVER_ERROR', message);
    this.notSent = options?.notSent ?? false;
    this.mayBePreconditionFailure = conditionalWrite !== undefined;
    this.documentUri = conditionalWrite?.documentUri;
    this.expectedEtag = conditionalWrite?.expectedEtag;
  }
}

/**
 * RFC 4825 §11: 409 — the request would leave the document invalid. `conditions` holds the parsed
 * `application/xcap-error+xml` body (empty when the server sent none or an unreadable one).
 */
export class XcapConflict extends XcapHttpError {
  override readonly name = 'XcapConflict';
  readonly conditions: readonly XcapErrorCondition[];
  constructor(response: XcapResponseInfo, conditions: readonly XcapErrorCondition[]) {
    const kinds = conditions.map((c) => c.kind).join(', ');
    super(response, 'XCAP_CONFLICT', `${response.method} ${response.uri}: conflict${kinds ? ` (${kinds})` : ''}`);
    this.conditions = conditions;
  }
}

/**
 * RFC 4825 §7.11: 412 — the document changed since `expectedEtag` was read (or, for a create, it already exists).
 * Refetch `documentUri` (its ETag is `currentEtag` when the server said so), merge, and write again.
 */
export class XcapPreconditionFailed extends XcapHttpError {
  override readonly name = 'XcapPreconditionFailed';
  /** URI of the whole document the write was aimed at: the one to refetch. */
  readonly documentUri: string;
  /** The ETag sent in `If-Match`, or `'*'` when `If-None-Match: *` (create) failed. */
  readonly expectedEtag: string;
  /** The document's ETag according to the 412 response, when it carried one. */
  readonly currentEtag: string | undefined;
  constructor(response: XcapResponseInfo, documentUri: string, expectedEtag: string, currentEtag: string | undefined) {
    super(response, 'XCAP_PRECONDITION_FAILED', `${response.method} ${response.uri}: document changed (412)`);
    this.documentUri = documentUri;
    this.expectedEtag = expectedEtag;
    this.currentEtag = currentEtag;
  }
}

/** The server refused our credentials (a second 401 on a fresh challenge, or 403). */
export class XcapAuthenticationFailed extends XcapHttpError {
  override readonly name = 'XcapAuthenticationFailed';
  constructor(response: XcapResponseInfo, reason: string) {
    super(response, 'XCAP_AUTH_FAILED', `${response.method} ${response.uri}: ${reason}`);
  }
}

/** The server offered only Basic authentication over plain HTTP; the password is never sent in clear. */
export class XcapInsecureAuth extends XcapError {
  override readonly name = 'XcapInsecureAuth';
  constructor(uri: string) {
    super('XCAP_INSECURE_AUTH', `${uri}: refusing Basic authentication over plain HTTP`);
  }
}

/** The request did not complete within the configured timeout. */
export class XcapTimeout extends XcapError {
  override readonly name = 'XcapTimeout';
  constructor(method: string, uri: string, timeoutMs: number, cause?: unknown) {
    super('XCAP_TIMEOUT', `${method} ${uri}: no answer within ${timeoutMs} ms`, { cause });
  }
}

/** Connection refused, reset or any other transport failure. */
export class XcapNetworkError extends XcapError {
  override readonly name = 'XcapNetworkError';
  constructor(method: string, uri: string, cause: unknown) {
    super('XCAP_NETWORK', `${method} ${uri}: ${cause instanceof Error ? cause.message : 'network error'}`, { cause });
  }
}

/** A document or fragment that a codec cannot read. */
export class XcapParseError extends XcapError {
  override readonly name = 'XcapParseError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('XCAP_PARSE', message, options);
  }
}

/** A model that cannot be written as XML (for example text holding characters XML cannot represent). */
export class XcapSerializeError extends XcapError {
  override readonly name = 'XcapSerializeError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('XCAP_SERIALIZE', message, options);
  }
}

/** A node selector that does not follow the RFC 4825 §6.3 grammar. */
export class XcapSelectorError extends XcapError {
  override readonly name = 'XcapSelectorError';
  constructor(message: string) {
    super('XCAP_SELECTOR', message);
  }
}

/**
 * Why an xcap-diff could not be applied. `etag-mismatch`: the cached document is not the version the diff starts
 * from (RFC 5874 §4: refetch the whole document). The others are the error conditions of RFC 5261 §5.
 * Whatever the reason, the cached copy is left as it was and the caller refetches.
 */
export type XcapPatchFailure =
  | 'etag-mismatch'
  | 'invalid-attribute-value'
  | 'invalid-character-set'
  | 'invalid-diff-format'
  | 'invalid-entity-reference'
  | 'invalid-namespace-prefix'
  | 'invalid-namespace-uri'
  | 'invalid-node-types'
  | 'invalid-patch-directive'
  | 'invalid-root-element-operation'
  | 'invalid-xml-prolog-operation'
  | 'invalid-whitespace-directive'
  | 'unlocated-node';

/** An xcap-diff document that cannot be read, or a patch that cannot be applied to the cached document. */
export class XcapPatchError extends XcapError {
  override readonly name = 'XcapPatchError';
  readonly reason: XcapPatchFailure;
  /** The `sel` of the failing patch operation, when one failed. */
  readonly selector: string | undefined;
  constructor(reason: XcapPatchFailure, message: string, options?: { cause?: unknown; selector?: string }) {
    super('XCAP_PATCH', `${reason}: ${message}`, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.reason = reason;
    this.selector = options?.selector;
  }
}
