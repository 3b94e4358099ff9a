// Character classes from RFC 3261 §25.1, as bit flags in one lookup table (no regular expressions on input).

export const TOKEN = 1; // token
export const UNRESERVED = 2; // alphanum / mark
export const USER = 4; // user-unreserved: & = + $ , ; ? /
export const PASSWORD = 8; // & = + $ ,
export const PARAM = 16; // param-unreserved: [ ] / : & + $
export const HNV = 32; // hnv-unreserved: [ ] / ? : + $
export const HOST = 64; // alphanum - .
export const WORD = 128; // word (Call-ID)

export const CHAR_CLASS = new Uint8Array(256);

function mark(chars: string, flag: number): void {
  for (let i = 0; i < chars.length; i++) {
    const c = chars.charCodeAt(i);
    CHAR_CLASS[c] = (CHAR_CLASS[c] ?? 0) | flag;
  }
}

const ALPHANUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
mark(ALPHANUM, TOKEN | UNRESERVED | HOST | WORD);
mark("-.!%*_+`'~", TOKEN);
mark("-_.!~*'()", UNRESERVED);
mark('-.!%*_+`\'~()<>:\\"/[]?{}', WORD);
mark('-.', HOST);
mark('&=+$,;?/', USER);
mark('&=+$,', PASSWORD);
mark('[]/:&+$', PARAM);
mark('[]/?:+$', HNV);

export function hasClass(c: number, flag: number): boolean {
  // Non-ASCII code units fall outside the table or on its zeroed upper half: never in a class.
  return c < 256 && ((CHAR_CLASS[c] as number) & flag) !== 0;
}

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

export function isToken(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (!hasClass(s.charCodeAt(i), TOKEN)) return false;
  return true;
}

/** ASCII lower-casing as a table: `LOWER[c]` is `c` with A–Z mapped to a–z, every other byte unchanged. */
export const LOWER = new Uint8Array(256);
for (let c = 0; c < 256; c++) LOWER[c] = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
