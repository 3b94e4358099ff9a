import { Buffer } from 'node:buffer';
import { SipParseError } from '../errors.js';

const CRLFCRLF = Buffer.from('\r\n\r\n', 'latin1');

/** A Buffer view of bytes without copying. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Index of the CRLFCRLF that ends the header section starting at `start`, searching from `from`, or -1 when it
 * is not there yet. Throws HEADER_SECTION_TOO_LARGE once more than `maxHeaderBytes` have gone by without one.
 */
export function findHeaderEnd(buf: Buffer, start: number, from: number, maxHeaderBytes: number): number {
  const limit = start + maxHeaderBytes;
  const idx = buf.length > limit + 4 ? buf.subarray(0, limit + 4).indexOf(CRLFCRLF, from) : buf.indexOf(CRLFCRLF, from);
  if (idx !== -1) {
    if (idx + 4 - start > maxHeaderBytes) {
      throw new SipParseError('HEADER_SECTION_TOO_LARGE', `header section over ${maxHeaderBytes} bytes`, start);
    }
    return idx;
  }
  if (buf.length - start > maxHeaderBytes) {
    throw new SipParseError('HEADER_SECTION_TOO_LARGE', `header section over ${maxHeaderBytes} bytes`, start);
  }
  return -1;
}
