import type { NestedChanges, ResourceChange, ResourceState, TerminatedInstance } from './types.js';

function build<T>(
  uri: string,
  before: ResourceState<T> | undefined,
  after: ResourceState<T> | undefined,
  terminated: readonly TerminatedInstance[],
  nested: readonly NestedChanges<T>[],
): ResourceChange<T> | undefined {
  if (after === undefined) return before === undefined ? undefined : { type: 'removed', uri, previous: before };
  if (before === undefined) return { type: 'added', uri, resource: after, terminated, nested };
  return { type: 'updated', uri, resource: after, previous: before, terminated, nested };
}

/**
 * Folds the changes of several notifications applied in one call into one change per resource, so a listener sees
 * where each resource started and where it ended up (an add followed by a removal cancels out).
 */
export function coalesceChanges<T>(batches: readonly (readonly ResourceChange<T>[])[]): ResourceChange<T>[] {
  if (batches.length === 1) return [...(batches[0] ?? [])];
  const first = new Map<string, ResourceState<T> | undefined>();
  const last = new Map<string, ResourceState<T> | undefined>();
  const terminated = new Map<string, TerminatedInstance[]>();
  const nested = new Map<string, NestedChanges<T>[]>();
  for (const batch of batches) {
    for (const change of batch) {
      if (!first.has(change.uri)) first.set(change.uri, change.type === 'added' ? undefined : change.previous);
      last.set(change.uri, change.type === 'removed' ? undefined : change.resource);
      if (change.type !== 'removed') {
        terminated.set(change.uri, [...(terminated.get(change.uri) ?? []), ...change.terminated]);
        nested.set(change.uri, [...(nested.get(change.uri) ?? []), ...change.nested]);
      }
    }
  }
  const out: ResourceChange<T>[] = [];
  for (const [uri, before] of first) {
    const change = build(uri, before, last.get(uri), terminated.get(uri) ?? [], nested.get(uri) ?? []);
    if (change !== undefined) out.push(change);
  }
  return out;
}
