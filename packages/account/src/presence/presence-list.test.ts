import { describe, expect, it } from 'vitest';
import { resolveAccountConfig } from '../config/config.js';
import { createStaticHostInfo } from '../host/host-info.js';
import type { Availability } from '../state/types.js';
import { rlsNotify, type TestResource } from '../test-support/rls-notify.js';
import { type InstanceSummary, summariseInstance } from './instance-summary.js';
import { offlinePresenceBody, ownPresenceBody } from './own-document.js';
import { PresenceList, type PresenceListUpdate } from './presence-list.js';

const LIST = 'sip:alice+presence@example.com';
const host = createStaticHostInfo({ description: 'laptop', userAgent: 'SimpleKit test' });
const now = Date.UTC(2026, 0, 1);

function pidf(uri: string, status: Availability, note: string): string {
  const config = resolveAccountConfig({ address: uri, password: 'x' });
  return ownPresenceBody({ config, own: { status, note, history: [] }, host, instanceId: 'dev', now });
}

const member = (n: number) => `sip:user${n}@example.com`;

/** A list whose decoder counts what it decodes and whose deferred batches run when the test says so. */
function harness(batchSize = 4) {
  const decoded: string[] = [];
  const batches: (() => void)[] = [];
  const deferred: PresenceListUpdate[] = [];
  const list = new PresenceList({
    now: () => now,
    batchSize,
    decode: (bytes) => {
      const summary: InstanceSummary = summariseInstance(bytes);
      decoded.push(summary.notes[0] ?? '');
      return summary;
    },
    defer: (run) => {
      batches.push(run);
      return () => batches.splice(batches.indexOf(run), 1);
    },
    onDeferred: (u) => deferred.push(u),
  });
  const send = (version: number, full: boolean, resources: readonly TestResource[]) => {
    const n = rlsNotify(LIST, version, full, resources);
    return list.apply(n.body, n.contentType);
  };
  const runBatches = () => {
    while (batches.length > 0) batches.shift()?.();
  };
  return { list, decoded, batches, deferred, send, runBatches };
}

const active = (uri: string, id: string, body: string): TestResource => ({
  uri,
  instances: [{ id, state: 'active', pidf: body }],
});

describe('presence list: each body is decoded once', () => {
  it('does not decode a body again when a NOTIFY repeats its bytes', () => {
    const h = harness();
    const bob = member(1);
    h.send(0, true, [active(bob, 'i1', pidf(bob, 'busy', 'call'))]);
    expect(h.decoded).toEqual(['call']);
    // A refresh (full state) and a partial state that repeat the same document.
    const refresh = h.send(1, true, [active(bob, 'i1', pidf(bob, 'busy', 'call'))]);
    h.send(2, false, [active(bob, 'i1', pidf(bob, 'busy', 'call'))]);
    expect(h.decoded).toEqual(['call']);
    expect(refresh.changed).toEqual([]);
    expect(h.list.presence[bob]).toMatchObject({ availability: 'busy', notes: ['call'] });
  });

  it('reuses the summary when a new dialog announces the same document under a new instance id', () => {
    const h = harness();
    const bob = member(1);
    const first = h.send(0, true, [active(bob, 'old', pidf(bob, 'away', 'lunch'))]);
    h.list.restart();
    const again = h.send(0, true, [active(bob, 'renamed', pidf(bob, 'away', 'lunch'))]);
    expect(h.decoded).toEqual(['lunch']);
    expect(again.presence[bob]).toBe(first.presence[bob]);
  });

  it('decodes a body whose bytes changed, and shows the new state', () => {
    const h = harness();
    const bob = member(1);
    h.send(0, true, [active(bob, 'i1', pidf(bob, 'busy', 'call'))]);
    const update = h.send(1, false, [active(bob, 'i1', pidf(bob, 'available', 'free'))]);
    expect(h.decoded).toEqual(['call', 'free']);
    expect(update.changed).toEqual([bob]);
    expect(update.presence[bob]).toMatchObject({ availability: 'available', notes: ['free'], status: 'available' });
  });

  it('keeps what an instance showed when its new body is broken, and reports it once', () => {
    const h = harness();
    const bob = member(1);
    h.send(0, true, [active(bob, 'i1', pidf(bob, 'busy', 'call'))]);
    const broken = h.send(1, false, [active(bob, 'i1', '<presence')]);
    expect(broken.problems.map((p) => [p.error.code, p.resourceUri, p.instanceId])).toEqual([
      ['RLS_BODY_DECODE_FAILED', bob, 'i1'],
    ]);
    expect(broken.presence[bob]).toMatchObject({ availability: 'busy', notes: ['call'] });
    // The same broken body with another instance state change: no second report, still the last good state.
    const again = h.send(2, false, [
      {
        uri: bob,
        instances: [
          { id: 'i1', state: 'active', pidf: '<presence' },
          { id: 'i2', state: 'pending' },
        ],
      },
    ]);
    expect(again.problems).toEqual([]);
    expect(again.presence[bob]).toMatchObject({ availability: 'busy', notes: ['call'] });
  });
});

describe('presence list: a large full state is decoded in batches', () => {
  const size = 10;
  const members = Array.from({ length: size }, (_, i) => member(i));
  const fullState = (note: (i: number) => string) =>
    members.map((uri, i) => active(uri, `i${i}`, pidf(uri, 'available', note(i))));

  it('shows the first batch with the NOTIFY and the rest in later turns, each map frozen and unchanged after', () => {
    const h = harness(4);
    const first = h.send(
      0,
      true,
      fullState((i) => `n${i}`),
    );
    expect(h.decoded).toHaveLength(4);
    expect(Object.keys(first.presence)).toEqual(members.slice(0, 4));
    expect(first.changed).toEqual(members.slice(0, 4));
    expect(h.list.pending).toBe(6);
    expect(h.batches).toHaveLength(1);
    h.runBatches();
    expect(h.decoded).toHaveLength(10);
    expect(h.deferred.map((u) => u.changed)).toEqual([members.slice(4, 8), members.slice(8)]);
    expect(h.list.pending).toBe(0);
    // Every picture handed out stays as it was: a later batch made a new map.
    expect(Object.isFrozen(first.presence)).toBe(true);
    expect(Object.keys(first.presence)).toHaveLength(4);
    const last = h.list.presence;
    expect(Object.isFrozen(last)).toBe(true);
    expect(members.map((uri) => last[uri]?.notes[0])).toEqual(members.map((_, i) => `n${i}`));
  });

  it('keeps a waiting resource on its previous view, then shows only its newest body', () => {
    const h = harness(4);
    h.send(
      0,
      true,
      fullState((i) => `a${i}`),
    );
    h.runBatches();
    h.decoded.length = 0;
    h.deferred.length = 0;
    const second = h.send(
      1,
      true,
      fullState((i) => `b${i}`),
    );
    expect(second.presence[members[9] ?? '']?.notes).toEqual(['a9']);
    // Before its turn, the last member changes again: only that newest body is ever decoded for it.
    const third = h.send(2, false, [active(members[9] ?? '', 'i9', pidf(members[9] ?? '', 'busy', 'c9'))]);
    expect(third.changed[0]).toBe(members[9]);
    expect(third.presence[members[9] ?? '']?.notes).toEqual(['c9']);
    h.runBatches();
    expect(h.decoded).not.toContain('b9');
    expect(h.decoded.filter((n) => n === 'c9')).toHaveLength(1);
    expect(h.decoded).toHaveLength(10);
    expect(h.list.presence[members[9] ?? '']).toMatchObject({ availability: 'busy', notes: ['c9'] });
  });

  it('shows changes that need no decoding at once, even behind a queue', () => {
    const h = harness(2);
    h.send(
      0,
      true,
      fullState((i) => `n${i}`),
    );
    const last = members[9] ?? '';
    const update = h.send(1, false, [
      { uri: last, instances: [{ id: 'i9', state: 'terminated', reason: 'rejected' }] },
    ]);
    expect(update.presence[last]).toMatchObject({
      subscription: 'terminated',
      terminationReason: 'rejected',
      availability: 'offline',
    });
    h.runBatches();
    expect(h.list.presence[last]).toMatchObject({ subscription: 'terminated', availability: 'offline' });
    expect(h.decoded).not.toContain('n9');
  });

  it('drops a waiting resource that a full state no longer lists, and stops when closed', async () => {
    const h = harness(3);
    h.send(
      0,
      true,
      fullState((i) => `n${i}`),
    );
    h.send(1, true, fullState((i) => `n${i}`).slice(0, 5));
    h.runBatches();
    expect(Object.keys(h.list.presence).sort()).toEqual(members.slice(0, 5).sort());
    h.send(
      2,
      true,
      fullState((i) => `m${i}`),
    );
    const decoded = h.list.decoded();
    h.list.close();
    await decoded;
    expect(h.batches).toEqual([]);
    expect(h.list.pending).toBe(0);
  });
});

describe('presence list: a composed document with the offline status', () => {
  const grace = 'sip:grace@example.com';
  const compose = (...docs: string[]) => {
    // What Kamailio's presence_xml sends: the tuples, persons and devices of every document under one root.
    const inner = docs.map((d) => d.replace(/^[\s\S]*?<presence[^>]*>/, '').replace(/<\/presence>\s*$/, ''));
    // The root that declares the most namespaces (Kamailio builds one root for all).
    const roots = docs.map((d) => /<presence[^>]*>/.exec(d)?.[0] ?? '<presence>');
    const root = roots.reduce((a, b) => (b.length > a.length ? b : a));
    return `<?xml version="1.0" encoding="UTF-8"?>${root}${inner.join('')}</presence>`;
  };
  const config = resolveAccountConfig({ address: grace, password: 'x' });
  const offline = offlinePresenceBody({ config, status: 'offline', note: 'gone fishing', now });

  it('shows only the offline note while no device is online', () => {
    const h = harness();
    h.send(0, true, [active(grace, 'i', offline)]);
    expect(h.list.presence[grace]).toMatchObject({ availability: 'offline', notes: ['gone fishing'] });
  });

  it('hides the offline note and status while a device is online', () => {
    const h = harness();
    h.send(0, true, [active(grace, 'i', compose(offline, pidf(grace, 'away', 'back soon')))]);
    expect(h.list.presence[grace]).toMatchObject({ availability: 'away', status: 'away', notes: ['back soon'] });
  });
});
