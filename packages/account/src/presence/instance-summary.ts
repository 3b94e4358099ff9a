import { type PresenceDocument, type PresenceSummary, parsePresence, summarize } from '@simplekit/pidf';
import type { PresenceView } from '../state/types.js';

/**
 * What one PIDF document (one RLS instance, RFC 4662 §5.2) contributes to a presence view. The list keeps this,
 * not the parsed document, so a 1,000-contact list holds 1,000 small summaries rather than 1,000 DOM-like trees.
 */
export interface InstanceSummary
  extends Pick<
    PresenceView,
    'availability' | 'status' | 'notes' | 'displayName' | 'icon' | 'location' | 'homepage' | 'devices'
  > {
  /** The document as received, for the "presence information" panel. */
  readonly document: string;
}

/** Turns one PIDF body into its summary; throws what `parsePresence` throws for a body that is no PIDF. */
export type InstanceDecoder = (bytes: Uint8Array) => InstanceSummary;

const text = new TextDecoder();

/**
 * The notes to show. A presence server composes the account's offline status (pidf-manipulation, RFC 4827 "hard
 * state") with what its devices publish, so a document can carry both an open tuple and the closed offline tuple:
 * while some tuple is not offline, the notes found only on offline tuples describe a state that does not hold now.
 */
function currentNotes(doc: PresenceDocument, summary: PresenceSummary): readonly string[] {
  if (summary.availability === 'offline') return summary.notes;
  const onOffline = new Set<string>();
  const onLive = new Set<string>();
  for (const device of summary.devices) {
    const tuple = doc.tuples.find((t) => t.id === device.tupleId);
    for (const note of tuple?.notes ?? [])
      (device.availability === 'offline' ? onOffline : onLive).add(note.text.trim());
  }
  return summary.notes.filter((n) => !onOffline.has(n) || onLive.has(n));
}

/**
 * Whether a service is worth listing as a device: a closed tuple that says nothing but its status — no contact
 * address, host, user agent, time offset or note (the neutral document a presence server sends a politely blocked
 * watcher, RFC 5025 §3.2.1, or a placeholder) — names no device anyone could reach or recognise.
 */
function isDevice(doc: PresenceDocument, device: PresenceSummary['devices'][number]): boolean {
  if (device.availability !== 'offline') return true;
  if (device.contact !== undefined || device.description !== undefined || device.userAgent !== undefined) return true;
  if (device.timeOffset !== undefined) return true;
  return (doc.tuples.find((t) => t.id === device.tupleId)?.notes.length ?? 0) > 0;
}

export const summariseInstance: InstanceDecoder = (bytes) => {
  const doc = parsePresence(bytes);
  const summary = summarize(doc);
  // The status word of the best service (devices come best first), as a composed document may also hold the
  // offline tuple.
  const ranked = summary.devices.map((d) => doc.tuples.find((t) => t.id === d.tupleId));
  const status = ranked.find((t) => t?.status.extended !== undefined)?.status.extended;
  return {
    availability: summary.availability,
    ...(status !== undefined ? { status } : {}),
    notes: currentNotes(doc, summary),
    ...(summary.displayName !== undefined ? { displayName: summary.displayName } : {}),
    ...(summary.iconUrl !== undefined ? { icon: summary.iconUrl } : {}),
    ...(summary.location !== undefined ? { location: summary.location } : {}),
    ...(summary.homepage !== undefined ? { homepage: summary.homepage } : {}),
    devices: summary.devices
      .filter((d) => isDevice(doc, d))
      .map((d) => ({
        id: d.id,
        ...(d.contact !== undefined ? { contact: d.contact } : {}),
        ...(d.description !== undefined ? { description: d.description } : {}),
        ...(d.userAgent !== undefined ? { userAgent: d.userAgent } : {}),
        ...(d.timeOffset !== undefined ? { timeOffsetMinutes: d.timeOffset } : {}),
        idle: d.idle,
        availability: d.availability,
        notes: [],
      })),
    document: text.decode(bytes),
  };
};
