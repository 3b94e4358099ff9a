/** Called after every change with the new snapshot, the events that explain it, and the snapshot before it. */
export type StoreListener<S, E> = (snapshot: S, events: readonly E[], previous: S) => void;

/**
 * An observable holder of immutable snapshots. `getSnapshot()` returns the same object until something changes
 * (so React's `useSyncExternalStore` and a plain `===` both work), and changes build a new snapshot that shares
 * every unchanged part with the old one.
 */
export interface Store<S, E> {
  getSnapshot(): S;
  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: StoreListener<S, E>): () => void;
}

export interface WritableStore<S, E> extends Store<S, E> {
  /**
   * Replaces the snapshot with `recipe(current)` and tells listeners, with `events`. A recipe that returns the
   * current snapshot and no events notifies nobody.
   */
  update(recipe: (current: S) => S, events?: readonly E[]): void;
  /** Emits events that change nothing in the snapshot (errors, progress). */
  emit(events: readonly E[]): void;
  /** A listener threw: the store keeps going and reports it here (the engine traces it). */
  onListenerError?: (error: unknown) => void;
}

export function createStore<S, E>(initial: S, onListenerError?: (error: unknown) => void): WritableStore<S, E> {
  let snapshot = initial;
  const listeners = new Set<StoreListener<S, E>>();
  // Updates made by listeners are queued so every listener sees snapshots in order, each exactly once.
  const queue: { next: S; previous: S; events: readonly E[] }[] = [];
  let delivering = false;

  function deliver(): void {
    if (delivering) return;
    delivering = true;
    try {
      for (let item = queue.shift(); item; item = queue.shift()) {
        for (const listener of [...listeners]) {
          try {
            listener(item.next, item.events, item.previous);
          } catch (error) {
            onListenerError?.(error);
          }
        }
      }
    } finally {
      delivering = false;
    }
  }

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    update(recipe, events = []) {
      const previous = snapshot;
      const next = recipe(previous);
      if (next === previous && events.length === 0) return;
      snapshot = next;
      queue.push({ next, previous, events });
      deliver();
    },
    emit(events) {
      if (events.length === 0) return;
      queue.push({ next: snapshot, previous: snapshot, events });
      deliver();
    },
  };
}
