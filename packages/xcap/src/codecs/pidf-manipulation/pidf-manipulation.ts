import {
  type PresenceDocument,
  parsePresence,
  type ReadOptions,
  type SerializePresenceOptions,
  serializePresence,
} from '@simplekit/pidf';
import { XcapApplications } from '../../applications.js';
import { XcapParseError, XcapSerializeError } from '../../errors.js';

/** RFC 4827 §4: pidf-manipulation documents are PIDF (RFC 3863) documents, `application/pidf+xml`. */
export const PIDF_MANIPULATION_MEDIA_TYPE = XcapApplications.pidfManipulation.mediaType;

/**
 * Reads a pidf-manipulation document (RFC 4827) — e.g. the offline status and note Blink stores so that watchers
 * see them while no device is online — with `@simplekit/pidf`, losslessly. Failures are `XcapParseError`s with the
 * `PidfError` as `cause`.
 */
export function parsePidfManipulation(text: string | Uint8Array, options?: ReadOptions): PresenceDocument {
  try {
    return parsePresence(text, options);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : 'unreadable PIDF';
    throw new XcapParseError(`pidf-manipulation: ${detail}`, { cause });
  }
}

/** Writes a pidf-manipulation document with `@simplekit/pidf`; failures are `XcapSerializeError`s. */
export function serializePidfManipulation(doc: PresenceDocument, options?: SerializePresenceOptions): string {
  try {
    return serializePresence(doc, options);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : 'cannot serialise';
    throw new XcapSerializeError(`pidf-manipulation: ${detail}`, { cause });
  }
}
