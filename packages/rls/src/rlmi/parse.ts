import { parseXml, XmlError } from '@simplekit/xml';
import { RlmiError } from '../errors.js';
import { readRlmiList } from './document.js';
import type { RlmiList } from './types.js';

/** Bounds for one RLMI document; a list of a few thousand resources fits comfortably. */
const RLMI_LIMITS = { maxBytes: 8 * 1024 * 1024, maxDepth: 16, maxElements: 200_000 };

/**
 * Parses an `application/rlmi+xml` document (RFC 4662 §5.2). DOCTYPEs, entity declarations and oversized or too
 * deeply nested documents are refused by `@simplekit/xml`. Throws `RlmiError` (code `RLS_RLMI_MALFORMED`).
 */
export function parseRlmi(document: string | Uint8Array): RlmiList {
  try {
    return readRlmiList(parseXml(document, { limits: RLMI_LIMITS, ignoreWhitespace: true }));
  } catch (error) {
    if (error instanceof XmlError) throw new RlmiError(`RLMI is not well-formed: ${error.message}`, { cause: error });
    throw error;
  }
}
