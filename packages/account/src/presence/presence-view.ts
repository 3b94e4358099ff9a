import type { ResourceState } from '@simplekit/rls';
import { bestAvailability } from '../state/derive.js';
import type { PresenceView } from '../state/types.js';
import { share } from '../store/sharing.js';
import type { InstanceSummary } from './instance-summary.js';

/**
 * What we know about one member of the presence list: its RLS resource state (RFC 4662) and the summaries of its
 * active instances' PIDF documents. A resource may have several instances (one per back-end subscription); their
 * availabilities, notes and devices are combined.
 */
export function presenceViewOf(
  resource: ResourceState<InstanceSummary>,
  summaries: readonly InstanceSummary[],
  previous: PresenceView | undefined,
  now: number,
): PresenceView {
  const notes: string[] = [];
  for (const s of summaries) for (const n of s.notes) if (!notes.includes(n)) notes.push(n);
  const first = <K extends keyof InstanceSummary>(key: K): InstanceSummary[K] | undefined =>
    summaries.find((s) => s[key] !== undefined)?.[key];
  const status = first('status');
  const displayName = first('displayName');
  const icon = first('icon');
  const location = first('location');
  const homepage = first('homepage');
  const next: PresenceView = {
    uri: resource.uri,
    subscription: resource.status,
    ...(resource.terminationReason !== undefined ? { terminationReason: resource.terminationReason } : {}),
    availability: bestAvailability(summaries.map((s) => s.availability)),
    ...(status !== undefined ? { status } : {}),
    notes,
    ...(displayName !== undefined ? { displayName } : {}),
    ...(icon !== undefined ? { icon } : {}),
    ...(location !== undefined ? { location } : {}),
    ...(homepage !== undefined ? { homepage } : {}),
    devices: summaries.flatMap((s) => s.devices),
    documents: summaries.map((s) => s.document),
    updatedAt: previous?.updatedAt ?? now,
  };
  // Keep the previous object (and its updatedAt) when nothing a view shows has changed.
  const same = share(previous, next);
  return same === previous ? previous : Object.freeze({ ...next, updatedAt: now });
}
