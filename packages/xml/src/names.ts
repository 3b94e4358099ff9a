import { XmlError } from './errors.js';

/** A `prefix:local` split of a lexical name; `prefix` is `null` when there is no colon. */
export interface LexicalName {
  readonly prefix: string | null;
  readonly local: string;
}

/** Namespaces in XML 1.0 §4: a QName has at most one colon and neither side may be empty. */
export function splitName(raw: string): LexicalName {
  const colon = raw.indexOf(':');
  if (colon === -1) return { prefix: null, local: raw };
  if (colon === 0 || colon === raw.length - 1 || raw.indexOf(':', colon + 1) !== -1) {
    throw new XmlError('XML_MALFORMED', `"${raw}" is not a namespace-well-formed name`);
  }
  return { prefix: raw.slice(0, colon), local: raw.slice(colon + 1) };
}

// XML 1.0 §2.3 NameStartChar / NameChar without the colon, as character classes (UTF-16 code units).
const NAME_START =
  'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\uD800-\\uDB7F';
const NAME_CHAR = `${NAME_START}\\uDC00-\\uDFFF\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040`;
const NC_NAME_SOURCE = `[${NAME_START}][${NAME_CHAR}]*`;
const NC_NAME = new RegExp(`^${NC_NAME_SOURCE}$`);

/** True when `value` is an NCName (a name without colon). */
export function isNcName(value: string): boolean {
  // Plain ASCII names settle by character code; the expression decides the rest.
  if (value.length > 0 && isAsciiNameStart(value.charCodeAt(0))) {
    let i = 1;
    while (i < value.length && isAsciiNameChar(value.charCodeAt(i))) i++;
    if (i === value.length) return true;
  }
  return NC_NAME.test(value);
}

/** A sticky matcher for a QName (`NCName` or `NCName:NCName`) at a given offset; linear, no backtracking. */
export function createQNameMatcher(): RegExp {
  return new RegExp(`${NC_NAME_SOURCE}(?::${NC_NAME_SOURCE})?`, 'y');
}

export function isAsciiNameStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f;
}

export function isAsciiNameChar(code: number): boolean {
  return isAsciiNameStart(code) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x2e;
}
