import { describe, expect, it } from 'vitest';
import { serialiseMultipart } from '../multipart/serialise.js';
import { InstanceBody } from '../notification/body.js';
import { decodeRlsNotification } from '../notification/decode.js';
import type { RlsNotification } from '../notification/types.js';
import { serialiseRlmi } from '../rlmi/serialise.js';
import {
  buildNotify,
  fixtureNotify,
  pidfDocument,
  type TestPresence,
  type TestResource,
  testDecoders,
} from '../test-support/presence.js';
import { ListSubscriptionState } from './list-subscription-state.js';
import type { ResourceState } from './types.js';

const LIST = 'sip:friends@rls.example.com';

function notify(version: number, fullState: boolean, resources: TestResource[]): RlsNotification<TestPresence> {
  const { body, contentType } = buildNotify(LIST, version, fullState, resources);
  return decodeRlsNotification(body, contentType, { decoders: testDecoders });
}

function active(uri: string, basic: string, note?: string, id = 'i1'): TestResource {
  return { uri, instances: [{ id, state: 'active', body: pidfDocument(uri, basic, note) }] };
}

function summary(resource: ResourceState<TestPresence> | undefined): unknown {
  if (resource === undefined) return undefined;
  return {
    status: resource.status,
    reason: resource.terminationReason,
    instances: resource.instances.map((i) => [
      i.id,
      i.state,
      i.content instanceof InstanceBody ? i.content.value().basic.join(',') + (i.content.value().note ?? '') : null,
    ]),
  };
}

const A = 'sip:a@x';
const B = 'sip:b@x';
const C = 'sip:c@x';

describe('ListSubscriptionState', () => {
  it('applies a full state and reports every resource as added', () => {
    const state = new ListSubscriptionState<TestPresence>();
    const result = state.apply(
      notify(0, true, [active(A, 'open'), { uri: B, instances: [{ id: 'p', state: 'pending' }] }]),
    );
    expect(result.outcome).toBe('applied');
    expect(result.needsFullState).toBe(false);
    expect(result.changes.map((c) => [c.type, c.uri])).toEqual([
      ['added', A],
      ['added', B],
    ]);
    expect(state.uri).toBe(LIST);
    expect(state.version).toBe(0);
    expect(summary(state.resource(A))).toEqual({
      status: 'active',
      reason: undefined,
      instances: [['i1', 'active', 'open']],
    });
    // A pending instance shows as pending authorisation, without a body.
    expect(summary(state.resource(B))).toEqual({
      status: 'pending',
      reason: undefined,
      instances: [['p', 'pending', null]],
    });
  });

  it('applies a partial state to the resources it names only, keeping the others by identity', () => {
    const state = new ListSubscriptionState<TestPresence>();
    state.apply(notify(0, true, [active(A, 'open'), active(B, 'open')]));
    const b = state.resource(B);
    const result = state.apply(notify(1, false, [active(A, 'closed', 'gone home')]));
    expect(result.changes.map((c) => [c.type, c.uri])).toEqual([['updated', A]]);
    expect(summary(state.resource(A))).toMatchObject({ instances: [['i1', 'active', 'closedgone home']] });
    expect(state.resource(B)).toBe(b);
  });

  it('reports nothing for a refresh whose content is unchanged and does not decode again', () => {
    let decodes = 0;
    const decoders = { 'application/pidf+xml': (bytes: Uint8Array) => ({ n: ++decodes, size: bytes.length }) };
    const state = new ListSubscriptionState<{ n: number; size: number }>();
    const build = (version: number) => {
      const { body, contentType } = buildNotify(LIST, version, true, [active(A, 'open'), active(B, 'open')]);
      return decodeRlsNotification(body, contentType, { decoders });
    };
    state.apply(build(0));
    expect(decodes).toBe(2);
    const a = state.resource(A);
    const result = state.apply(build(1));
    expect(result.changes).toEqual([]);
    expect(decodes).toBe(2);
    expect(state.resource(A)).toBe(a);
  });

  it('removes resources a full state no longer lists', () => {
    const state = new ListSubscriptionState<TestPresence>();
    state.apply(notify(0, true, [active(A, 'open'), active(B, 'open')]));
    const result = state.apply(notify(1, true, [active(A, 'open')]));
    expect(result.changes.map((c) => [c.type, c.uri])).toEqual([['removed', B]]);
    expect(state.resource(B)).toBeUndefined();
    expect(state.size).toBe(1);
  });

  it('drops instances a full state no longer lists, and keeps a terminated reason from a full state', () => {
    const state = new ListSubscriptionState<TestPresence>();
    state.apply(
      notify(0, true, [
        {
          uri: A,
          instances: [...active(A, 'open', undefined, 'x').instances, ...active(A, 'closed', undefined, 'y').instances],
        },
      ]),
    );
    expect(state.resource(A)?.instances.map((i) => i.id)).toEqual(['x', 'y']);
    state.apply(notify(1, true, [active(A, 'closed', undefined, 'y')]));
    expect(state.resource(A)?.instances.map((i) => i.id)).toEqual(['y']);
    const result = state.apply(
      notify(2, true, [{ uri: A, instances: [{ id: 'y', state: 'terminated', reason: 'noresource' }] }]),
    );
    expect(result.changes[0]?.type === 'updated' && result.changes[0].terminated).toEqual([
      { id: 'y', reason: 'noresource' },
    ]);
    expect(summary(state.resource(A))).toEqual({ status: 'terminated', reason: 'noresource', instances: [] });
  });

  it('drops a terminated instance and keeps its reason', () => {
    const state = new ListSubscriptionState<TestPresence>();
    state.apply(notify(0, true, [active(A, 'open')]));
    const result = state.apply(
      notify(1, false, [{ uri: A, instances: [{ id: 'i1', state: 'terminated', reason: 'rejected' }] }]),
    );
    const change = result.changes[0];
    expect(change?.type === 'updated' && change.terminated).toEqual([{ id: 'i1', reason: 'rejected' }]);
    expect(summary(state.resource(A))).toEqual({ status: 'terminated', reason: 'rejected', instances: [] });
  });

  it('ignores stale versions', () => {
    const state = new ListSubscriptionState<TestPresence>();
    state.apply(notify(3, true, [active(A, 'open')]));
    const partial = state.apply(notify(3, false, [active(A, 'closed')]));
    const full = state.apply(notify(2, true, []));
    expect([partial.outcome, full.outcome]).toEqual(['stale', 'stale']);
    expect(partial.changes).toEqual([]);
    expect(summary(state.resource(A))).toMatchObject({ instances: [['i1', 'active', 'open']] });
  });

  it('on a gap asks for a full state, holds the early partial, and applies it once the gap fills', () => {
    const state = new ListSubscriptionState<TestPresence>();
    state.apply(notify(0, true, [active(A, 'open'), active(B, 'open')]));
    const early = state.apply(notify(2, false, [active(B, 'closed')]));
    expect(early).toMatchObject({ outcome: 'buffered', needsFullState: true, changes: [] });
    const late = state.apply(notify(1, false, [active(A, 'closed')]));
    expect(late.outcome).toBe('applied');
    expect(late.versions).toEqual([1, 2]);
    expect(late.needsFullState).toBe(false);
    expect(late.changes.map((c) => c.uri)).toEqual([A, B]);
    expect(state.version).toBe(2);
  });

  it('reports the problems of a held notification once, when it applies', () => {
    const state = new ListSubscriptionState<TestPresence>();
    state.apply(notify(0, true, [active(A, 'open')]));
    const held = state.apply(notify(2, false, [{ uri: A, instances: [{ id: 'i1', state: 'active', body: '<x' }] }]));
    expect(held.problems).toEqual([]);
    const result = state.apply(notify(1, false, [active(B, 'open')]));
    expect(result.problems.map((p) => [p.error.code, p.resourceUri])).toEqual([['RLS_BODY_DECODE_FAILED', A]]);
  });

  it('closes a gap with a full state and drops held partials it supersedes', () => {
    const state = new ListSubscriptionState<TestPresence>();
    state.apply(notify(0, true, [active(A, 'open')]));
    state.apply(notify(2, false, [active(A, 'closed')]));
    state.apply(notify(4, false, [active(A, 'open', 'back')]));
    const result = state.apply(notify(3, true, [active(A, 'open', 'full')]));
    expect(result.versions).toEqual([3, 4]);
    expect(result.needsFullState).toBe(false);
    expect(summary(state.resource(A))).toMatchObject({ instances: [['i1', 'active', 'openback']] });
  });

  it('needs a full state before partials can apply', () => {
    const state = new ListSubscriptionState<TestPresence>();
    expect(state.needsFullState).toBe(true);
    const result = state.apply(notify(1, false, [active(A, 'closed')]));
    expect(result).toMatchObject({ outcome: 'buffered', needsFullState: true });
    expect(state.apply(notify(0, true, [active(A, 'open')])).versions).toEqual([0, 1]);
  });

  it('after restart accepts the new subscription full state whatever its version and reports real differences only', () => {
    const state = new ListSubscriptionState<TestPresence>();
    state.apply(notify(9, true, [active(A, 'open'), active(B, 'open')]));
    const a = state.resource(A);
    state.restart();
    expect(state.needsFullState).toBe(true);
    expect(state.apply(notify(1, false, [active(A, 'closed')])).outcome).toBe('buffered');
    const result = state.apply(notify(0, true, [active(A, 'open'), active(C, 'open')]));
    expect(result.changes.map((c) => [c.type, c.uri])).toEqual([
      ['added', C],
      ['removed', B],
      ['updated', A],
    ]);
    expect(state.resource(A)).not.toBe(a);
    expect(state.version).toBe(1);
  });

  it('keeps what it had when a changed body fails to decode, and reports it (eager)', () => {
    const state = new ListSubscriptionState<TestPresence>();
    state.apply(notify(0, true, [active(A, 'open'), active(B, 'open')]));
    const result = state.apply(
      notify(1, false, [{ uri: A, instances: [{ id: 'i1', state: 'active', body: '<broken' }] }, active(B, 'closed')]),
    );
    expect(result.outcome).toBe('applied');
    expect(result.problems.map((p) => [p.error.code, p.resourceUri])).toEqual([['RLS_BODY_DECODE_FAILED', A]]);
    expect(result.changes.map((c) => c.uri)).toEqual([B]);
    expect(summary(state.resource(A))).toMatchObject({ instances: [['i1', 'active', 'open']] });
  });

  it('keeps what it had when an instance names a missing part', () => {
    const state = new ListSubscriptionState<TestPresence>();
    state.apply(notify(0, true, [active(A, 'open')]));
    const { body, contentType } = fixtureNotify('kamailio-full-state');
    const good = decodeRlsNotification(body, contentType, { decoders: testDecoders });
    const broken = Buffer.from(
      body.toString('latin1').replace('Content-ID: <nlx5bh@', 'Content-ID: <other@'),
      'latin1',
    );
    const fresh = new ListSubscriptionState<TestPresence>();
    fresh.apply(good);
    const bob = fresh.resource('sip:bob@testbed.simplekit.test');
    const result = fresh.apply({
      ...decodeRlsNotification(broken, contentType, { decoders: testDecoders }),
      version: 1,
    });
    expect(result.problems.map((p) => p.error.code)).toEqual(['RLS_CID_MISSING', 'RLS_EXTRA_PART']);
    expect(fresh.resource('sip:bob@testbed.simplekit.test')).toBe(bob);
  });

  it('decodes at most maxEagerDecodes changed bodies while applying, the rest on first use', () => {
    let decodes = 0;
    const state = new ListSubscriptionState<number>({ maxEagerDecodes: 2 });
    const decoders = { 'application/pidf+xml': () => ++decodes };
    const build = (version: number, full: boolean, resources: TestResource[]) => {
      const { body, contentType } = buildNotify(LIST, version, full, resources);
      return decodeRlsNotification(body, contentType, { decoders });
    };
    state.apply(build(0, true, [active(A, 'open'), active(B, 'open'), active(C, 'open')]));
    expect(decodes).toBe(2);
    state.apply(build(1, false, [active(A, 'closed')]));
    expect(decodes).toBe(3);
    const content = state.resource(C)?.instances[0]?.content;
    expect(content instanceof InstanceBody && content.decoded).toBe(false);
    expect(content instanceof InstanceBody ? content.value() : undefined).toBe(4);
  });

  it('keeps copies of the bodies, not views that pin the NOTIFY buffer', () => {
    const { body, contentType } = buildNotify(LIST, 0, true, [active(A, 'open')]);
    const notification = decodeRlsNotification(body, contentType, { decoders: testDecoders });
    const state = new ListSubscriptionState<TestPresence>();
    state.apply(notification);
    const held = state.resource(A)?.instances[0]?.content;
    const parsed = notification.resources[0]?.instances[0]?.content;
    if (!(held instanceof InstanceBody) || !(parsed instanceof InstanceBody)) throw new Error('expected bodies');
    expect(parsed.bytes.buffer).toBe(body.buffer);
    expect(held.bytes.buffer).not.toBe(body.buffer);
    expect(Buffer.from(held.bytes).equals(parsed.bytes)).toBe(true);
  });

  it('decodes nothing while applying in lazy mode', () => {
    let decodes = 0;
    const state = new ListSubscriptionState<number>({ decode: 'lazy' });
    const { body, contentType } = buildNotify(LIST, 0, true, [active(A, 'open'), active(B, 'open')]);
    state.apply(decodeRlsNotification(body, contentType, { decoders: { 'application/pidf+xml': () => ++decodes } }));
    expect(decodes).toBe(0);
    const content = state.resource(A)?.instances[0]?.content;
    expect(content instanceof InstanceBody ? content.value() : undefined).toBe(1);
  });

  it('shows the Kamailio fixture as two publishing users and one pending', () => {
    const { body, contentType } = fixtureNotify('kamailio-full-state');
    const state = new ListSubscriptionState<TestPresence>();
    state.apply(decodeRlsNotification(body, contentType, { decoders: testDecoders }));
    expect([...state.resources()].map((r) => [r.uri, r.status])).toEqual([
      ['sip:bob@testbed.simplekit.test', 'active'],
      ['sip:carol@testbed.simplekit.test', 'active'],
      ['sip:dave@testbed.simplekit.test', 'pending'],
    ]);
  });

  it('keeps a nested list as its own state and reports its changes under the parent resource', () => {
    const state = new ListSubscriptionState<TestPresence>();
    const full = fixtureNotify('rfc4662-full-state');
    const partial = fixtureNotify('rfc4662-partial-nested');
    state.apply(decodeRlsNotification(full.body, full.contentType, { decoders: testDecoders }));
    const result = state.apply(decodeRlsNotification(partial.body, partial.contentType, { decoders: testDecoders }));
    expect(result.changes.map((c) => [c.type, c.uri])).toEqual([
      ['updated', 'sip:ed@dallas.example.net'],
      ['updated', 'sip:adam-friends@stockholm.example.org'],
    ]);
    const org = result.changes[1];
    expect(org?.type === 'updated' && org.nested.map((n) => [n.instanceId, n.changes.map((c) => c.uri)])).toEqual([
      ['cmpqweitlp', ['sip:joe@stockholm.example.org', 'sip:mark@stockholm.example.org']],
    ]);
    const nested = state.resource('sip:adam-friends@stockholm.example.org')?.instances[0]?.content;
    if (nested?.kind !== 'list') throw new Error('expected a nested list');
    expect(summary(nested.state.resource('sip:mark@stockholm.example.org'))).toMatchObject({
      instances: [['1', 'active', 'openIn a meeting']],
    });
    expect(state.resource('sip:ed@dallas.example.net')?.status).toBe('pending');
  });

  it('asks for a full state when a nested list has a gap of its own', () => {
    const nestedNotify = (outerVersion: number, version: number, fullState: boolean, basic: string) => {
      const inner = buildNotify('sip:org@x', version, fullState, [active('sip:joe@x', basic)]);
      const rlmi = serialiseRlmi({
        uri: LIST,
        version: outerVersion,
        fullState: false,
        resources: [{ uri: 'sip:org@x', names: [], instances: [{ id: 'n', state: 'active', cid: 'org@x' }] }],
      });
      const outer = serialiseMultipart({
        type: 'application/rlmi+xml',
        parts: [
          { contentType: 'application/rlmi+xml', contentId: 'root@x', body: rlmi },
          { contentType: inner.contentType, contentId: 'org@x', body: inner.body },
        ],
      });
      return decodeRlsNotification(outer.body, outer.contentType, { decoders: testDecoders });
    };
    const state = new ListSubscriptionState<TestPresence>();
    state.apply(notify(10, true, []));
    expect(state.apply(nestedNotify(11, 0, true, 'open'))).toMatchObject({ outcome: 'applied', needsFullState: false });
    expect(state.apply(nestedNotify(12, 2, false, 'closed'))).toMatchObject({
      outcome: 'applied',
      needsFullState: true,
    });
    const later = state.apply(notify(13, false, [active(A, 'open')]));
    expect(later).toMatchObject({ outcome: 'applied', needsFullState: true });
    expect(state.apply(nestedNotify(14, 1, false, 'closed'))).toMatchObject({
      outcome: 'applied',
      needsFullState: false,
    });
    const org = state.resource('sip:org@x')?.instances[0]?.content;
    expect(org?.kind === 'list' && org.state.version).toBe(2);
  });
});
