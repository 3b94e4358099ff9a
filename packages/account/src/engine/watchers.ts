import type { WatcherInfoState } from '@simplekit/pidf';
import type { Watcher, WatcherStatus } from '../state/types.js';
import { share } from '../store/sharing.js';

const RANK: Readonly<Record<WatcherStatus, number>> = { active: 0, pending: 1, waiting: 2, terminated: 3 };

/**
 * Watchers of our presence, one per address: a watcher subscribed from several devices shows once, with its most
 * advanced status (active before pending before waiting before terminated, RFC 3857 §3.5).
 */
export function watchersOf(state: WatcherInfoState, previous: readonly Watcher[]): readonly Watcher[] {
  const byUri = new Map<string, Watcher>();
  for (const w of state.watchers({ package: 'presence' })) {
    const current = byUri.get(w.uri);
    if (current && RANK[current.status] <= RANK[w.status]) continue;
    byUri.set(w.uri, {
      uri: w.uri,
      status: w.status,
      event: w.event,
      ...(w.displayName !== undefined ? { displayName: w.displayName } : {}),
    });
  }
  return share(previous, Object.freeze([...byUri.values()]));
}
