import { hasClass, isHexDigit } from '../chars.js';
import { SipParseError } from '../errors.js';

const hexValue = (c: number): number => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x57);

/**
 * Validates `s[start, end)` against a character class (escaped octets always allowed, RFC 3261 §25.1) and
 * returns it unescaped as UTF-8. Throws BAD_URI with the offset of the offending character.
 */
export function unescapeChecked(s: string, start: number, end: number, allowed: number, base: number): string {
  let escapes = false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25) {
      if (i + 2 >= end || !isHexDigit(s.charCodeAt(i + 1)) || !isHexDigit(s.charCodeAt(i + 2))) {
        throw new SipParseError('BAD_URI', 'bad percent-escape', base + i);
      }
      escapes = true;
      i += 2;
    } else if (!hasClass(c, allowed)) {
      throw new SipParseError('BAD_URI', `character ${JSON.stringify(s[i])} not allowed here`, base + i);
    }
  }
  if (!escapes) return s.slice(start, end);
  const bytes: number[] = [];
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25) {
      bytes.push(hexValue(s.charCodeAt(i + 1)) * 16 + hexValue(s.charCodeAt(i + 2)));
      i += 2;
    } else {
      bytes.push(c);
    }
  }
  try {
    return UTF8.decode(new Uint8Array(bytes));
  } catch (cause) {
    throw new SipParseError('BAD_URI', 'escaped octets are not UTF-8', base + start, { cause });
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const UTF8_ENCODER = new TextEncoder();

/** Escapes every character outside `allowed` (RFC 3261 §19.1.2: escape what the grammar does not permit). */
export function escapeChars(value: string, allowed: number): string {
  let plain = true;
  for (let i = 0; i < value.length; i++) {
    if (!hasClass(value.charCodeAt(i), allowed)) {
      plain = false;
      break;
    }
  }
  if (plain) return value;
  let out = '';
  for (const byte of UTF8_ENCODER.encode(value)) {
    if (hasClass(byte, allowed)) out += String.fromCharCode(byte);
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
