import { parseWatcherInfo, WatcherInfoState } from '@simplekit/pidf';

export interface WatcherListUpdate {
  /** The state changed (a view should re-render). */
  readonly applied: boolean;
  /** RFC 3858 §4.4: a partial document skipped a version; the subscription should be renewed for a full state. */
  readonly gap: boolean;
  readonly version: number;
}

/**
 * Our `presence.winfo` subscription (RFC 3857/3858): documents parsed by `@simplekit/pidf` and applied to its
 * `WatcherInfoState`. A new dialog starts its versions again, so the state is replaced by the new dialog's first
 * document rather than reset at once: the watchers stay on screen in between.
 */
export class WatcherList {
  #state = WatcherInfoState.empty();
  #newDialog = false;

  get state(): WatcherInfoState {
    return this.#state;
  }

  newDialog(): void {
    this.#newDialog = true;
  }

  /** Throws `PidfError` when the body is not a watcherinfo document. */
  apply(body: Uint8Array): WatcherListUpdate {
    const doc = parseWatcherInfo(body);
    const update = (this.#newDialog ? WatcherInfoState.empty() : this.#state).apply(doc);
    this.#newDialog = false;
    this.#state = update.state;
    return { applied: update.outcome === 'applied', gap: update.outcome === 'needs-full-state', version: doc.version };
  }
}
