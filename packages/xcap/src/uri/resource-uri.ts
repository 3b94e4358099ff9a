import { XcapSelectorError } from '../errors.js';
import { formatNodeSelector, type NodeSelector } from './selector.js';

/** Which document: RFC 4825 §6.2 `<root>/<auid>/users/<xui>/<document path>` (or `…/global/<path>`). */
export interface DocumentRef {
  /** Application unique id, e.g. `resource-lists` or `org.openmobilealliance.pres-rules`. */
  readonly auid: string;
  /** Path below the user's (or global) home, `/`-separated; default `index`. */
  readonly document?: string;
  /** `users` (default) or `global` (RFC 4825 §6.2 global tree, e.g. the global xcap-caps document). */
  readonly scope?: 'users' | 'global';
  /** The XCAP User Identifier; default: the client's own XUI. */
  readonly xui?: string;
}

const HEX = '0123456789ABCDEF';

function escapeExcept(text: string, allowed: RegExp): string {
  let out = '';
  for (const ch of text) {
    if (allowed.test(ch)) {
      out += ch;
      continue;
    }
    for (const byte of Buffer.from(ch, 'utf8')) out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return out;
}

// RFC 3986 §3.3: pchar = unreserved / pct-encoded / sub-delims / ":" / "@". A literal `%` is always escaped.
const PCHAR = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]$/;
const PCHAR_OR_SLASH = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/;
// RFC 3986 §3.4 query = *( pchar / "/" / "?" ); `(`, `)` and `=` delimit xmlns() (RFC 4825 §6.4) so values escape them.
const QUERY_VALUE = /^[A-Za-z0-9\-._~!$&'*+,;:@/?]$/;

/** Escapes one path segment (an XUI, a document name) so that `/`, `?`, `#`, `%` and spaces stay data. */
export function escapePathSegment(segment: string): string {
  return escapeExcept(segment, PCHAR);
}

function normalizedRoot(root: string): string {
  return root.replace(/\/+$/, '');
}

/** RFC 4825 §6.2 document URI. */
export function documentUri(root: string, ref: DocumentRef, defaultXui: string): string {
  const path = (ref.document ?? 'index').split('/').filter((s) => s.length > 0);
  if (path.length === 0) throw new XcapSelectorError('empty document path');
  const home = ref.scope === 'global' ? 'global' : `users/${escapePathSegment(ref.xui ?? defaultXui)}`;
  return `${normalizedRoot(root)}/${escapePathSegment(ref.auid)}/${home}/${path.map(escapePathSegment).join('/')}`;
}

/**
 * RFC 4825 §6: document URI, then `/~~/` and the percent-encoded node selector (§6.3: characters such as `[`, `]` and
 * `"` are not allowed in a path and are escaped), then the `xmlns()` query for prefixed names (§6.4).
 */
export function resourceUri(documentUriText: string, selector?: NodeSelector | string): string {
  if (selector === undefined) return documentUriText;
  const text = typeof selector === 'string' ? selector : formatNodeSelector(selector);
  let uri = `${documentUriText}/~~/${escapeExcept(text, PCHAR_OR_SLASH)}`;
  const namespaces = typeof selector === 'string' ? undefined : selector.namespaces;
  if (namespaces && Object.keys(namespaces).length > 0) {
    uri += `?${Object.entries(namespaces)
      .map(([prefix, ns]) => `xmlns(${escapeExcept(prefix, QUERY_VALUE)}=${escapeExcept(ns, QUERY_VALUE)})`)
      .join('')}`;
  }
  return uri;
}
