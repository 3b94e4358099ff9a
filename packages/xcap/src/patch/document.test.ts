import { parseXml, serializeXml } from '@simplekit/xml';
import { describe, expect, it } from 'vitest';
import type { XcapDiffDocument } from '../codecs/xcap-diff/model.js';
import { XcapPatchError } from '../errors.js';
import { applyXcapDiff, applyXcapDiffChain } from './document.js';

const cached = { root: parseXml('<doc><a/></doc>'), etag: 'v1' };
const change = (extra: Partial<XcapDiffDocument>): XcapDiffDocument => ({
  sel: 'test/users/sip:joe@example.com/index',
  previousEtag: 'v1',
  newEtag: 'v2',
  operations: [{ op: 'remove', sel: 'doc/a', namespaces: [] }],
  ...extra,
});

describe('applying an xcap-diff document change to a cached copy (RFC 5874 §4)', () => {
  it('patches the version the diff starts from and takes the new ETag', () => {
    const outcome = applyXcapDiff(cached, change({}));
    expect(outcome.kind === 'updated' && [serializeXml(outcome.root, { xmlDeclaration: false }), outcome.etag]).toEqual(
      ['<doc/>', 'v2'],
    );
    expect(serializeXml(cached.root, { xmlDeclaration: false })).toBe('<doc><a/></doc>');
  });

  it('fails with etag-mismatch when the cached copy is another version', () => {
    let caught: unknown;
    try {
      applyXcapDiff({ ...cached, etag: 'v0' }, change({}));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(XcapPatchError);
    expect(caught).toMatchObject({ code: 'XCAP_PATCH', reason: 'etag-mismatch' });
  });

  it('only moves the ETag for body-not-changed', () => {
    const outcome = applyXcapDiff(cached, change({ operations: [], bodyNotChanged: true }));
    expect(outcome).toEqual({ kind: 'updated', root: cached.root, etag: 'v2' });
  });

  it('asks for a refetch when a change carries no patch or the document was created', () => {
    expect(applyXcapDiff(cached, change({ operations: [] }))).toEqual({ kind: 'refetch', etag: 'v2' });
    const { previousEtag: _unused, ...created } = change({});
    expect(applyXcapDiff(cached, created)).toEqual({ kind: 'refetch', etag: 'v2' });
  });

  it('reports a removed document', () => {
    const { newEtag: _unused, ...removed } = change({});
    expect(applyXcapDiff(cached, removed)).toEqual({ kind: 'removed' });
  });

  it('follows a chain past a removal to the document created after it', () => {
    const sel = 'test/users/sip:joe@example.com/index';
    const { newEtag: _gone, ...removed } = change({ operations: [] });
    const { previousEtag: _none, ...created } = change({ newEtag: 'v9', operations: [] });
    const other = { ...change({}), sel: 'other/users/sip:joe@example.com/index', newEtag: 'x' };
    expect(applyXcapDiffChain(cached, sel, [removed, other, created])).toEqual({ kind: 'refetch', etag: 'v9' });
    expect(applyXcapDiffChain(cached, sel, [created, removed])).toEqual({ kind: 'removed' });
    expect(applyXcapDiffChain(cached, sel, [other])).toEqual({ kind: 'updated', root: cached.root, etag: 'v1' });
  });

  it('compares ETags without the quotes of HTTP headers and returns the new one quoted like the cache', () => {
    const quoted = { root: cached.root, etag: '"v1"' };
    const outcome = applyXcapDiff(quoted, change({ operations: [], bodyNotChanged: true }));
    expect(outcome).toEqual({ kind: 'updated', root: cached.root, etag: '"v2"' });
    expect(applyXcapDiff(cached, change({ previousEtag: '"v1"', newEtag: '"v2"' }))).toMatchObject({ etag: 'v2' });
    expect(() => applyXcapDiff(quoted, change({ previousEtag: 'v0' }))).toThrow(XcapPatchError);
  });
});
