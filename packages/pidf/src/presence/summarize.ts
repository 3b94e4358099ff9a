import { AGP_CAPS_NS, CAPS_NS } from '../namespaces.js';
import type { Device, Note, Person, PresenceDocument, RpidEnumeration, Tuple } from './model.js';

/** What a contact list shows, from best to worst. */
export type Availability = 'available' | 'busy' | 'away' | 'extended-away' | 'offline';

const RANK: Readonly<Record<Availability, number>> = {
  available: 4,
  busy: 3,
  away: 2,
  'extended-away': 1,
  offline: 0,
};

/** One published service/device, as a contact's "send to device" menu needs it. */
export interface DeviceSummary {
  /** `dm:deviceID`, else the AG Projects device-info id, else the tuple id. */
  readonly id: string;
  readonly tupleId: string;
  readonly availability: Availability;
  readonly description?: string;
  readonly userAgent?: string;
  /** The decoded `<contact>` URI. */
  readonly contact?: string;
  /** True when the contact is a GRUU (RFC 5627: it carries a `gr` URI parameter). */
  readonly gruu: boolean;
  readonly priority?: number;
  readonly timeOffset?: number;
  readonly idle: boolean;
  /** Names of the capabilities published as supported (`audio`, `file-transfer`, …). */
  readonly capabilities: readonly string[];
  readonly timestamp?: string;
}

export interface PresenceSummary {
  readonly entity: string;
  readonly availability: Availability;
  /** Distinct non-empty notes, best service first. */
  readonly notes: readonly string[];
  readonly displayName?: string;
  readonly iconUrl?: string;
  readonly homepage?: string;
  readonly location?: string;
  /** Services best first (see {@link summarize}). */
  readonly devices: readonly DeviceSummary[];
}

const EXTENDED: ReadonlySet<string> = new Set(['available', 'away', 'extended-away', 'busy', 'offline']);
// RFC 4480 activities, grouped by what a contact list can show.
const BUSY = new Set(['busy', 'on-the-phone', 'meeting', 'performance', 'presentation', 'worship']);
const AWAY = new Set([
  'away',
  'appointment',
  'breakfast',
  'dinner',
  'meal',
  'shopping',
  'travel',
  'in-transit',
  'steering',
]);
const EXTENDED_AWAY = new Set(['vacation', 'holiday', 'permanent-absence', 'sleeping']);

function fromActivities(activities: RpidEnumeration | undefined): Availability | undefined {
  if (activities === undefined) return undefined;
  // Blink publishes its offline state as <rpid:other>offline</rpid:other>.
  if (activities.other.some((text) => text.trim().toLowerCase() === 'offline')) return 'offline';
  let best: Availability | undefined;
  for (const value of activities.values) {
    const mapped = BUSY.has(value)
      ? 'busy'
      : AWAY.has(value)
        ? 'away'
        : EXTENDED_AWAY.has(value)
          ? 'extended-away'
          : undefined;
    if (mapped !== undefined && (best === undefined || RANK[mapped] < RANK[best])) best = mapped;
  }
  return best;
}

function time(timestamp: string | undefined): number {
  const value = timestamp === undefined ? Number.NaN : Date.parse(timestamp);
  return Number.isNaN(value) ? Number.NEGATIVE_INFINITY : value;
}

/**
 * A tuple's availability: `closed` is offline (RFC 3863 §4.1.4); an open tuple shows its AG Projects extended
 * status, else what the freshest person's RPID activities say, else available — and available turns into away when
 * RPID user-input says idle (on the tuple, or on the `dm:device` with the same deviceID, where RFC 4479 places it). A tuple with neither basic nor extended status counts as offline.
 */
function tupleAvailability(
  tuple: Tuple,
  personActivity: Availability | undefined,
  device: Device | undefined,
): Availability {
  const { basic, extended } = tuple.status;
  if (basic === 'closed') return 'offline';
  const ext = extended?.trim();
  if (ext !== undefined && EXTENDED.has(ext)) return ext as Availability;
  if (basic !== 'open') return 'offline';
  const fromPerson = personActivity ?? 'available';
  return fromPerson === 'available' && isIdle(tuple, device) ? 'away' : fromPerson;
}

function noteTexts(notes: readonly Note[], out: string[]): void {
  for (const note of notes) {
    const text = note.text.trim();
    if (text !== '' && !out.includes(text)) out.push(text);
  }
}

/**
 * Condenses a presence document for a contact list. Services (tuples) are ordered best first: by availability
 * (available > busy > away > extended-away > offline), then contact priority (higher first, missing as 0), then
 * freshness (newer timestamp first), then document order. The contact's availability is that of the best service,
 * or of the freshest person's activities when there are no tuples, or offline. Notes, display name, icon, home page
 * and location come from the services in that order and then from persons, freshest first.
 */
export function summarize(doc: PresenceDocument): PresenceSummary {
  const persons = [...doc.persons].sort((a, b) => time(b.timestamp) - time(a.timestamp));
  const personActivity = persons.map((p) => fromActivities(p.activities)).find((a) => a !== undefined);
  const ranked = doc.tuples
    .map((tuple, index) => {
      const device = linkedDevice(tuple, doc.devices);
      return { tuple, index, device, availability: tupleAvailability(tuple, personActivity, device) };
    })
    .sort(
      (a, b) =>
        RANK[b.availability] - RANK[a.availability] ||
        (b.tuple.contact?.priority ?? 0) - (a.tuple.contact?.priority ?? 0) ||
        time(b.tuple.timestamp) - time(a.tuple.timestamp) ||
        a.index - b.index,
    );
  const first = ranked[0];
  const availability: Availability =
    first !== undefined ? first.availability : persons.length > 0 ? (personActivity ?? 'offline') : 'offline';
  const sources: (Tuple | Person)[] = [...ranked.map((r) => r.tuple), ...persons];
  const notes: string[] = [];
  for (const source of sources) noteTexts(source.notes, notes);
  noteTexts(doc.notes, notes);
  for (const person of persons) if (person.activities !== undefined) noteTexts(person.activities.notes, notes);
  const summary: {
    -readonly [K in keyof PresenceSummary]: PresenceSummary[K];
  } = {
    entity: doc.entity.uri,
    availability,
    notes,
    devices: ranked.map((r) => deviceSummary(r.tuple, r.availability, r.device)),
  };
  const displayName = sources.find((s) => s.displayName !== undefined)?.displayName;
  const icon = sources.find((s) => s.icon !== undefined)?.icon;
  const homepage = sources.find((s) => s.homepage !== undefined)?.homepage;
  const map = sources.find((s) => s.map !== undefined)?.map;
  if (displayName !== undefined) summary.displayName = displayName;
  if (icon !== undefined) summary.iconUrl = icon.uri;
  if (homepage !== undefined) summary.homepage = homepage.uri;
  if (map !== undefined) summary.location = map.uri;
  return summary;
}

const GRUU_PARAMETER = /;gr(=|;|$)/i;

function linkedDevice(tuple: Tuple, devices: readonly Device[]): Device | undefined {
  return tuple.deviceId === undefined ? undefined : devices.find((d) => d.deviceId === tuple.deviceId);
}

function isIdle(tuple: Tuple, device: Device | undefined): boolean {
  return (tuple.userInput ?? device?.userInput)?.state === 'idle';
}

function deviceSummary(tuple: Tuple, availability: Availability, device: Device | undefined): DeviceSummary {
  const id = tuple.deviceId ?? tuple.deviceInfo?.id ?? tuple.id;
  const contact = tuple.contact?.uri.uri;
  const description = tuple.deviceInfo?.description ?? device?.notes.find((n) => n.text.trim() !== '')?.text;
  const timeOffset = tuple.deviceInfo?.timeOffset?.minutes ?? tuple.timeOffset?.minutes ?? device?.timeOffset?.minutes;
  const out: { -readonly [K in keyof DeviceSummary]: DeviceSummary[K] } = {
    id,
    tupleId: tuple.id,
    availability,
    gruu: contact !== undefined && GRUU_PARAMETER.test(contact),
    idle: isIdle(tuple, device),
    capabilities: (tuple.capabilities?.flags ?? [])
      .filter((flag) => flag.supported && (flag.ns === CAPS_NS || flag.ns === AGP_CAPS_NS))
      .map((flag) => flag.name),
  };
  if (description !== undefined) out.description = description;
  if (tuple.deviceInfo?.userAgent !== undefined) out.userAgent = tuple.deviceInfo.userAgent;
  if (contact !== undefined) out.contact = contact;
  if (tuple.contact?.priority !== undefined) out.priority = tuple.contact.priority;
  if (timeOffset !== undefined) out.timeOffset = timeOffset;
  const timestamp = tuple.timestamp ?? device?.timestamp;
  if (timestamp !== undefined) out.timestamp = timestamp;
  return out;
}
