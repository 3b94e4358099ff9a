import {
  qname,
  serializeXml,
  XML_NAMESPACE,
  type XmlAttribute,
  type XmlElement,
  type XmlNamespaceDeclaration,
  type XmlNode,
  xmlAttribute,
  xmlElement,
  xmlText,
} from '@simplekit/xml';
import { PidfError } from '../errors.js';
import { AGP_PIDF_NS, DATA_MODEL_NS, PIDF_NS, PIDF_PREFIXES } from '../namespaces.js';
import type { Device, Person, PresenceCharacteristics, PresenceDocument, Status, Tuple } from './model.js';
import { characteristicElements, element, noteElement, textElement } from './write-characteristics.js';

export interface SerializePresenceOptions {
  /** Extra preferred prefixes (namespace URI → prefix), on top of Blink's (`dm`, `rpid`, `c`, `caps`, …). */
  readonly prefixes?: Readonly<Record<string, string>>;
}

/** Writes a presence document as `application/pidf+xml` text, with Blink's prefixes. Throws `PidfError` only. */
export function serializePresence(doc: PresenceDocument, options: SerializePresenceOptions = {}): string {
  const prefixes = { ...PIDF_PREFIXES, ...options.prefixes };
  try {
    return serializeXml(writePresence(doc, prefixes), { prefixes });
  } catch (cause) {
    throw new PidfError('PIDF_UNSERIALIZABLE', 'The presence document cannot be written as XML', { cause });
  }
}

/**
 * The document as an XML tree (for embedding, e.g. an XCAP pidf-manipulation PUT). Every namespace in use is
 * declared once on the root, under the preferred prefix or, for foreign content, the prefix it came with.
 */
export function writePresence(
  doc: PresenceDocument,
  prefixes: Readonly<Record<string, string>> = PIDF_PREFIXES,
): XmlElement {
  const children: XmlNode[] = [];
  for (const tuple of doc.tuples) children.push(tupleElement(tuple));
  for (const note of doc.notes) children.push(noteElement(qname(PIDF_NS, 'note'), note));
  for (const person of doc.persons) children.push(personElement(person));
  for (const device of doc.devices) children.push(deviceElement(device));
  children.push(...doc.extensions);
  const attributes: XmlAttribute[] = [xmlAttribute(qname(null, 'entity'), doc.entity.raw), ...doc.attributes];
  const root = xmlElement(qname(PIDF_NS, 'presence'), { attributes, children });
  return { ...root, namespaces: rootDeclarations(root, prefixes) };
}

function statusElement(status: Status): XmlElement {
  const children: XmlNode[] = [];
  if (status.basic !== undefined) children.push(textElement(qname(PIDF_NS, 'basic'), status.basic));
  if (status.extended !== undefined) children.push(textElement(qname(AGP_PIDF_NS, 'extended'), status.extended));
  children.push(...status.extensions);
  return xmlElement(qname(PIDF_NS, 'status'), { children });
}

/** RFC 3863 tuple schema order: status, extensions, contact, notes, timestamp. */
function tupleElement(tuple: Tuple): XmlElement {
  const children: XmlNode[] = [statusElement(tuple.status), ...characteristicElements(tuple)];
  if (tuple.deviceId !== undefined) children.push(textElement(qname(DATA_MODEL_NS, 'deviceID'), tuple.deviceId));
  const [extensions, repeated] = splitRepeated(tuple.extensions, PIDF_NS, ['contact', 'note', 'timestamp']);
  children.push(...extensions);
  if (tuple.contact !== undefined) {
    children.push(
      element(qname(PIDF_NS, 'contact'), { priority: tuple.contact.priority }, [xmlText(tuple.contact.uri.raw)]),
    );
  }
  children.push(...trailer(tuple, PIDF_NS), ...repeated);
  return container(qname(PIDF_NS, 'tuple'), tuple, children);
}

/** RFC 4479 person schema: extensions, notes, timestamp. */
function personElement(person: Person): XmlElement {
  const [extensions, repeated] = splitRepeated(person.extensions, DATA_MODEL_NS, ['note', 'timestamp']);
  const children: XmlNode[] = [
    ...characteristicElements(person),
    ...extensions,
    ...trailer(person, DATA_MODEL_NS),
    ...repeated,
  ];
  return container(qname(DATA_MODEL_NS, 'person'), person, children);
}

/** RFC 4479 device schema: extensions, deviceID, notes, timestamp. */
function deviceElement(device: Device): XmlElement {
  const [extensions, repeated] = splitRepeated(device.extensions, DATA_MODEL_NS, ['deviceID', 'note', 'timestamp']);
  const children: XmlNode[] = [...characteristicElements(device), ...extensions];
  if (device.deviceId !== undefined) children.push(textElement(qname(DATA_MODEL_NS, 'deviceID'), device.deviceId));
  children.push(...trailer(device, DATA_MODEL_NS), ...repeated);
  return container(qname(DATA_MODEL_NS, 'device'), device, children);
}

/**
 * Extensions that repeat an element the writer puts after the extensions (a second `timestamp`, `contact` or
 * `deviceID`, which the reader keeps as XML because only the first is modelled) go last instead: written before the
 * modelled one, they would be the first one read next time, and every write would swap the two.
 */
function splitRepeated(
  extensions: readonly XmlElement[],
  ns: string,
  later: readonly string[],
): [kept: XmlElement[], repeated: XmlElement[]] {
  const kept: XmlElement[] = [];
  const repeated: XmlElement[] = [];
  for (const extension of extensions) {
    const { name } = extension;
    (name.ns === ns && later.includes(name.local) ? repeated : kept).push(extension);
  }
  return [kept, repeated];
}

function trailer(value: PresenceCharacteristics, ns: string): XmlElement[] {
  const out = value.notes.map((note) => noteElement(qname(ns, 'note'), note));
  if (value.timestamp !== undefined) out.push(textElement(qname(ns, 'timestamp'), value.timestamp));
  return out;
}

function container(
  name: ReturnType<typeof qname>,
  value: PresenceCharacteristics & { id: string },
  children: XmlNode[],
): XmlElement {
  return xmlElement(name, {
    attributes: [xmlAttribute(qname(null, 'id'), value.id), ...value.attributes],
    children,
  });
}

function rootDeclarations(root: XmlElement, prefixes: Readonly<Record<string, string>>): XmlNamespaceDeclaration[] {
  const byNamespace = new Map<string, string>();
  const taken = new Set<string>();
  const visit = (ns: string | null, prefix: string | null, isAttribute: boolean): void => {
    if (ns === null || ns === XML_NAMESPACE || byNamespace.has(ns)) return;
    const preferred = prefixes[ns];
    const candidate = preferred !== undefined && !(isAttribute && preferred === '') ? preferred : (prefix ?? undefined);
    if (candidate === undefined || taken.has(candidate)) return;
    byNamespace.set(ns, candidate);
    taken.add(candidate);
  };
  const walk = (node: XmlElement): void => {
    visit(node.name.ns, node.prefix, false);
    for (const attribute of node.attributes) visit(attribute.ns, attribute.prefix, true);
    for (const child of node.children) if (child.type === 'element') walk(child);
  };
  walk(root);
  return [...byNamespace].map(([uri, prefix]) => ({ prefix: prefix === '' ? null : prefix, uri }));
}
