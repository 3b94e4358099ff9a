import { XmlError } from './errors.js';

// Lexical helpers of the reader: XML 1.0 white space (§2.3 S), the declaration (§2.8), the usual error.

export function malformed(message: string): XmlError {
  return new XmlError('XML_MALFORMED', message);
}

export function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

export function isWhitespaceOnly(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (!isSpace(value.charCodeAt(i))) return false;
  return true;
}

// XML 1.0 §2.8 [23]-[26], [80]-[81], [32]: VersionInfo EncodingDecl? SDDecl? S?, each pseudo-attribute in either
// quote. Anchored, and every repetition is followed by a literal it cannot consume, so matching is linear.
const DECLARATION =
  /^[ \t\n]+version[ \t\n]*=[ \t\n]*(["'])1\.[0-9]+\1(?:[ \t\n]+encoding[ \t\n]*=[ \t\n]*(["'])([A-Za-z][A-Za-z0-9._-]*)\2)?(?:[ \t\n]+standalone[ \t\n]*=[ \t\n]*(["'])(?:yes|no)\4)?[ \t\n]*$/;

/**
 * The XML declaration must follow its grammar. Byte input is decoded as UTF-8 (PIDF, watcherinfo and XCAP bodies
 * are UTF-8), so a declared encoding other than UTF-8 (or its subset US-ASCII) is refused rather than misread.
 */
export function checkDeclaration(content: string, fromBytes: boolean): void {
  const match = DECLARATION.exec(content);
  if (match === null) throw malformed('Malformed XML declaration');
  const encoding = match[3];
  if (fromBytes && encoding !== undefined && !/^(utf-8|us-ascii)$/i.test(encoding)) {
    throw new XmlError('XML_ENCODING', `Unsupported encoding ${encoding}`);
  }
}
