import { Buffer } from 'node:buffer';
import { describe } from 'vitest';
import { itRefusesXmlBombs } from '../../../proof/security/expect-refused.js';
import type { XmlRoot } from '../../../proof/security/xml-bombs.js';
import { RlsError } from './errors.js';
import { serialiseMultipart } from './multipart/serialise.js';
import { decodeRlsNotification } from './notification/decode.js';
import { parseRlmi } from './rlmi/parse.js';

const isRlsError = (error: unknown): boolean => error instanceof RlsError;

const rlmiRoot: XmlRoot = {
  local: 'list',
  ns: 'urn:ietf:params:xml:ns:rlmi',
  attributes: ' uri="sip:alice+presence@example.com" version="0" fullState="true"',
};
// parseRlmi's own bounds (rlmi/parse.ts RLMI_LIMITS).
const rlmiLimits = { maxBytes: 8 * 1024 * 1024, maxElements: 200_000 };

/** The bomb as the RLMI root of an RFC 4662 notification. */
function notificationCarrying(rlmi: string | Uint8Array): unknown {
  const { body, contentType } = serialiseMultipart({
    type: 'application/rlmi+xml',
    start: 'root@example.com',
    boundary: 'simplekit-bomb-boundary',
    parts: [{ contentType: 'application/rlmi+xml', contentId: 'root@example.com', body: rlmi }],
  });
  return decodeRlsNotification(body, contentType, { decoders: {} });
}

describe('XML bombs against every rls entry point', () => {
  itRefusesXmlBombs({
    name: 'parseRlmi',
    root: rlmiRoot,
    limits: rlmiLimits,
    parse: (document) => parseRlmi(document),
    bytes: (document) => parseRlmi(document),
    isTypedError: isRlsError,
  });
  itRefusesXmlBombs({
    name: 'decodeRlsNotification',
    root: rlmiRoot,
    limits: rlmiLimits,
    parse: (document) => notificationCarrying(Buffer.from(document, 'utf8')),
    isTypedError: isRlsError,
  });
});
