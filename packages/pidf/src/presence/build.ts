import { AGP_CAPS_NS, CAPS_NS } from '../namespaces.js';
import { encodeUriText, plainUriText } from '../uri.js';
import type { BasicStatus, CapabilityFlag, Device, Person, PresenceDocument, Tuple } from './model.js';

/** The statuses Blink offers (AG Projects extended status, XMPP-compatible). */
export type OwnStatus = 'available' | 'away' | 'extended-away' | 'busy' | 'offline';

/** Media and features a device announces (RFC 5196 names, plus AG Projects' `file-transfer` and `screen-sharing`). */
export type OwnCapability = 'audio' | 'video' | 'text' | 'message' | 'application' | 'file-transfer' | 'screen-sharing';

const AGP_CAPABILITIES: ReadonlySet<OwnCapability> = new Set(['file-transfer', 'screen-sharing']);

export interface OwnDevice {
  /** Stable device identifier (Blink uses its instance UUID). */
  readonly id: string;
  /** Host description, e.g. the host name. */
  readonly description?: string;
  readonly userAgent?: string;
  /** Minutes from UTC. */
  readonly timeOffset?: number;
  /** RPID user-input: idle or active, with the idle threshold in seconds. */
  readonly idle?: boolean;
  readonly idleThreshold?: number;
  readonly lastInput?: Date;
}

/** The account's own presence, as the status menu and preferences hold it. */
export interface OwnPresenceState {
  /** The account's address of record. */
  readonly entity: string;
  readonly status: OwnStatus;
  /** Overrides the basic status (by default `closed` for offline, else `open`). */
  readonly basic?: BasicStatus;
  readonly note?: string;
  readonly displayName?: string;
  /** CIPID map; leave out when the account does not publish its location. */
  readonly location?: string;
  readonly homepage?: string;
  /** XCAP URL of the icon stored with OMA pres-content. */
  readonly iconUrl?: string;
  readonly device: OwnDevice;
  readonly capabilities?: readonly OwnCapability[];
  /** The contact to reach this device, ideally its GRUU (RFC 5627). */
  readonly contact?: string;
  /** When this state was set; written as every timestamp of the document. */
  readonly timestamp: Date;
  /** The person element id; by default derived from the entity. */
  readonly personId?: string;
}

/** 32 hex digits from two FNV-1a passes: a stable id without a crypto dependency (Blink uses an MD5 hex digest). */
function stableId(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  const hex = (n: number): string => n.toString(16).padStart(8, '0');
  return hex(a) + hex(b) + hex(Math.imul(a, 31) >>> 0) + hex(Math.imul(b, 17) >>> 0);
}

function capabilityFlags(capabilities: readonly OwnCapability[]): CapabilityFlag[] {
  return capabilities.map((name) => ({
    ns: AGP_CAPABILITIES.has(name) ? AGP_CAPS_NS : CAPS_NS,
    name,
    supported: true,
  }));
}

/**
 * A Blink-style presence document for the account's own state: one tuple for this device (status with the AG
 * Projects extended status, CIPID, device-info, servcaps, user-input, deviceID, contact, note, timestamp), a person
 * with the time offset, and a device element. Offline is published the way Blink does it: basic `closed` plus
 * `<rpid:other>offline</rpid:other>` in the person's activities. Serialise it with `serializePresence`.
 */
export function buildPresence(state: OwnPresenceState): PresenceDocument {
  const { device } = state;
  const timestamp = state.timestamp.toISOString();
  const offline = state.status === 'offline';
  const tuple: { -readonly [K in keyof Tuple]: Tuple[K] } = {
    id: `SID-${device.id}`,
    status: { basic: state.basic ?? (offline ? 'closed' : 'open'), extended: state.status, extensions: [] },
    deviceId: device.id,
    notes: [{ text: state.note ?? '' }],
    timestamp,
    extensions: [],
    attributes: [],
  };
  if (state.displayName !== undefined) tuple.displayName = state.displayName;
  if (state.location !== undefined) tuple.map = encodeUriText(state.location);
  if (state.iconUrl !== undefined) tuple.icon = encodeUriText(state.iconUrl);
  if (state.homepage !== undefined) tuple.homepage = encodeUriText(state.homepage);
  tuple.deviceInfo = {
    id: device.id,
    ...(device.description === undefined ? {} : { description: device.description }),
    ...(device.userAgent === undefined ? {} : { userAgent: device.userAgent }),
    ...(device.timeOffset === undefined ? {} : { timeOffset: { minutes: device.timeOffset } }),
    extensions: [],
  };
  if (state.capabilities !== undefined && state.capabilities.length > 0) {
    tuple.capabilities = { flags: capabilityFlags(state.capabilities), extensions: [] };
  }
  if (device.idle !== undefined) {
    tuple.userInput = {
      state: device.idle ? 'idle' : 'active',
      ...(device.idleThreshold === undefined ? {} : { idleThreshold: device.idleThreshold }),
      ...(device.lastInput === undefined ? {} : { lastInput: device.lastInput.toISOString() }),
    };
  }
  if (state.contact !== undefined) tuple.contact = { uri: encodeUriText(state.contact) };
  const person: { -readonly [K in keyof Person]: Person[K] } = {
    id: state.personId ?? `PID-${stableId(state.entity)}`,
    notes: [],
    timestamp,
    extensions: [],
    attributes: [],
  };
  if (device.timeOffset !== undefined) person.timeOffset = { minutes: device.timeOffset };
  if (offline) person.activities = { notes: [], values: [], other: ['offline'], extensions: [] };
  const description = [device.userAgent, device.description].filter((part) => part !== undefined).join(' at ');
  const deviceElement: Device = {
    id: `DID-${device.id}`,
    deviceId: device.id,
    notes: description === '' ? [] : [{ text: description }],
    timestamp,
    extensions: [],
    attributes: [],
  };
  return {
    entity: plainUriText(state.entity),
    tuples: [tuple],
    persons: [person],
    devices: [deviceElement],
    notes: [],
    extensions: [],
    attributes: [],
  };
}
