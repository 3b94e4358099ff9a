import type { XmlElement } from '@simplekit/xml';
import { RPID_NS } from '../namespaces.js';
import type { Note, RpidEnumeration, TimeOffset, UserInput } from './model.js';
import { foreign, knownAttributes, onlyText, readDecimal, readNote } from './xml-values.js';

const VALIDITY = ['id', 'from', 'until'];

function validity(attributes: Map<string, string>): { id?: string; from?: string; until?: string } {
  const out: { id?: string; from?: string; until?: string } = {};
  const id = attributes.get('id');
  const from = attributes.get('from');
  const until = attributes.get('until');
  if (id !== undefined) out.id = id;
  if (from !== undefined) out.from = from;
  if (until !== undefined) out.until = until;
  return out;
}

/**
 * RFC 4480 enumerations (activities, mood, place-type, privacy, sphere): notes,
 * empty RPID value elements, `<other>` texts, sphere's free text; values from other vocabularies stay XML.
 */
export function readEnumeration(element: XmlElement): RpidEnumeration | undefined {
  const attributes = knownAttributes(element, VALIDITY);
  if (attributes === undefined) return undefined;
  const notes: Note[] = [];
  const values: string[] = [];
  const other: string[] = [];
  const extensions: XmlElement[] = [];
  let text = '';
  for (const child of element.children) {
    if (child.type === 'text') {
      text += child.value;
      continue;
    }
    if (child.type === 'comment') continue;
    if (child.name.ns === RPID_NS) {
      if (child.name.local === 'note') {
        const note = readNote(child);
        if (note !== undefined) {
          notes.push(note);
          continue;
        }
      } else if (child.name.local === 'other') {
        const value = child.attributes.length === 0 ? onlyText(child) : undefined;
        if (value !== undefined) {
          other.push(value);
          continue;
        }
      } else if (child.attributes.length === 0 && child.children.length === 0) {
        values.push(child.name.local);
        continue;
      }
    }
    extensions.push(foreign(child));
  }
  const result: RpidEnumeration = { ...validity(attributes), notes, values, other, extensions };
  return text.trim() === '' ? result : { ...result, text };
}

/** RFC 4480 time-offset, also used by AG Projects' device-info. */
export function readTimeOffset(element: XmlElement): TimeOffset | undefined {
  const attributes = knownAttributes(element, ['from', 'until', 'description']);
  const minutes = attributes === undefined ? undefined : readDecimal(onlyText(element));
  if (attributes === undefined || minutes === undefined) return undefined;
  const out: { minutes: number; description?: string; from?: string; until?: string } = { minutes };
  const description = attributes.get('description');
  const from = attributes.get('from');
  const until = attributes.get('until');
  if (description !== undefined) out.description = description;
  if (from !== undefined) out.from = from;
  if (until !== undefined) out.until = until;
  return out;
}

/** RFC 4480 user-input: `active` or `idle`, with idle-threshold (seconds) and last-input. */
export function readUserInput(element: XmlElement): UserInput | undefined {
  const attributes = knownAttributes(element, [...VALIDITY, 'idle-threshold', 'last-input']);
  const state = attributes === undefined ? undefined : onlyText(element)?.trim();
  if (attributes === undefined || (state !== 'active' && state !== 'idle')) return undefined;
  const out: { -readonly [K in keyof UserInput]: UserInput[K] } = { ...validity(attributes), state };
  const threshold = attributes.get('idle-threshold');
  if (threshold !== undefined) {
    if (!/^\s*\d{1,15}\s*$/.test(threshold)) return undefined;
    out.idleThreshold = Number(threshold);
  }
  const lastInput = attributes.get('last-input');
  if (lastInput !== undefined) out.lastInput = lastInput;
  return out;
}
