import { type PresenceDocument, summarize } from '@simplekit/pidf';
import type { ResourceState } from '@simplekit/rls';
import { bestAvailability } from '../state/derive.js';
import type { DeviceView, PresenceView } from '../state/types.js';
import { share } from '../store/sharing.js';

const decoder = new TextDecoder();

/**
 * What we know about one member of the presence list, from its RLS resource state (RFC 4662): the subscription
 * state, and for active instances the PIDF documents summarised by `@simplekit/pidf`. A resource may have several
 * instances (one per back-end subscription); their availabilities, notes and devices are combined.
 */
export function presenceViewOf(
  resource: ResourceState<PresenceDocument>,
  previous: PresenceView | undefined,
  now: number,
): PresenceView {
  const availabilities: PresenceView['availability'][] = [];
  const notes: string[] = [];
  const devices: DeviceView[] = [];
  const documents: string[] = [];
  let status: string | undefined;
  let displayName: string | undefined;
  let icon: string | undefined;
  let location: string | undefined;
  let homepage: string | undefined;
  for (const instance of resource.instances) {
    const content = instance.content;
    if (instance.state !== 'active' || content === undefined || content.kind !== 'body') continue;
    const result = content.result();
    if (!result.ok) continue;
    documents.push(decoder.decode(content.bytes));
    const summary = summarize(result.value);
    availabilities.push(summary.availability);
    status ??= result.value.tuples.find((t) => t.status.extended !== undefined)?.status.extended;
    for (const n of summary.notes) if (!notes.includes(n)) notes.push(n);
    displayName ??= summary.displayName;
    icon ??= summary.iconUrl;
    location ??= summary.location;
    homepage ??= summary.homepage;
    for (const d of summary.devices) {
      devices.push({
        id: d.id,
        ...(d.contact !== undefined ? { contact: d.contact } : {}),
        ...(d.description !== undefined ? { description: d.description } : {}),
        ...(d.userAgent !== undefined ? { userAgent: d.userAgent } : {}),
        ...(d.timeOffset !== undefined ? { timeOffsetMinutes: d.timeOffset } : {}),
        idle: d.idle,
        availability: d.availability,
        notes: [],
      });
    }
  }
  const next: PresenceView = {
    uri: resource.uri,
    subscription: resource.status,
    ...(resource.terminationReason !== undefined ? { terminationReason: resource.terminationReason } : {}),
    availability: bestAvailability(availabilities),
    ...(status !== undefined ? { status } : {}),
    notes,
    ...(displayName !== undefined ? { displayName } : {}),
    ...(icon !== undefined ? { icon } : {}),
    ...(location !== undefined ? { location } : {}),
    ...(homepage !== undefined ? { homepage } : {}),
    devices,
    documents,
    updatedAt: previous?.updatedAt ?? now,
  };
  // Keep the previous object (and its updatedAt) when nothing a view shows has changed.
  const same = share(previous, { ...next, updatedAt: previous?.updatedAt ?? now });
  return same === previous ? previous : Object.freeze({ ...next, updatedAt: now });
}
