import type { RlsError } from '../errors.js';
import type { InstanceBody } from '../notification/body.js';
import type { RlsProblem } from '../notification/types.js';
import type { RlmiName } from '../rlmi/types.js';

/** A nested list's own state (RFC 4662 §5.2, example in §6), kept per instance of the resource that is a list. */
export interface NestedListState<T> {
  readonly kind: 'list';
  readonly state: ListStateView<T>;
}

/** Read access to a list's state, as exposed for nested lists. */
export interface ListStateView<T> {
  readonly uri: string | undefined;
  readonly names: readonly RlmiName[];
  readonly version: number | undefined;
  readonly needsFullState: boolean;
  resource(uri: string): ResourceState<T> | undefined;
  resources(): IterableIterator<ResourceState<T>>;
}

/** A live instance; terminated instances are removed (their reason shows in the change and the resource). */
export interface InstanceState<T> {
  readonly id: string;
  readonly state: 'active' | 'pending';
  /** The instance's state document; absent for pending instances and for new instances whose part was broken. */
  readonly content?: InstanceBody<T> | NestedListState<T>;
  /** Set when the instance was announced but its part could not be used and no earlier content existed. */
  readonly problem?: RlsError;
}

/**
 * `active`: at least one instance has state. `pending`: the subscription to the resource awaits authorisation
 * (RFC 6665 §4.1.2). `terminated`: no instance is left and the last one ended with `terminationReason`.
 * `unknown`: the list names the resource but the RLS has no subscription state for it yet.
 */
export type ResourceStatus = 'active' | 'pending' | 'terminated' | 'unknown';

/** One list member as it stands. Immutable: a change yields a new object, an unchanged resource keeps its identity. */
export interface ResourceState<T> {
  readonly uri: string;
  readonly names: readonly RlmiName[];
  readonly instances: readonly InstanceState<T>[];
  readonly status: ResourceStatus;
  readonly terminationReason?: string;
}

export interface TerminatedInstance {
  readonly id: string;
  readonly reason?: string;
}

/** Changes inside a nested list, per instance of the resource that is that list. */
export interface NestedChanges<T> {
  readonly instanceId: string;
  readonly changes: readonly ResourceChange<T>[];
}

export type ResourceChange<T> =
  | {
      readonly type: 'added';
      readonly uri: string;
      readonly resource: ResourceState<T>;
      readonly terminated: readonly TerminatedInstance[];
      readonly nested: readonly NestedChanges<T>[];
    }
  | {
      readonly type: 'updated';
      readonly uri: string;
      readonly resource: ResourceState<T>;
      readonly previous: ResourceState<T>;
      readonly terminated: readonly TerminatedInstance[];
      readonly nested: readonly NestedChanges<T>[];
    }
  | { readonly type: 'removed'; readonly uri: string; readonly previous: ResourceState<T> };

/**
 * `applied`: this notification (and any buffered ones it unblocked) changed the state. `stale`: its version is not
 * newer than the state, so it was ignored (RFC 4662 §5.2). `buffered`: it is ahead of a gap and waits for the
 * missing versions or a full state.
 */
export type ApplyOutcome = 'applied' | 'stale' | 'buffered';

export interface ApplyResult<T> {
  readonly outcome: ApplyOutcome;
  /** Versions applied by this call, in order (more than one when buffered notifications became applicable). */
  readonly versions: readonly number[];
  /** One entry per resource that changed, coalesced across the applied versions. */
  readonly changes: readonly ResourceChange<T>[];
  readonly problems: readonly RlsProblem[];
  /** True while a gap or the lack of any full state means the subscriber should refresh for a full state. */
  readonly needsFullState: boolean;
}

export interface ListSubscriptionOptions {
  /**
   * `eager` (default): bodies that changed are decoded while applying, so decode failures are reported at once and
   * the previous content is kept. `lazy`: nothing is decoded until `InstanceBody.result()` is called.
   */
  readonly decode?: 'eager' | 'lazy';
  /**
   * In `eager` mode, the most changed bodies decoded while applying one notification; the rest decode on first use.
   * Keeps the first full state of a large list cheap (a view decodes what it shows) while partial notifications,
   * which change a few bodies, are decoded and checked at once. Default 64; `Infinity` decodes everything.
   */
  readonly maxEagerDecodes?: number;
  /** Most out-of-order partial notifications held while waiting for a gap to fill. Default 64. */
  readonly maxBuffered?: number;
}
