import type { XmlElement } from '@simplekit/xml';
import type { XcapDiffDocument } from '../codecs/xcap-diff/model.js';
import { XcapPatchError } from '../errors.js';
import { applyPatch } from './apply.js';

/** A document as the client cached it: its tree and the ETag it was read or written with. */
export interface CachedDocument {
  readonly root: XmlElement;
  readonly etag: string;
}

/**
 * What an xcap-diff `<document>` means for a cached copy:
 * - `updated`: the patch (or `body-not-changed`) was applied; keep `root` with `etag`.
 * - `refetch`: the document changed (or was created) but the diff carries no patch; GET it.
 * - `removed`: the document no longer exists.
 */
export type XcapDiffOutcome =
  | { readonly kind: 'updated'; readonly root: XmlElement; readonly etag: string }
  | { readonly kind: 'refetch'; readonly etag: string }
  | { readonly kind: 'removed' };

/** The opaque part of an entity tag: HTTP headers quote it (RFC 9110 §8.8.3), xcap-diff attributes need not. */
function opaqueTag(etag: string): string {
  const strong = etag.trim().replace(/^W\//, '');
  return strong.length >= 2 && strong.startsWith('"') && strong.endsWith('"') ? strong.slice(1, -1) : strong;
}

/** The new ETag written the way the cache holds ETags, so that it can go back into `If-Match` as it is. */
function likeCached(cachedEtag: string, etag: string): string {
  const quoted = cachedEtag.trim().replace(/^W\//, '').startsWith('"');
  return quoted ? `"${opaqueTag(etag)}"` : opaqueTag(etag);
}

/**
 * Brings a cached document up to date with one RFC 5874 `<document>` change. The cached ETag must be the change's
 * `previous-etag` (§4: patches apply to that version only; compared without HTTP quotes, and the new ETag is
 * returned quoted like the cached one); otherwise, or when an operation fails, an
 * `XcapPatchError` is thrown (`reason` `etag-mismatch` or an RFC 5261 condition) and the caller refetches.
 */
export function applyXcapDiff(cached: CachedDocument, change: XcapDiffDocument): XcapDiffOutcome {
  if (change.newEtag === undefined) return { kind: 'removed' };
  const patches = change.operations.length > 0 || change.bodyNotChanged === true;
  if (!patches || change.previousEtag === undefined) return { kind: 'refetch', etag: change.newEtag };
  if (opaqueTag(change.previousEtag) !== opaqueTag(cached.etag)) {
    throw new XcapPatchError(
      'etag-mismatch',
      `${change.sel}: the diff starts from ETag ${change.previousEtag}, the cached copy is ${cached.etag}`,
    );
  }
  const etag = likeCached(cached.etag, change.newEtag);
  return { kind: 'updated', root: applyPatch(cached.root, change.operations), etag };
}

/**
 * Applies, in order, every `<document>` change of a diff that concerns `sel` (RFC 5874 §4: one document may appear
 * several times, each change starting from the ETag the previous one produced).
 */
export function applyXcapDiffChain(
  cached: CachedDocument,
  sel: string,
  changes: readonly XcapDiffDocument[],
): XcapDiffOutcome {
  let current: XcapDiffOutcome = { kind: 'updated', root: cached.root, etag: cached.etag };
  for (const change of changes) {
    if (change.sel !== sel) continue;
    if (current.kind === 'updated') current = applyXcapDiff(current, change);
    // Once the cache is gone (removed, or to be refetched), later changes only say what to fetch, if anything.
    else current = change.newEtag === undefined ? { kind: 'removed' } : { kind: 'refetch', etag: change.newEtag };
  }
  return current;
}
