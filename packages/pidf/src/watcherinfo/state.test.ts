import { describe, expect, it } from 'vitest';
import { fixture } from '../test-support/fixtures.js';
import type { WatcherInfoDocument } from './model.js';
import { parseWatcherInfo } from './parse.js';
import { WatcherInfoState } from './state.js';

const full = parseWatcherInfo(fixture('rfc3858-full.xml'));
const partial = parseWatcherInfo(fixture('rfc3858-partial.xml'));

function doc(
  version: number,
  state: 'full' | 'partial',
  ids: [string, 'active' | 'pending' | 'terminated'][],
): WatcherInfoDocument {
  return {
    version,
    state,
    lists: [
      {
        resource: 'sip:me@example.com',
        package: 'presence',
        watchers: ids.map(([id, status]) => ({ id, uri: `sip:${id}@example.com`, status, event: 'subscribe' })),
      },
    ],
  };
}

describe('WatcherInfoState', () => {
  it('applies a full state then the next partial one by watcher id', () => {
    const first = WatcherInfoState.empty().apply(full);
    expect(first.outcome).toBe('applied');
    expect(first.state.pending.map((w) => w.uri)).toEqual(['sip:userB@example.org']);
    expect(first.state.active.map((w) => w.uri)).toEqual(['sip:userA@example.net']);
    const second = first.state.apply(partial);
    expect(second.outcome).toBe('applied');
    expect(second.state.version).toBe(1);
    expect(second.state.pending).toEqual([]);
    expect(second.state.active.map((w) => [w.uri, w.resource, w.package])).toEqual([
      ['sip:userB@example.org', 'sip:professor@example.net', 'presence'],
    ]);
    expect(second.state.terminated.map((w) => w.event)).toEqual(['timeout']);
    expect(first.state.version).toBe(0);
  });

  it('discards documents that are not newer', () => {
    const state = WatcherInfoState.empty().apply(doc(5, 'full', [['a', 'active']])).state;
    expect(state.apply(doc(5, 'partial', [['b', 'pending']])).outcome).toBe('stale');
    expect(state.apply(doc(4, 'full', [])).outcome).toBe('stale');
    expect(state.apply(doc(4, 'full', [])).state).toBe(state);
  });

  it('asks for a full state after a version gap and refuses partials until it arrives', () => {
    const state = WatcherInfoState.empty().apply(doc(1, 'full', [['a', 'active']])).state;
    const gap = state.apply(doc(3, 'partial', [['b', 'pending']]));
    expect(gap.outcome).toBe('needs-full-state');
    expect(gap.state.awaitingFullState).toBe(true);
    expect(gap.state.pending).toEqual([]);
    expect(gap.state.apply(doc(4, 'partial', [['c', 'pending']])).outcome).toBe('needs-full-state');
    const recovered = gap.state.apply(doc(4, 'full', [['b', 'pending']]));
    expect(recovered.outcome).toBe('applied');
    expect(recovered.state.watchers().map((w) => w.id)).toEqual(['b']);
    expect(recovered.state.awaitingFullState).toBe(false);
  });

  it('asks for a full state when the first document is partial', () => {
    expect(WatcherInfoState.empty().apply(doc(0, 'partial', [])).outcome).toBe('needs-full-state');
  });

  it('filters watchers by resource and package', () => {
    const state = WatcherInfoState.empty().apply(doc(0, 'full', [['a', 'active']])).state;
    expect(state.watchers({ package: 'presence' })).toHaveLength(1);
    expect(state.watchers({ resource: 'sip:other@example.com' })).toEqual([]);
  });
});
