import { type MediaType, parseMediaType } from '@simplekit/rls';
import { CliInputError } from '../frame/errors.js';
import type { Decoded } from './decoded.js';
import { MEDIA_TYPE_KINDS } from './kinds.js';
import { decodePidf, decodeWatcherInfo } from './presence.js';
import { decodeRlmi, decodeRlsBody } from './rls.js';
import { decodeSip } from './sip.js';
import type { Sniffed } from './sniff.js';
import { decodeTrace } from './trace.js';
import { XCAP_DECODERS } from './xcap.js';

/** Decodes an input whose kind is known; every failure is a typed error of the codec that refused it. */
export function decodeDocument(bytes: Uint8Array, sniffed: Sniffed): Decoded {
  switch (sniffed.kind) {
    case 'sip':
      return decodeSip(bytes, decodeBody);
    case 'trace':
      return decodeTrace(bytes, decodeBody);
    case 'pidf':
      return decodePidf(bytes);
    case 'watcherinfo':
      return decodeWatcherInfo(bytes);
    case 'rlmi':
      return decodeRlmi(bytes);
    case 'rls-notification': {
      const type = sniffed.contentType;
      if (type === undefined) {
        throw new CliInputError('CLI_INPUT', 'a multipart body needs its Content-Type: give --content-type');
      }
      return decodeRlsBody(bytes, type);
    }
    default:
      return XCAP_DECODERS[sniffed.kind](bytes);
  }
}

/** Decodes a body by its Content-Type (the header value); undefined when no codec reads that type. */
export function decodeBody(bytes: Uint8Array, contentType: string): Decoded | undefined {
  let type: MediaType;
  try {
    type = parseMediaType(contentType);
  } catch {
    return undefined;
  }
  const kind = MEDIA_TYPE_KINDS[type.essence];
  if (kind === undefined || kind === 'sip' || kind === 'trace') return undefined;
  return decodeDocument(bytes, { kind, contentType: type });
}
