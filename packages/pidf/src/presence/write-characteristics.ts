import {
  type QName,
  qname,
  XML_NAMESPACE,
  type XmlAttribute,
  type XmlElement,
  type XmlNode,
  xmlAttribute,
  xmlElement,
  xmlText,
} from '@simplekit/xml';
import { AGP_PIDF_NS, CAPS_NS, CIPID_NS, RPID_NS } from '../namespaces.js';
import type {
  DeviceInfo,
  Note,
  PresenceCharacteristics,
  RpidEnumeration,
  ServiceCapabilities,
  TimeOffset,
  UserInput,
} from './model.js';

/** An element with unprefixed attributes (skipping undefined values) and the given children. */
export function element(
  name: QName,
  attributes: Readonly<Record<string, string | number | undefined>>,
  children: readonly XmlNode[],
): XmlElement {
  const list: XmlAttribute[] = [];
  for (const [local, value] of Object.entries(attributes)) {
    if (value !== undefined) list.push(xmlAttribute(qname(null, local), String(value)));
  }
  return xmlElement(name, { attributes: list, children });
}

export function textElement(name: QName, text: string): XmlElement {
  return xmlElement(name, { children: text === '' ? [] : [xmlText(text)] });
}

export function noteElement(name: QName, note: Note): XmlElement {
  return xmlElement(name, {
    attributes: note.lang === undefined ? [] : [xmlAttribute(qname(XML_NAMESPACE, 'lang'), note.lang, 'xml')],
    children: note.text === '' ? [] : [xmlText(note.text)],
  });
}

function timeOffsetElement(name: QName, offset: TimeOffset): XmlElement {
  const { from, until, description } = offset;
  return element(name, { from, until, description }, [xmlText(String(offset.minutes))]);
}

function userInputElement(input: UserInput): XmlElement {
  const { id, from, until, idleThreshold, lastInput } = input;
  return element(
    qname(RPID_NS, 'user-input'),
    { id, from, until, 'idle-threshold': idleThreshold, 'last-input': lastInput },
    [xmlText(input.state)],
  );
}

function enumerationElement(local: string, value: RpidEnumeration): XmlElement {
  const children: XmlNode[] = value.notes.map((note) => noteElement(qname(RPID_NS, 'note'), note));
  if (value.text !== undefined) children.push(xmlText(value.text));
  for (const name of value.values) children.push(xmlElement(qname(RPID_NS, name)));
  for (const text of value.other) children.push(textElement(qname(RPID_NS, 'other'), text));
  children.push(...value.extensions);
  const { id, from, until } = value;
  return element(qname(RPID_NS, local), { id, from, until }, children);
}

function servcapsElement(capabilities: ServiceCapabilities): XmlElement {
  const children: XmlNode[] = capabilities.flags.map((flag) =>
    textElement(qname(flag.ns, flag.name), flag.supported ? 'true' : 'false'),
  );
  children.push(...capabilities.extensions);
  return xmlElement(qname(CAPS_NS, 'servcaps'), { children });
}

function deviceInfoElement(info: DeviceInfo): XmlElement {
  const children: XmlNode[] = [];
  if (info.description !== undefined) children.push(textElement(qname(AGP_PIDF_NS, 'description'), info.description));
  if (info.userAgent !== undefined) children.push(textElement(qname(AGP_PIDF_NS, 'user-agent'), info.userAgent));
  if (info.timeOffset !== undefined)
    children.push(timeOffsetElement(qname(AGP_PIDF_NS, 'time-offset'), info.timeOffset));
  children.push(...info.extensions);
  return element(qname(AGP_PIDF_NS, 'device-info'), { id: info.id }, children);
}

/**
 * The modelled characteristics in the order Blink writes them (CIPID, device-info, servcaps, user-input, then the
 * person-level RPID elements). They all sit in the schemas' `##other` slots, before contact/notes/timestamp.
 */
export function characteristicElements(value: PresenceCharacteristics): XmlElement[] {
  const out: XmlElement[] = [];
  if (value.displayName !== undefined) out.push(textElement(qname(CIPID_NS, 'display-name'), value.displayName));
  for (const [local, uri] of [
    ['map', value.map],
    ['icon', value.icon],
    ['homepage', value.homepage],
    ['card', value.card],
    ['sound', value.sound],
  ] as const) {
    if (uri !== undefined) out.push(textElement(qname(CIPID_NS, local), uri.raw));
  }
  if (value.deviceInfo !== undefined) out.push(deviceInfoElement(value.deviceInfo));
  if (value.capabilities !== undefined) out.push(servcapsElement(value.capabilities));
  if (value.userInput !== undefined) out.push(userInputElement(value.userInput));
  for (const [local, enumeration] of [
    ['activities', value.activities],
    ['mood', value.mood],
    ['place-type', value.placeType],
    ['privacy', value.privacy],
    ['sphere', value.sphere],
  ] as const) {
    if (enumeration !== undefined) out.push(enumerationElement(local, enumeration));
  }
  if (value.class !== undefined) out.push(textElement(qname(RPID_NS, 'class'), value.class));
  if (value.timeOffset !== undefined) out.push(timeOffsetElement(qname(RPID_NS, 'time-offset'), value.timeOffset));
  return out;
}
