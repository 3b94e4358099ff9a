/**
 * `anyURI` values as Blink (python-sipsimple) writes them: percent-encoded except for `/`, so
 * `sip:alice@example.org` is stored as `sip%3Aalice%40example.org`. Codecs expose the decoded value and keep the raw
 * text, so that content written back unchanged stays byte-identical.
 */

/** How codecs write a URI value they did not read (or that the caller changed). */
export type AnyUriStyle = 'plain' | 'blink';

const HEX = '0123456789ABCDEF';

/** Percent-decodes valid `%XX` UTF-8 sequences; anything that is not a valid escape stays as written. */
export function decodeAnyUri(raw: string): string {
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    // Mixed text (a literal `%` next to escapes): decode run by run, keeping runs that are not valid UTF-8.
    return raw.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** Python's `quote(value, safe='/')`: everything except ASCII letters, digits, `_.-~` and `/` is escaped. */
export function encodeAnyUriBlink(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9_.\-~/]/.test(ch)) out += ch;
    else out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return out;
}

/** Text to write for a URI value: the raw text it was read from if it still means the same, otherwise `style`. */
export function formatAnyUri(value: string, style: AnyUriStyle, raw?: string): string {
  if (raw !== undefined && decodeAnyUri(raw) === value) return raw;
  // Plain style still escapes `%` itself, so that reading the text back (which decodes escapes) gives `value`.
  return style === 'blink' ? encodeAnyUriBlink(value) : value.replace(/%/g, '%25');
}
