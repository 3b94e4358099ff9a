import { AVAILABILITIES, type Availability, type OwnPresence, type StatusHistoryEntry } from '../state/types.js';
import type { StateFiles } from '../storage/account-storage.js';
import { DEFAULT_OWN } from './snapshot.js';

const FILE = 'own.json';

function isAvailability(value: unknown): value is Availability {
  return typeof value === 'string' && (AVAILABILITIES as readonly string[]).includes(value);
}

function historyOf(value: unknown): readonly StatusHistoryEntry[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (e): e is StatusHistoryEntry =>
      typeof e === 'object' &&
      e !== null &&
      isAvailability(e.status) &&
      typeof e.note === 'string' &&
      typeof e.at === 'number',
  );
}

/**
 * Our chosen status, note, location, home page and status history, kept in `own.json` so that a restart publishes
 * what the user last chose. (Icon and offline status live in XCAP and are read back from there.) A damaged file
 * falls back to the defaults: it holds preferences, not data that must never be lost.
 */
export async function loadOwnState(files: StateFiles): Promise<OwnPresence> {
  const bytes = await files.read(FILE);
  if (bytes === undefined) return DEFAULT_OWN;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return DEFAULT_OWN;
  }
  if (typeof json !== 'object' || json === null) return DEFAULT_OWN;
  const r = json as Record<string, unknown>;
  return Object.freeze({
    status: isAvailability(r.status) ? r.status : DEFAULT_OWN.status,
    note: typeof r.note === 'string' ? r.note : '',
    ...(typeof r.location === 'string' ? { location: r.location } : {}),
    ...(typeof r.homepage === 'string' ? { homepage: r.homepage } : {}),
    history: Object.freeze(historyOf(r.history)),
  });
}

export async function saveOwnState(files: StateFiles, own: OwnPresence): Promise<void> {
  const { status, note, location, homepage, history } = own;
  await files.write(FILE, `${JSON.stringify({ status, note, location, homepage, history })}\n`);
}
