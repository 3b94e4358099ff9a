import { MultipartError } from '../errors.js';
import { formatMediaType } from './media-type.js';
import { encodeTransferEncoding } from './transfer-encoding.js';

/** A part to serialise; `body` is the unencoded content. */
export interface PartInput {
  readonly contentType: string;
  readonly contentId?: string;
  /** Default `binary`. */
  readonly transferEncoding?: '7bit' | '8bit' | 'binary' | 'base64';
  /** Extra headers written after the standard ones. */
  readonly headers?: readonly { readonly name: string; readonly value: string }[];
  readonly body: Uint8Array | string;
}

export interface MultipartInput {
  /** Default `multipart/related` (RFC 2387). */
  readonly essence?: string;
  /** RFC 2387 §3.1 `type`: the root part's content type. */
  readonly type?: string;
  /** RFC 2387 §3.2 `start`: the root part's Content-ID, without brackets. */
  readonly start?: string;
  /** Chosen when absent so that it occurs in no part. */
  readonly boundary?: string;
  readonly parts: readonly PartInput[];
}

export interface SerialisedMultipart {
  /** The Content-Type header value, with boundary, type and start. */
  readonly contentType: string;
  readonly body: Uint8Array;
}

const CRLF = Buffer.from('\r\n', 'latin1');

function toBytes(body: Uint8Array | string): Buffer {
  return typeof body === 'string'
    ? Buffer.from(body, 'utf8')
    : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/**
 * Serialises a multipart entity (RFC 2046 §5.1.1, RFC 2387). Deterministic: the same input gives the same bytes.
 * Throws `MultipartError` (`RLS_MULTIPART_MALFORMED`) when a given boundary occurs inside a part.
 */
export function serialiseMultipart(input: MultipartInput): SerialisedMultipart {
  if (input.parts.length === 0) throw new MultipartError('RLS_MULTIPART_MALFORMED', 'a multipart needs a part');
  const encoded = input.parts.map((part) => ({
    part,
    content: Buffer.from(encodeTransferEncoding(part.transferEncoding ?? 'binary', toBytes(part.body))),
  }));
  const clashes = (boundary: string): boolean => {
    const needle = Buffer.from(`--${boundary}`, 'utf8');
    return encoded.some(({ content }) => content.includes(needle));
  };
  let boundary = input.boundary;
  if (boundary === undefined) {
    for (let n = 0; boundary === undefined || clashes(boundary); n++) boundary = `simplekit-rls-${n.toString(36)}`;
  } else if (clashes(boundary)) {
    throw new MultipartError('RLS_MULTIPART_MALFORMED', `boundary ${JSON.stringify(boundary)} occurs inside a part`);
  }
  const chunks: Buffer[] = [];
  for (const { part, content } of encoded) {
    let head = `--${boundary}\r\nContent-Type: ${part.contentType}\r\n`;
    if (part.contentId !== undefined) head += `Content-ID: <${part.contentId}>\r\n`;
    head += `Content-Transfer-Encoding: ${part.transferEncoding ?? 'binary'}\r\n`;
    for (const header of part.headers ?? []) head += `${header.name}: ${header.value}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`, 'utf8'), content, CRLF);
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  const params: Record<string, string> = {};
  if (input.type !== undefined) params.type = input.type;
  if (input.start !== undefined) params.start = `<${input.start}>`;
  params.boundary = boundary;
  return {
    contentType: formatMediaType(input.essence ?? 'multipart/related', params),
    body: Buffer.concat(chunks),
  };
}
