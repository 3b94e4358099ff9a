import { type QName, qname, type XmlElement } from '@simplekit/xml';
import { AGP_PIDF_NS, CAPS_NS, CIPID_NS, RPID_NS } from '../namespaces.js';
import { decodeUriText } from '../uri.js';
import type { CapabilityFlag, DeviceInfo, Note, PresenceCharacteristics, ServiceCapabilities } from './model.js';
import { readEnumeration, readTimeOffset, readUserInput } from './read-rpid.js';
import { foreign, knownAttributes, plainText, readBoolean, readNote } from './xml-values.js';

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type CharacteristicsDraft = Mutable<PresenceCharacteristics> & { notes: Note[]; extensions: XmlElement[] };

export function emptyDraft(): CharacteristicsDraft {
  return { notes: [], extensions: [], attributes: [] };
}

/** The vocabulary of notes and timestamps of the container: PIDF for tuples, the data model for persons/devices. */
export interface ContainerNames {
  readonly note: QName;
  readonly timestamp: QName;
}

const URI_FIELDS = { map: 'map', icon: 'icon', homepage: 'homepage', card: 'card', sound: 'sound' } as const;
const ENUMERATIONS = {
  activities: 'activities',
  mood: 'mood',
  'place-type': 'placeType',
  privacy: 'privacy',
  sphere: 'sphere',
} as const;

/**
 * Reads one child of a tuple, person or device into `draft` when the model knows it, exactly once and in the
 * exact shape it understands; returns `false` so that the caller keeps anything else as XML.
 */
export function readCharacteristic(child: XmlElement, draft: CharacteristicsDraft, names: ContainerNames): boolean {
  const { ns, local } = child.name;
  if (local === names.note.local && ns === names.note.ns) {
    const note = readNote(child);
    if (note !== undefined) draft.notes.push(note);
    return note !== undefined;
  }
  if (local === names.timestamp.local && ns === names.timestamp.ns) {
    const text = plainText(child);
    if (text === undefined || draft.timestamp !== undefined) return false;
    draft.timestamp = text.trim();
    return true;
  }
  if (ns === CIPID_NS) return readCipid(child, draft);
  if (ns === RPID_NS) return readRpid(child, draft);
  if (ns === CAPS_NS && local === 'servcaps' && draft.capabilities === undefined) {
    const capabilities = readServcaps(child);
    if (capabilities !== undefined) draft.capabilities = capabilities;
    return capabilities !== undefined;
  }
  if (ns === AGP_PIDF_NS && local === 'device-info' && draft.deviceInfo === undefined) {
    const info = readDeviceInfo(child);
    if (info !== undefined) draft.deviceInfo = info;
    return info !== undefined;
  }
  return false;
}

/** RFC 4482 (CIPID): display-name is text; card, homepage, icon, map and sound are URIs. */
function readCipid(child: XmlElement, draft: CharacteristicsDraft): boolean {
  const text = plainText(child);
  if (text === undefined) return false;
  const local = child.name.local;
  if (local === 'display-name') {
    if (draft.displayName !== undefined) return false;
    draft.displayName = text;
    return true;
  }
  if (!Object.hasOwn(URI_FIELDS, local)) return false;
  const field = URI_FIELDS[local as keyof typeof URI_FIELDS];
  if (draft[field] !== undefined) return false;
  draft[field] = decodeUriText(text.trim());
  return true;
}

function readRpid(child: XmlElement, draft: CharacteristicsDraft): boolean {
  const local = child.name.local;
  if (Object.hasOwn(ENUMERATIONS, local)) {
    const field = ENUMERATIONS[local as keyof typeof ENUMERATIONS];
    const value = draft[field] === undefined ? readEnumeration(child) : undefined;
    if (value !== undefined) draft[field] = value;
    return value !== undefined;
  }
  if (local === 'user-input' && draft.userInput === undefined) {
    const value = readUserInput(child);
    if (value !== undefined) draft.userInput = value;
    return value !== undefined;
  }
  if (local === 'time-offset' && draft.timeOffset === undefined) {
    const value = readTimeOffset(child);
    if (value !== undefined) draft.timeOffset = value;
    return value !== undefined;
  }
  if (local === 'class' && draft.class === undefined) {
    const value = plainText(child);
    if (value !== undefined) draft.class = value.trim();
    return value !== undefined;
  }
  return false;
}

/** RFC 5196: boolean capabilities are flags; everything else (methods, duplex, languages, …) stays XML. */
function readServcaps(element: XmlElement): ServiceCapabilities | undefined {
  if (element.attributes.length > 0) return undefined;
  const flags: CapabilityFlag[] = [];
  const extensions: XmlElement[] = [];
  for (const child of element.children) {
    if (child.type !== 'element') continue;
    const supported = readBoolean(plainText(child));
    if (supported !== undefined && child.name.ns !== null) {
      flags.push({ ns: child.name.ns, name: child.name.local, supported });
    } else {
      extensions.push(foreign(child));
    }
  }
  return { flags, extensions };
}

const DEVICE_INFO_DESCRIPTION = qname(AGP_PIDF_NS, 'description');
const DEVICE_INFO_USER_AGENT = qname(AGP_PIDF_NS, 'user-agent');
const DEVICE_INFO_TIME_OFFSET = qname(AGP_PIDF_NS, 'time-offset');

function readDeviceInfo(element: XmlElement): DeviceInfo | undefined {
  const attributes = knownAttributes(element, ['id']);
  const id = attributes?.get('id');
  if (id === undefined) return undefined;
  const info: Mutable<DeviceInfo> & { extensions: XmlElement[] } = { id, extensions: [] };
  for (const child of element.children) {
    if (child.type !== 'element') continue;
    const { ns, local } = child.name;
    const text = plainText(child);
    if (ns === AGP_PIDF_NS && text !== undefined) {
      if (local === DEVICE_INFO_DESCRIPTION.local && info.description === undefined) {
        info.description = text;
        continue;
      }
      if (local === DEVICE_INFO_USER_AGENT.local && info.userAgent === undefined) {
        info.userAgent = text;
        continue;
      }
    }
    if (ns === AGP_PIDF_NS && local === DEVICE_INFO_TIME_OFFSET.local && info.timeOffset === undefined) {
      const offset = readTimeOffset(child);
      if (offset !== undefined) {
        info.timeOffset = offset;
        continue;
      }
    }
    info.extensions.push(foreign(child));
  }
  return info;
}
