import type { Watcher, WatcherInfoDocument, WatcherList } from './model.js';

/** A watcher with the resource and package of its list. */
export interface WatcherEntry extends Watcher {
  readonly resource: string;
  readonly package: string;
}

/**
 * What applying a document did: `applied`; `stale` (its version is not newer, RFC 3858 §4: discarded);
 * `needs-full-state` (a partial document skipped a version or came before any full state: the subscriber must
 * refresh its subscription to get a full document; partial documents are refused until one arrives).
 */
export type WatcherInfoOutcome = 'applied' | 'stale' | 'needs-full-state';

export interface WatcherInfoUpdate {
  readonly state: WatcherInfoState;
  readonly outcome: WatcherInfoOutcome;
}

function listKey(resource: string, eventPackage: string): string {
  return `${eventPackage}\u0000${resource}`;
}

/** Watcher information of one `presence.winfo` subscription, as an immutable value. */
export class WatcherInfoState {
  /** The version of the last applied document; `undefined` before the first full state. */
  readonly version: number | undefined;
  /** True after a gap was seen, until a full-state document arrives. */
  readonly awaitingFullState: boolean;
  private readonly lists: ReadonlyMap<string, WatcherList>;

  private constructor(
    version: number | undefined,
    awaitingFullState: boolean,
    lists: ReadonlyMap<string, WatcherList>,
  ) {
    this.version = version;
    this.awaitingFullState = awaitingFullState;
    this.lists = lists;
  }

  /** The state of a new subscription: nothing known yet. */
  static empty(): WatcherInfoState {
    return new WatcherInfoState(undefined, false, new Map());
  }

  /**
   * RFC 3858 §4: a document whose version is not greater than the last one is discarded; a full document replaces
   * everything; a partial one must carry exactly the next version and updates only the watchers it lists, by id
   * within their resource and package.
   */
  apply(doc: WatcherInfoDocument): WatcherInfoUpdate {
    if (
      this.version !== undefined &&
      doc.version <= this.version &&
      !(doc.state === 'full' && this.awaitingFullState)
    ) {
      return { state: this, outcome: 'stale' };
    }
    if (doc.state === 'full') {
      const lists = new Map<string, WatcherList>();
      for (const list of doc.lists) lists.set(listKey(list.resource, list.package), list);
      return { state: new WatcherInfoState(doc.version, false, lists), outcome: 'applied' };
    }
    if (this.version === undefined || this.awaitingFullState || doc.version !== this.version + 1) {
      return { state: new WatcherInfoState(this.version, true, this.lists), outcome: 'needs-full-state' };
    }
    const lists = new Map(this.lists);
    for (const list of doc.lists) {
      const key = listKey(list.resource, list.package);
      const watchers = new Map((lists.get(key)?.watchers ?? []).map((w) => [w.id, w]));
      for (const watcher of list.watchers) watchers.set(watcher.id, watcher);
      lists.set(key, { resource: list.resource, package: list.package, watchers: [...watchers.values()] });
    }
    return { state: new WatcherInfoState(doc.version, false, lists), outcome: 'applied' };
  }

  /** Every watcher, optionally of one resource and/or package. */
  watchers(filter: { resource?: string; package?: string } = {}): WatcherEntry[] {
    const out: WatcherEntry[] = [];
    for (const list of this.lists.values()) {
      if (filter.resource !== undefined && list.resource !== filter.resource) continue;
      if (filter.package !== undefined && list.package !== filter.package) continue;
      for (const watcher of list.watchers) out.push({ ...watcher, resource: list.resource, package: list.package });
    }
    return out;
  }

  /** Watchers waiting for authorisation (`pending`, and `waiting` ones that tried before). */
  get pending(): WatcherEntry[] {
    return this.watchers().filter((w) => w.status === 'pending' || w.status === 'waiting');
  }

  get active(): WatcherEntry[] {
    return this.watchers().filter((w) => w.status === 'active');
  }

  get terminated(): WatcherEntry[] {
    return this.watchers().filter((w) => w.status === 'terminated');
  }
}
