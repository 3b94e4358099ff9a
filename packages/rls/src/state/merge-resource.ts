import { InstanceBody } from '../notification/body.js';
import type { NotifiedInstance, NotifiedResource, RlsNotification, RlsProblem } from '../notification/types.js';
import type { RlmiName } from '../rlmi/types.js';
import type {
  ApplyResult,
  InstanceState,
  ListStateView,
  NestedChanges,
  NestedListState,
  ResourceState,
  ResourceStatus,
  TerminatedInstance,
} from './types.js';

/** What a nested list needs from its parent: a way to hold and update state of the same kind. */
export interface NestedListHolder<T> extends ListStateView<T> {
  apply(notification: RlsNotification<T>): ApplyResult<T>;
}

export interface MergeContext<T> {
  /** How many more changed bodies this notification may decode while applying (0 in lazy mode). */
  eagerDecodes: number;
  readonly createNested: () => NestedListHolder<T>;
  readonly problems: RlsProblem[];
  /** Copies a body into memory owned by the state (see `BodySlab`). */
  readonly copy: (bytes: Uint8Array) => Uint8Array;
}

export interface MergeOutcome<T> {
  /** The previous object itself when nothing changed. */
  readonly resource: ResourceState<T>;
  readonly changed: boolean;
  readonly terminated: readonly TerminatedInstance[];
  readonly nested: readonly NestedChanges<T>[];
}

interface HeldList<T> extends NestedListState<T> {
  readonly state: NestedListHolder<T>;
}

function isHeldList<T>(content: InstanceState<T>['content']): content is HeldList<T> {
  return content !== undefined && content.kind === 'list' && 'apply' in content.state;
}

function sameNames(a: readonly RlmiName[], b: readonly RlmiName[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((name, i) => name.value === b[i]?.value && name.lang === b[i]?.lang);
}

function sameInstances<T>(a: readonly InstanceState<T>[], b: readonly InstanceState<T>[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i];
    return (
      y !== undefined && x.id === y.id && x.state === y.state && x.content === y.content && x.problem === y.problem
    );
  });
}

function statusOf<T>(
  instances: readonly InstanceState<T>[],
  terminated: readonly TerminatedInstance[],
  previous: ResourceState<T> | undefined,
  full: boolean,
): { status: ResourceStatus; terminationReason?: string } {
  if (instances.some((i) => i.state === 'active')) return { status: 'active' };
  if (instances.length > 0) return { status: 'pending' };
  const last = terminated[terminated.length - 1];
  if (last !== undefined)
    return last.reason === undefined
      ? { status: 'terminated' }
      : { status: 'terminated', terminationReason: last.reason };
  // A partial notification that leaves a terminated resource without instances keeps the reason it had.
  if (!full && previous?.status === 'terminated') {
    return previous.terminationReason === undefined
      ? { status: 'terminated' }
      : { status: 'terminated', terminationReason: previous.terminationReason };
  }
  return { status: 'unknown' };
}

/** Applies one notified (non-terminated) instance on top of what was held; returns the instance to keep. */
function mergeInstance<T>(
  uri: string,
  held: InstanceState<T> | undefined,
  notified: NotifiedInstance<T>,
  ctx: MergeContext<T>,
  nested: NestedChanges<T>[],
): InstanceState<T> {
  const state = notified.state === 'active' ? 'active' : 'pending';
  // The part was missing or broken (already reported by the decoder): never lose what we had because of it.
  if (notified.problem !== undefined) return held ?? { id: notified.id, state, problem: notified.problem };
  const content = notified.content;
  if (content === undefined) {
    // RFC 4662 §5.2: a pending instance has no state to show; an active one without cid keeps its last state.
    if (state === 'active' && held?.content !== undefined) {
      return held.state === state && held.problem === undefined
        ? held
        : { id: notified.id, state, content: held.content };
    }
    return held !== undefined && held.state === state && held.content === undefined && held.problem === undefined
      ? held
      : { id: notified.id, state };
  }
  if (content.kind === 'list') {
    const list = isHeldList(held?.content) ? held.content : { kind: 'list' as const, state: ctx.createNested() };
    const result = list.state.apply(content.notification);
    if (result.changes.length > 0) nested.push({ instanceId: notified.id, changes: result.changes });
    for (const problem of result.problems)
      ctx.problems.push(problem.resourceUri === undefined ? { ...problem, resourceUri: uri } : problem);
    if (held !== undefined && held.content === list && held.state === state && held.problem === undefined) return held;
    return { id: notified.id, state, content: list };
  }
  const heldBody = held?.content instanceof InstanceBody ? held.content : undefined;
  // Identical bytes: keep the held body and whatever it already decoded (the common case on refreshes).
  const body = heldBody?.sameContent(content) ? heldBody : content.detached(ctx.copy);
  if (body !== heldBody && ctx.eagerDecodes > 0) {
    ctx.eagerDecodes--;
    const result = body.result();
    if (!result.ok) {
      ctx.problems.push({
        error: result.error,
        resourceUri: uri,
        instanceId: notified.id,
        ...(notified.cid === undefined ? {} : { contentId: notified.cid }),
      });
      if (held !== undefined) return held;
      return { id: notified.id, state, problem: result.error };
    }
  }
  if (held !== undefined && held.content === body && held.state === state && held.problem === undefined) return held;
  return { id: notified.id, state, content: body };
}

/**
 * Applies one resource of a notification to the held resource. A full state (RFC 4662 §5.3.1) lists every instance,
 * so instances it omits are gone; a partial state lists only instances that changed, so the others are kept.
 */
export function mergeResource<T>(
  previous: ResourceState<T> | undefined,
  notified: NotifiedResource<T>,
  full: boolean,
  ctx: MergeContext<T>,
): MergeOutcome<T> {
  // Resources have a handful of instances at most, so arrays with a linear search beat building maps per resource.
  const held = previous?.instances ?? [];
  const instances: InstanceState<T>[] = full ? [] : [...held];
  const terminated: TerminatedInstance[] = [];
  const nested: NestedChanges<T>[] = [];
  for (const instance of notified.instances) {
    const at = instances.findIndex((i) => i.id === instance.id);
    if (instance.state === 'terminated') {
      // RFC 4662 §5.2: a terminated instance is gone; its reason says why (e.g. `rejected`, `noresource`).
      if (at >= 0) instances.splice(at, 1);
      terminated.push(
        instance.reason === undefined ? { id: instance.id } : { id: instance.id, reason: instance.reason },
      );
      continue;
    }
    const kept = mergeInstance(
      notified.uri,
      held.find((i) => i.id === instance.id),
      instance,
      ctx,
      nested,
    );
    if (at >= 0) instances[at] = kept;
    else instances.push(kept);
  }
  const names = full || notified.names.length > 0 ? notified.names : (previous?.names ?? []);
  const status = statusOf(instances, terminated, previous, full);
  const unchanged =
    previous !== undefined &&
    nested.length === 0 &&
    previous.status === status.status &&
    previous.terminationReason === status.terminationReason &&
    sameNames(previous.names, names) &&
    sameInstances(previous.instances, instances);
  if (unchanged) return { resource: previous, changed: false, terminated, nested };
  return { resource: { uri: notified.uri, names, instances, ...status }, changed: true, terminated, nested };
}
