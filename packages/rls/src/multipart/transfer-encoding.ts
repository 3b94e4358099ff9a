import { MultipartError } from '../errors.js';

// RFC 2045 §6.8: the base64 alphabet; whitespace between groups is ignored, anything else is an error here.
const BASE64_BODY = /^[A-Za-z0-9+/]*={0,2}$/;
const WHITESPACE = /[ \t\r\n]+/g;

/** Undoes a Content-Transfer-Encoding. binary, 7bit and 8bit are identity encodings (RFC 2045 §6.2). */
export function decodeTransferEncoding(encoding: string, body: Uint8Array): Uint8Array {
  switch (encoding) {
    case '7bit':
    case '8bit':
    case 'binary':
      return body;
    case 'base64': {
      const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength)
        .toString('latin1')
        .replace(WHITESPACE, '');
      if (text.length % 4 !== 0 || !BASE64_BODY.test(text)) {
        throw new MultipartError('RLS_TRANSFER_ENCODING', 'invalid base64 content');
      }
      return Buffer.from(text, 'base64');
    }
    default:
      throw new MultipartError('RLS_TRANSFER_ENCODING', `unsupported Content-Transfer-Encoding ${encoding}`);
  }
}

/** Applies a Content-Transfer-Encoding for serialising; base64 lines are 76 characters (RFC 2045 §6.8). */
export function encodeTransferEncoding(encoding: string, body: Uint8Array): Uint8Array {
  switch (encoding) {
    case '7bit':
    case '8bit':
    case 'binary':
      return body;
    case 'base64': {
      const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('base64');
      const lines: string[] = [];
      for (let i = 0; i < text.length; i += 76) lines.push(text.slice(i, i + 76));
      return Buffer.from(lines.join('\r\n'), 'latin1');
    }
    default:
      throw new MultipartError('RLS_TRANSFER_ENCODING', `unsupported Content-Transfer-Encoding ${encoding}`);
  }
}
