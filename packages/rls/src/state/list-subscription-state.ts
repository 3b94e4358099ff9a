import type { RlsNotification, RlsProblem } from '../notification/types.js';
import type { RlmiName } from '../rlmi/types.js';
import { bodySlab } from './body-slab.js';
import { coalesceChanges } from './coalesce.js';
import { type MergeContext, mergeResource, type NestedListHolder } from './merge-resource.js';
import type { ApplyOutcome, ApplyResult, ListSubscriptionOptions, ResourceChange, ResourceState } from './types.js';

/**
 * The state of one resource list subscription (RFC 4662), built from decoded notifications. Applies full and
 * partial states in version order, ignores stale versions, holds out-of-order partials until the gap fills, and
 * reports per-resource changes so a view re-renders only what changed. No I/O: the caller refreshes the
 * subscription when `needsFullState` is true, and calls `restart()` when a new subscription begins.
 */
export class ListSubscriptionState<T> implements NestedListHolder<T> {
  readonly #options: ListSubscriptionOptions;
  readonly #resources = new Map<string, ResourceState<T>>();
  readonly #buffered = new Map<number, RlsNotification<T>>();
  #uri: string | undefined;
  #names: readonly RlmiName[] = [];
  #version: number | undefined;
  #haveFullState = false;
  #acceptAnyVersion = false;

  constructor(options: ListSubscriptionOptions = {}) {
    this.#options = options;
  }

  /** The list URI from the last full state. */
  get uri(): string | undefined {
    return this.#uri;
  }

  get names(): readonly RlmiName[] {
    return this.#names;
  }

  /** Version of the last applied notification. */
  get version(): number | undefined {
    return this.#version;
  }

  /** True until a full state arrived (also after `restart()`), and while a gap in versions is open (RFC 4662 §5.2). */
  get needsFullState(): boolean {
    return !this.#hasBase() || this.#buffered.size > 0 || this.#nestedListNeedsFullState();
  }

  get size(): number {
    return this.#resources.size;
  }

  resource(uri: string): ResourceState<T> | undefined {
    return this.#resources.get(uri);
  }

  resources(): IterableIterator<ResourceState<T>> {
    return this.#resources.values();
  }

  /**
   * A new subscription (new dialog) starts its own version sequence (RFC 4662 §5.2 scopes versions to a
   * subscription). The resources are kept so views stay stable; the next full state is accepted whatever its
   * version and replaces them, reporting only real differences.
   */
  restart(): void {
    this.#acceptAnyVersion = true;
    this.#buffered.clear();
  }

  apply(notification: RlsNotification<T>): ApplyResult<T> {
    const batches: ResourceChange<T>[][] = [];
    const problems: RlsProblem[] = [];
    const versions: number[] = [];
    let outcome: ApplyOutcome;
    if (notification.fullState) {
      if (this.#isStale(notification.version)) {
        outcome = 'stale';
      } else {
        this.#applyOne(notification, batches, problems, versions);
        outcome = 'applied';
      }
    } else if (this.#hasBase() && this.#isStale(notification.version)) {
      outcome = 'stale';
    } else if (this.#hasBase() && notification.version === (this.#version ?? -1) + 1) {
      this.#applyOne(notification, batches, problems, versions);
      outcome = 'applied';
    } else {
      // Ahead of a gap, or before any full state: hold it. RFC 4662 §5.2 lets the subscriber detect the gap;
      // the caller refreshes the subscription, and the hole may still fill if the missing NOTIFY was only late.
      if (this.#buffered.size < (this.#options.maxBuffered ?? 64)) {
        this.#buffered.set(notification.version, notification);
      }
      // Its problems are reported when it applies; a full state may supersede it first.
      outcome = 'buffered';
    }
    if (outcome === 'applied') this.#drain(batches, problems, versions);
    return {
      outcome,
      versions,
      changes: coalesceChanges(batches),
      problems,
      needsFullState: this.needsFullState,
    };
  }

  /** A nested list (RFC 4662 §5.2, example in §6) with a gap of its own also needs the subscription refreshed. */
  #nestedListNeedsFullState(): boolean {
    for (const resource of this.#resources.values()) {
      for (const instance of resource.instances) {
        if (instance.content?.kind === 'list' && instance.content.state.needsFullState) return true;
      }
    }
    return false;
  }

  /** A full state of the current subscription has been applied, so partial states can build on it. */
  #hasBase(): boolean {
    return this.#haveFullState && !this.#acceptAnyVersion;
  }

  #isStale(version: number): boolean {
    return !this.#acceptAnyVersion && this.#version !== undefined && version <= this.#version;
  }

  #drain(batches: ResourceChange<T>[][], problems: RlsProblem[], versions: number[]): void {
    const current = this.#version ?? -1;
    for (const version of [...this.#buffered.keys()]) if (version <= current) this.#buffered.delete(version);
    for (;;) {
      const next = this.#buffered.get((this.#version ?? -1) + 1);
      if (next === undefined) return;
      this.#buffered.delete(next.version);
      this.#applyOne(next, batches, problems, versions);
    }
  }

  #applyOne(
    notification: RlsNotification<T>,
    batches: ResourceChange<T>[][],
    problems: RlsProblem[],
    versions: number[],
  ): void {
    const full = notification.fullState;
    const ctx: MergeContext<T> = {
      eagerDecodes: this.#options.decode === 'lazy' ? 0 : (this.#options.maxEagerDecodes ?? 64),
      createNested: () => new ListSubscriptionState<T>(this.#options),
      problems,
      copy: bodySlab(),
    };
    problems.push(...notification.problems);
    const changes: ResourceChange<T>[] = [];
    const listed = full ? new Set<string>() : undefined;
    for (const notified of notification.resources) {
      listed?.add(notified.uri);
      const previous = this.#resources.get(notified.uri);
      const merged = mergeResource(previous, notified, full, ctx);
      if (!merged.changed) continue;
      this.#resources.set(notified.uri, merged.resource);
      changes.push(
        previous === undefined
          ? {
              type: 'added',
              uri: notified.uri,
              resource: merged.resource,
              terminated: merged.terminated,
              nested: merged.nested,
            }
          : {
              type: 'updated',
              uri: notified.uri,
              resource: merged.resource,
              previous,
              terminated: merged.terminated,
              nested: merged.nested,
            },
      );
    }
    if (listed !== undefined) {
      // RFC 4662 §5.3.1: a full state lists every member, so a resource it omits has left the list.
      for (const [uri, previous] of this.#resources) {
        if (listed.has(uri)) continue;
        this.#resources.delete(uri);
        changes.push({ type: 'removed', uri, previous });
      }
      this.#uri = notification.uri;
      this.#names = notification.names;
      this.#haveFullState = true;
      this.#acceptAnyVersion = false;
    }
    this.#version = notification.version;
    versions.push(notification.version);
    batches.push(changes);
  }
}
