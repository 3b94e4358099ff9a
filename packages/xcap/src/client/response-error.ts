import type { XcapErrorCondition } from '../codecs/xcap-error/model.js';
import { parseXcapError } from '../codecs/xcap-error/parse.js';
import {
  XcapHttpError as HttpError,
  XcapAuthenticationFailed,
  XcapConflict,
  type XcapHttpError,
  XcapNotFound,
  XcapPreconditionFailed,
  type XcapResponseInfo,
  XcapServerError,
} from '../errors.js';

/** What a write was conditioned on, so that a 412 can say what to refetch. */
export interface WriteContext {
  readonly documentUri: string;
  readonly expectedEtag?: string;
}

function conflictConditions(info: XcapResponseInfo): readonly XcapErrorCondition[] {
  if (!info.contentType?.toLowerCase().includes('xcap-error') && !info.body.includes('xcap-error')) return [];
  try {
    return parseXcapError(info.body);
  } catch {
    // A 409 with an unreadable body is still a conflict; the raw body stays on `response` for diagnostics.
    return [];
  }
}

/** Turns a non-2xx response into the typed error a caller branches on (RFC 4825 §7–§11 status semantics). */
export function xcapErrorFromResponse(info: XcapResponseInfo, write?: WriteContext, etag?: string): XcapHttpError {
  switch (info.status) {
    case 401:
    case 403:
      return new XcapAuthenticationFailed(info, info.status === 401 ? 'credentials refused' : 'forbidden');
    case 404:
      return new XcapNotFound(info);
    case 409:
      return new XcapConflict(info, conflictConditions(info));
    case 412:
      return new XcapPreconditionFailed(info, write?.documentUri ?? info.uri, write?.expectedEtag ?? '*', etag);
    case 500:
      // Kamailio answers the loser of two simultaneous conditional writes with 500, not 412 (see XcapServerError).
      return new XcapServerError(
        info,
        write?.expectedEtag !== undefined
          ? { documentUri: write.documentUri, expectedEtag: write.expectedEtag }
          : undefined,
      );
    default:
      return info.status > 500 ? new XcapServerError(info) : new HttpError(info);
  }
}
