import { decodeAnyUri } from '@simplekit/xcap';

function hexDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

/** Longer values go to `decodeAnyUri`: the fast path passes every character as an argument. */
const FAST_LENGTH = 512;

/**
 * Percent-decoding of a URI value, equal to `decodeAnyUri`: escapes of ASCII characters (all of a SIP or XMPP
 * address) are decoded here, anything else (UTF-8 sequences, stray `%`, long values) by `decodeAnyUri`. The result
 * is one flat string (pieces joined with `+` would stay a rope of them, held by the book for every URI).
 */
export function decodeUri(raw: string): string {
  if (!raw.includes('%')) return raw;
  if (raw.length > FAST_LENGTH) return decodeAnyUri(raw);
  const codes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code !== 0x25) {
      codes.push(code);
      continue;
    }
    const high = hexDigit(raw.charCodeAt(i + 1));
    const low = hexDigit(raw.charCodeAt(i + 2));
    if (high < 0 || high > 7 || low < 0) return decodeAnyUri(raw);
    codes.push(high * 16 + low);
    i += 2;
  }
  return String.fromCharCode(...codes);
}
