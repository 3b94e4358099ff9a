import { XmlError } from './errors.js';

// XML 1.0 §2.2 Char: tab, LF, CR, U+0020..U+D7FF, U+E000..U+FFFD and paired surrogates. Linear, no backtracking.
const INVALID_CHARACTER =
  /[^\t\n\r\u0020-\uFFFD]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// Everything outside the BMP's plain Chars: controls, surrogates (paired or not), U+FFFE/U+FFFF. Most documents have
// none of these, and one character class of them scans faster than the alternation above (and about twice as fast
// as the negated class of everything else).
// biome-ignore lint/suspicious/noControlCharactersInRegex: these controls are what XML 1.0 §2.2 excludes.
const UNUSUAL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Index of the first character XML 1.0 does not allow, or -1. */
export function findInvalidCharacter(value: string): number {
  if (!UNUSUAL_CHARACTER.test(value)) return -1;
  const match = INVALID_CHARACTER.exec(value);
  return match === null ? -1 : match.index;
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeReference(name: string): string {
  const predefined = PREDEFINED[name];
  if (predefined !== undefined) return predefined;
  let code = Number.NaN;
  if (/^#x[0-9A-Fa-f]{1,6}$/.test(name)) code = Number.parseInt(name.slice(2), 16);
  else if (/^#[0-9]{1,7}$/.test(name)) code = Number.parseInt(name.slice(1), 10);
  else if (name.startsWith('#')) throw new XmlError('XML_MALFORMED', `Malformed character reference &${name};`);
  else throw new XmlError('XML_ENTITY_FORBIDDEN', `Entity &${name}; is not one of the five predefined XML entities`);
  // XML 1.0 §4.1 WFC Legal Character: a reference must name a Char.
  if (code > 0x10ffff) throw new XmlError('XML_INVALID_CHARACTER', `Character reference &${name}; is out of range`);
  const decoded = String.fromCodePoint(code);
  if (findInvalidCharacter(decoded) !== -1) {
    throw new XmlError('XML_INVALID_CHARACTER', `Character reference &${name}; names a character XML forbids`);
  }
  return decoded;
}

/** Decodes the five predefined entities and numeric character references; anything else is an error. */
export function decodeReferences(raw: string): string {
  let amp = raw.indexOf('&');
  if (amp === -1) return raw;
  let out = '';
  let from = 0;
  while (amp !== -1) {
    const semi = raw.indexOf(';', amp + 1);
    // Longest legal reference is "&#x10FFFF;"; bounding the look-ahead keeps this linear.
    if (semi === -1 || semi - amp > 10) throw new XmlError('XML_MALFORMED', 'Unescaped "&" in character data');
    out += raw.slice(from, amp) + decodeReference(raw.slice(amp + 1, semi));
    from = semi + 1;
    amp = raw.indexOf('&', from);
  }
  return out + raw.slice(from);
}

const ATTRIBUTE_WORK = /[\t\n\r&<]/;

/** XML 1.0 §3.3.3: literal whitespace in an attribute value normalises to a space, before references are decoded. */
export function decodeAttributeValue(raw: string): string {
  // Most values need nothing: one scan settles that.
  if (!ATTRIBUTE_WORK.test(raw)) return raw;
  if (raw.includes('<')) throw new XmlError('XML_MALFORMED', 'Attribute values must not contain "<"');
  return decodeReferences(/[\t\n\r]/.test(raw) ? raw.replace(/[\t\n\r]/g, ' ') : raw);
}

const TEXT_SPECIAL = /[&<>\r]/;
const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r]/;
const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

function escapeChar(c: string): string {
  return ESCAPES[c] ?? c;
}

/** Escapes character data; `>` always (so `]]>` can never appear) and CR (which parsers would normalise away). */
export function escapeText(value: string): string {
  return TEXT_SPECIAL.test(value) ? value.replace(/[&<>\r]/g, escapeChar) : value;
}

/** Escapes an attribute value for double quotes; whitespace as references so that it survives XML 1.0 §3.3.3 normalisation. */
export function escapeAttribute(value: string): string {
  return ATTRIBUTE_SPECIAL.test(value) ? value.replace(/[&<>"\t\n\r]/g, escapeChar) : value;
}
