import { attributeValue, qname, type XmlElement } from '@simplekit/xml';
import { PidfError } from '../errors.js';
import { AGP_PIDF_NS, DATA_MODEL_NS, PIDF_NS } from '../namespaces.js';
import { decodeUriText } from '../uri.js';
import { type ReadOptions, readXml } from '../xml-input.js';
import type { Contact, Device, Note, Person, PresenceDocument, Status, Tuple } from './model.js';
import {
  type CharacteristicsDraft,
  type ContainerNames,
  emptyDraft,
  type Mutable,
  readCharacteristic,
} from './read-characteristics.js';
import { foreign, knownAttributes, onlyText, otherAttributes, plainText, readDecimal, readNote } from './xml-values.js';

const TUPLE_NAMES: ContainerNames = { note: qname(PIDF_NS, 'note'), timestamp: qname(PIDF_NS, 'timestamp') };
const DATA_MODEL_NAMES: ContainerNames = {
  note: qname(DATA_MODEL_NS, 'note'),
  timestamp: qname(DATA_MODEL_NS, 'timestamp'),
};

/**
 * Parses an `application/pidf+xml` body (RFC 3863) with the data model (RFC 4479), RPID (RFC 4480), CIPID
 * (RFC 4482), caps (RFC 5196) and AG Projects extensions. Pure and synchronous, so a caller holding many bodies
 * (an RLMI notification) can decode each one only when it is needed. Throws `PidfError` only.
 */
export function parsePresence(input: string | Uint8Array, options: ReadOptions = {}): PresenceDocument {
  return readPresence(readXml(input, options, 'PIDF'));
}

/** Reads a presence document from an already parsed root element (e.g. an XCAP pidf-manipulation document). */
export function readPresence(root: XmlElement): PresenceDocument {
  if (root.name.ns !== PIDF_NS || root.name.local !== 'presence') {
    throw new PidfError(
      'PIDF_WRONG_NAMESPACE',
      `Expected {${PIDF_NS}}presence, got {${root.name.ns ?? ''}}${root.name.local}`,
    );
  }
  const entity = attributeValue(root, 'entity');
  // RFC 3863 §4.1.1: the entity attribute is mandatory; without it nobody knows whose presence this is.
  if (entity === undefined) throw new PidfError('PIDF_INVALID', 'The presence element has no entity attribute');
  const parts: PresenceParts = { tuples: [], persons: [], devices: [], notes: [], extensions: [] };
  for (const child of root.children) {
    if (child.type === 'element' && !readPresenceChild(child, parts)) parts.extensions.push(foreign(child));
  }
  return { entity: decodeUriText(entity), ...parts, attributes: otherAttributes(root, ['entity']) };
}

interface PresenceParts {
  tuples: Tuple[];
  persons: Person[];
  devices: Device[];
  notes: Note[];
  extensions: XmlElement[];
}

/** RFC 3863 presence children (tuples, notes) and the RFC 4479 person and device elements; `false` for the rest. */
function readPresenceChild(child: XmlElement, parts: PresenceParts): boolean {
  const { ns, local } = child.name;
  if (ns === PIDF_NS && local === 'tuple') return pushed(parts.tuples, readTuple(child));
  if (ns === PIDF_NS && local === 'note') return pushed(parts.notes, readNote(child));
  if (ns === DATA_MODEL_NS && local === 'person') return pushed(parts.persons, readPerson(child));
  if (ns === DATA_MODEL_NS && local === 'device') return pushed(parts.devices, readDevice(child));
  return false;
}

function pushed<T>(list: T[], value: T | undefined): boolean {
  if (value === undefined) return false;
  list.push(value);
  return true;
}

function finish(draft: CharacteristicsDraft, element: XmlElement, id: string): CharacteristicsDraft & { id: string } {
  draft.attributes = otherAttributes(element, ['id']);
  return Object.assign(draft, { id });
}

/** A tuple, person or device without an id cannot be referenced, so it is kept as XML rather than modelled. */
function readTuple(element: XmlElement): Tuple | undefined {
  const id = attributeValue(element, 'id');
  if (id === undefined) return undefined;
  const draft: CharacteristicsDraft & Partial<Mutable<Tuple>> = emptyDraft();
  for (const child of element.children) {
    if (child.type !== 'element') continue;
    const { ns, local } = child.name;
    if (ns === PIDF_NS && local === 'status' && draft.status === undefined) {
      draft.status = readStatus(child);
      continue;
    }
    if (ns === PIDF_NS && local === 'contact' && draft.contact === undefined) {
      const contact = readContact(child);
      if (contact !== undefined) {
        draft.contact = contact;
        continue;
      }
    }
    if (ns === DATA_MODEL_NS && local === 'deviceID' && draft.deviceId === undefined) {
      const deviceId = plainText(child);
      if (deviceId !== undefined) {
        draft.deviceId = deviceId.trim();
        continue;
      }
    }
    if (!readCharacteristic(child, draft, TUPLE_NAMES)) draft.extensions.push(foreign(child));
  }
  const tuple = finish(draft, element, id);
  // RFC 3863 §4.1.3 makes status mandatory; a tuple without one is read as having an empty status.
  return { ...tuple, status: draft.status ?? { extensions: [] } };
}

function readPerson(element: XmlElement): Person | undefined {
  const id = attributeValue(element, 'id');
  if (id === undefined) return undefined;
  const draft = emptyDraft();
  for (const child of element.children) {
    if (child.type !== 'element') continue;
    if (!readCharacteristic(child, draft, DATA_MODEL_NAMES)) draft.extensions.push(foreign(child));
  }
  return finish(draft, element, id);
}

function readDevice(element: XmlElement): Device | undefined {
  const id = attributeValue(element, 'id');
  if (id === undefined) return undefined;
  const draft: CharacteristicsDraft & { deviceId?: string } = emptyDraft();
  for (const child of element.children) {
    if (child.type !== 'element') continue;
    if (child.name.ns === DATA_MODEL_NS && child.name.local === 'deviceID' && draft.deviceId === undefined) {
      const deviceId = plainText(child);
      if (deviceId !== undefined) {
        draft.deviceId = deviceId.trim();
        continue;
      }
    }
    if (!readCharacteristic(child, draft, DATA_MODEL_NAMES)) draft.extensions.push(foreign(child));
  }
  return finish(draft, element, id);
}

function readStatus(element: XmlElement): Status {
  const status: Mutable<Status> & { extensions: XmlElement[] } = { extensions: [] };
  for (const child of element.children) {
    if (child.type !== 'element') continue;
    const { ns, local } = child.name;
    const text = plainText(child)?.trim();
    if (ns === PIDF_NS && local === 'basic' && status.basic === undefined && (text === 'open' || text === 'closed')) {
      status.basic = text;
    } else if (ns === AGP_PIDF_NS && local === 'extended' && status.extended === undefined && text !== undefined) {
      status.extended = text;
    } else {
      status.extensions.push(foreign(child));
    }
  }
  return status;
}

/** RFC 3863 §4.1.5: contact URI with an optional priority between 0 and 1. */
function readContact(element: XmlElement): Contact | undefined {
  const attributes = knownAttributes(element, ['priority']);
  const text = attributes === undefined ? undefined : onlyText(element);
  if (attributes === undefined || text === undefined) return undefined;
  const rawPriority = attributes.get('priority');
  const contact: Mutable<Contact> = { uri: decodeUriText(text.trim()) };
  if (rawPriority !== undefined) {
    const priority = readDecimal(rawPriority);
    if (priority === undefined || priority < 0 || priority > 1) return undefined;
    contact.priority = priority;
  }
  return contact;
}
