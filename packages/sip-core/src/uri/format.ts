import { HNV, PARAM, PASSWORD, UNRESERVED, USER } from '../chars.js';
import { escapeChars } from './escape.js';
import type { Uri, UriParams } from './types.js';

function formatParams(params: UriParams): string {
  let out = '';
  for (const [name, value] of params) {
    out += `;${escapeChars(name, UNRESERVED | PARAM)}`;
    if (value !== null) out += `=${escapeChars(value, UNRESERVED | PARAM)}`;
  }
  return out;
}

/** Writes a URI back as text, escaping what RFC 3261 §25.1 does not allow literally. */
export function formatUri(uri: Uri): string {
  switch (uri.kind) {
    case 'sip': {
      let out = `${uri.scheme}:`;
      if (uri.user !== undefined) {
        out += escapeChars(uri.user, UNRESERVED | USER);
        if (uri.password !== undefined) out += `:${escapeChars(uri.password, UNRESERVED | PASSWORD)}`;
        out += '@';
      }
      out += uri.host;
      if (uri.port !== undefined) out += `:${uri.port}`;
      out += formatParams(uri.params);
      let sep = '?';
      for (const [name, value] of uri.headers) {
        out += `${sep}${escapeChars(name, UNRESERVED | HNV)}=${escapeChars(value, UNRESERVED | HNV)}`;
        sep = '&';
      }
      return out;
    }
    case 'tel':
      return `tel:${uri.number}${formatParams(uri.params)}`;
    case 'absolute':
      return `${uri.scheme}:${uri.value}`;
  }
}
