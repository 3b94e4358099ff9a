import { RlmiError } from '../errors.js';
import { readRlmiList } from './document.js';
import { scanXml } from './scan.js';
import type { RlmiList } from './types.js';

/**
 * Bounds for one RLMI document; a list of several thousand resources fits comfortably. RLMI elements carry at most a
 * handful of attributes (RFC 4662 §5.2: list has four, instance four), so 64 leaves room for foreign ones.
 */
const RLMI_LIMITS = { maxLength: 8 * 1024 * 1024, maxDepth: 16, maxElements: 200_000, maxAttributes: 64 };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses an `application/rlmi+xml` document (RFC 4662 §5.2). DOCTYPEs are refused (no entity can be declared or
 * expanded), and size, depth and element count are bounded. Throws `RlmiError` (code `RLS_RLMI_MALFORMED`).
 */
export function parseRlmi(document: string | Uint8Array): RlmiList {
  let text: string;
  if (typeof document === 'string') {
    text = document;
  } else {
    if (document.byteLength > RLMI_LIMITS.maxLength) throw new RlmiError('RLMI document too large');
    try {
      // RFC 4662 §5.2 documents are UTF-8 (RFC 3023 default for XML bodies without a charset).
      text = utf8.decode(document);
    } catch (cause) {
      throw new RlmiError('RLMI document is not valid UTF-8', { cause });
    }
  }
  return readRlmiList(scanXml(text, RLMI_LIMITS));
}
