import { Buffer } from 'node:buffer';
import { SipUsageError } from '../errors.js';
import { formatNameAddr, formatVia, type ParamsInit, type ViaInit } from '../header/format.js';
import type { HeaderField } from '../header/header-list.js';
import { SipHeaders } from '../header/headers.js';
import { formatUri } from '../uri/format.js';
import { parseUri } from '../uri/parse.js';
import type { Uri } from '../uri/types.js';
import { generateBranch, generateCallId, generateTag } from './ids.js';
import { defaultReason } from './reason.js';
import type { SipRequest, SipResponse } from './types.js';

/** An address for From / To / Contact. */
export interface AddressInit {
  readonly uri: Uri | string;
  readonly displayName?: string;
  readonly params?: ParamsInit;
}

export interface BodyInit {
  readonly contentType: string;
  readonly content: Uint8Array | string;
}

export interface RequestInit {
  readonly method: string;
  readonly uri: Uri | string;
  readonly from: AddressInit & { readonly tag?: string };
  readonly to: AddressInit & { readonly tag?: string };
  /** Generated when absent. */
  readonly callId?: string;
  readonly cseq: number;
  /** The branch is generated when absent (RFC 3261 §8.1.1.7). */
  readonly via: Omit<ViaInit, 'branch'> & { readonly branch?: string };
  /** RFC 3261 §8.1.1.6 recommends 70. */
  readonly maxForwards?: number;
  readonly contact?: AddressInit;
  /** Route set, in order (RFC 3261 §12.2.1.1), each a URI or a name-addr string. */
  readonly route?: readonly string[];
  /** Extra headers, written after the standard ones in this order. */
  readonly headers?: readonly HeaderField[];
  readonly body?: BodyInit;
}

const UTF8 = new TextEncoder();

function bodyBytes(body: BodyInit | undefined): Uint8Array {
  if (body === undefined) return new Uint8Array(0);
  return typeof body.content === 'string' ? UTF8.encode(body.content) : body.content;
}

function toUri(uri: Uri | string): { uri: Uri; raw: string } {
  return typeof uri === 'string' ? { uri: parseUri(uri), raw: uri } : { uri, raw: formatUri(uri) };
}

/** Builds a request with the headers RFC 3261 §8.1.1 requires, a fresh branch, a From tag and a Call-ID. */
export function createRequest(init: RequestInit): SipRequest {
  const { uri, raw } = toUri(init.uri);
  if (!Number.isInteger(init.cseq) || init.cseq < 0 || init.cseq > 0x7fffffff) {
    throw new SipUsageError('BAD_CSEQ', 'CSeq must be an integer in 0..2^31-1');
  }
  const h = new SipHeaders();
  h.append('Via', formatVia({ ...init.via, branch: init.via.branch ?? generateBranch() }));
  h.append('Max-Forwards', String(init.maxForwards ?? 70));
  for (const r of init.route ?? []) h.append('Route', r.includes('<') ? r : `<${r}>`);
  h.append('From', formatNameAddr(init.from, { ...init.from.params, tag: init.from.tag ?? generateTag() }));
  h.append('To', formatNameAddr(init.to, { ...init.to.params, tag: init.to.tag }));
  h.append('Call-ID', init.callId ?? generateCallId());
  h.append('CSeq', `${init.cseq} ${init.method}`);
  if (init.contact !== undefined) h.append('Contact', formatNameAddr(init.contact, init.contact.params));
  for (const f of init.headers ?? []) h.append(f.name, f.value);
  if (init.body !== undefined) h.append('Content-Type', init.body.contentType);
  // Parse the typed views once so a bad builder argument fails here, not on the wire.
  h.from();
  h.to();
  h.via();
  h.cseq();
  return { kind: 'request', method: init.method, uri, rawUri: raw, headers: h, body: bodyBytes(init.body) };
}

/** Returns a copy of a request with another Request-URI (keeps `uri` and `rawUri` in step). */
export function withRequestUri(request: SipRequest, target: Uri | string): SipRequest {
  const { uri, raw } = toUri(target);
  return { ...request, uri, rawUri: raw };
}

export interface ResponseInit {
  readonly reason?: string;
  /** Added to To when the request's To has none and status > 100 (RFC 3261 §8.2.6.2). */
  readonly toTag?: string;
  readonly contact?: AddressInit;
  readonly headers?: readonly HeaderField[];
  readonly body?: BodyInit;
}

// RFC 6665 §4.1.3 and RFC 3261 §12.1.1: dialog-creating responses echo Record-Route.
const DIALOG_METHODS = new Set(['INVITE', 'SUBSCRIBE', 'REFER', 'NOTIFY']);

/**
 * Builds a response to `request` (RFC 3261 §8.2.6): Via (all, in order), From, To, Call-ID and CSeq are copied;
 * To gets a tag when it has none and the status is above 100.
 */
export function createResponse(request: SipRequest, status: number, init: ResponseInit = {}): SipResponse {
  if (!Number.isInteger(status) || status < 100 || status > 699) {
    throw new SipUsageError('BAD_STATUS', `status must be 100..699, got ${status}`);
  }
  const reason = init.reason ?? defaultReason(status);
  for (let i = 0; i < reason.length; i++) {
    const c = reason.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) throw new SipUsageError('BAD_REASON', 'control character in reason');
  }
  const src = request.headers;
  const h = new SipHeaders();
  for (const v of src.getAll('via')) h.append('Via', v);
  if (status > 100 && status < 300 && DIALOG_METHODS.has(request.method)) {
    for (const v of src.getAll('record-route')) h.append('Record-Route', v);
  }
  h.append('From', src.get('from') ?? '');
  const to = src.get('to') ?? '';
  const needsTag = status > 100 && src.to().tag === undefined;
  h.append('To', needsTag ? `${to};tag=${init.toTag ?? generateTag()}` : to);
  h.append('Call-ID', src.get('call-id') ?? '');
  h.append('CSeq', src.get('cseq') ?? '');
  if (init.contact !== undefined) h.append('Contact', formatNameAddr(init.contact, init.contact.params));
  for (const f of init.headers ?? []) h.append(f.name, f.value);
  if (init.body !== undefined) h.append('Content-Type', init.body.contentType);
  return { kind: 'response', status, reason, headers: h, body: bodyBytes(init.body) };
}

/** Body as text (UTF-8), for logs and XML bodies. */
export function bodyText(message: { readonly body: Uint8Array }): string {
  return Buffer.from(message.body.buffer, message.body.byteOffset, message.body.byteLength).toString('utf8');
}
