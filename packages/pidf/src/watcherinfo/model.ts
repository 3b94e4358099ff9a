/** RFC 3858 §3 watcher status. */
export type WatcherStatus = 'pending' | 'active' | 'waiting' | 'terminated';

/** RFC 3858 §3 events that moved a watcher into its status (other tokens are kept as written). */
export type WatcherEvent =
  | 'subscribe'
  | 'approved'
  | 'deactivated'
  | 'probation'
  | 'rejected'
  | 'timeout'
  | 'giveup'
  | 'noresource'
  | (string & {});

/** One `<watcher>`: who subscribes (the element text, a URI), in which state, since when. */
export interface Watcher {
  readonly id: string;
  /** The watcher's URI as written. */
  readonly uri: string;
  readonly status: WatcherStatus;
  readonly event: WatcherEvent;
  readonly displayName?: string;
  readonly lang?: string;
  /** Seconds the watcher has been subscribed. */
  readonly durationSubscribed?: number;
  /** Seconds until the subscription expires. */
  readonly expiration?: number;
}

/** `<watcher-list>`: the watchers of one resource for one event package. */
export interface WatcherList {
  readonly resource: string;
  readonly package: string;
  readonly watchers: readonly Watcher[];
}

/** An `application/watcherinfo+xml` document. */
export interface WatcherInfoDocument {
  readonly version: number;
  readonly state: 'full' | 'partial';
  readonly lists: readonly WatcherList[];
}
