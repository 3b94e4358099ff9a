import { parseMessage, type SipMessage } from '@simplekit/sip-core';
import { describeError } from '../frame/errors.js';
import type { Style } from '../frame/style.js';
import { type Decoded, indent } from './decoded.js';

/** Decodes a body given its Content-Type: undefined for types without a codec; throws a typed error when it fails. */
export type BodyDecoder = (bytes: Uint8Array, contentType: string) => Decoded | undefined;

/** How a SIP body was read: decoded by a codec, shown as text, or failed (only inside a trace). */
export type BodyReading =
  | { readonly kind: 'none' }
  | { readonly kind: 'decoded'; readonly decoded: Decoded }
  | { readonly kind: 'text'; readonly contentType: string | undefined; readonly text: string }
  | { readonly kind: 'failed'; readonly contentType: string; readonly error: unknown };

const TEXT_TYPES = /^(?:text\/|application\/(?:sdp|[a-z0-9.+-]*\+?xml)\b)/i;

/** Reads a body by its Content-Type; with `tolerant` a decoding error is kept in the result instead of thrown. */
export function readBodyBytes(
  body: Uint8Array,
  contentType: string | undefined,
  decodeBody: BodyDecoder,
  tolerant: boolean,
): BodyReading {
  if (body.byteLength === 0) return { kind: 'none' };
  if (contentType !== undefined) {
    try {
      const decoded = decodeBody(body, contentType);
      if (decoded !== undefined) return { kind: 'decoded', decoded };
    } catch (error) {
      if (!tolerant) throw error;
      return { kind: 'failed', contentType, error };
    }
  }
  const printable = contentType === undefined || TEXT_TYPES.test(contentType);
  return {
    kind: 'text',
    contentType,
    text: printable ? Buffer.from(body).toString('utf8') : `<${body.byteLength} bytes of ${contentType}>`,
  };
}

/** Reads the body of a SIP message by its Content-Type. */
export function readBody(message: SipMessage, decodeBody: BodyDecoder, tolerant: boolean): BodyReading {
  return readBodyBytes(message.body, message.headers.get('Content-Type'), decodeBody, tolerant);
}

/** The body lines of a rendering, indented under the message. */
export function bodyLines(body: BodyReading, style: Style): string[] {
  switch (body.kind) {
    case 'none':
      return [];
    case 'decoded':
      return ['', ...indent(body.decoded.render(style))];
    case 'text':
      return ['', ...indent(body.text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n'))];
    case 'failed':
      return ['', style.red(`  body (${body.contentType}): ${describeError(body.error)}`)];
  }
}

export function bodyJson(body: BodyReading): Record<string, unknown> | undefined {
  switch (body.kind) {
    case 'none':
      return undefined;
    case 'decoded':
      return { kind: body.decoded.kind, ...body.decoded.json };
    case 'text':
      return { contentType: body.contentType, text: body.text };
    case 'failed':
      return { contentType: body.contentType, error: describeError(body.error) };
  }
}

export function startLine(message: SipMessage): string {
  return message.kind === 'request'
    ? `${message.method} ${message.rawUri} SIP/2.0`
    : `SIP/2.0 ${message.status} ${message.reason}`;
}

export function messageJson(message: SipMessage, body: BodyReading): Record<string, unknown> {
  const head =
    message.kind === 'request'
      ? { type: 'request', method: message.method, uri: message.rawUri }
      : { type: 'response', status: message.status, reason: message.reason };
  const headers = [...message.headers].map((h) => ({ name: h.name, value: h.value }));
  const decoded = bodyJson(body);
  return { ...head, headers, ...(decoded === undefined ? {} : { body: decoded }) };
}

export function renderMessage(message: SipMessage, body: BodyReading, style: Style): string[] {
  const lines = [style.bold(startLine(message))];
  for (const header of message.headers) lines.push(`${style.cyan(header.name)}: ${header.value}`);
  return [...lines, ...bodyLines(body, style)];
}

/** A whole SIP message (RFC 3261 §7) with its body decoded by its Content-Type. */
export function decodeSip(bytes: Uint8Array, decodeBody: BodyDecoder): Decoded {
  const message = parseMessage(bytes);
  // The Request-URI is checked when read (sip-core parses it lazily); a decoder reports a malformed one.
  if (message.kind === 'request') message.uri;
  const body = readBody(message, decodeBody, false);
  return {
    kind: 'sip',
    json: { message: messageJson(message, body) },
    render: (style) => renderMessage(message, body, style),
  };
}
