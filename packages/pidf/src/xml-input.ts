import { parseXml, type XmlElement, XmlError, type XmlLimits } from '@simplekit/xml';
import { PidfError } from './errors.js';

export interface ReadOptions {
  /** Overrides of the XML layer's limits (`DEFAULT_XML_LIMITS` from `@simplekit/xml`). */
  readonly limits?: Partial<XmlLimits>;
}

const HOSTILE = new Set(['XML_DOCTYPE_FORBIDDEN', 'XML_ENTITY_FORBIDDEN', 'XML_LIMIT_EXCEEDED']);

/** Parses a body with the shared XML layer, turning its errors into `PidfError`s (the `XmlError` as `cause`). */
export function readXml(input: string | Uint8Array, options: ReadOptions, what: string): XmlElement {
  try {
    return parseXml(input, {
      ignoreWhitespace: true,
      ...(options.limits === undefined ? {} : { limits: options.limits }),
    });
  } catch (cause) {
    if (cause instanceof XmlError) {
      throw new PidfError(HOSTILE.has(cause.code) ? 'PIDF_HOSTILE' : 'PIDF_MALFORMED', `${what}: ${cause.message}`, {
        cause,
      });
    }
    throw new PidfError('PIDF_MALFORMED', `${what}: unreadable XML`, { cause });
  }
}
