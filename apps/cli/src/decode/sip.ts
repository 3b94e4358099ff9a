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

/** Reads the body of a message; with `tolerant` a body error is kept in the result instead of thrown. */
export function readBody(message: SipMessage, decodeBody: BodyDecoder, tolerant: boolean): BodyReading {
  if (message.body.byteLength === 0) return { kind: 'none' };
  const contentType = message.headers.get('Content-Type');
  if (contentType !== undefined) {
    try {
      const decoded = decodeBody(message.body, contentType);
      if (decoded !== undefined) return { kind: 'decoded', decoded };
    } catch (error) {
      if (!tolerant) throw error;
      return { kind: 'failed', contentType, error };
    }
  }
  const text = Buffer.from(message.body).toString('utf8');
  const printable = contentType === undefined || TEXT_TYPES.test(contentType);
  return {
    kind: 'text',
    contentType,
    text: printable ? text : `<${message.body.byteLength} bytes of ${contentType}>`,
  };
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
  const bodyJson =
    body.kind === 'none'
      ? undefined
      : body.kind === 'decoded'
        ? { kind: body.decoded.kind, ...body.decoded.json }
        : body.kind === 'text'
          ? { contentType: body.contentType, text: body.text }
          : { contentType: body.contentType, error: describeError(body.error) };
  return { ...head, headers, ...(bodyJson === undefined ? {} : { body: bodyJson }) };
}

export function renderMessage(message: SipMessage, body: BodyReading, style: Style): string[] {
  const lines = [style.bold(startLine(message))];
  for (const header of message.headers) lines.push(`${style.cyan(header.name)}: ${header.value}`);
  switch (body.kind) {
    case 'none':
      break;
    case 'decoded':
      lines.push('', ...indent(body.decoded.render(style)));
      break;
    case 'text':
      lines.push('', ...indent(body.text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n')));
      break;
    case 'failed':
      lines.push('', style.red(`  body (${body.contentType}): ${describeError(body.error)}`));
      break;
  }
  return lines;
}

/** A whole SIP message (RFC 3261 §7) with its body decoded by its Content-Type. */
export function decodeSip(bytes: Uint8Array, decodeBody: BodyDecoder): Decoded {
  const message = parseMessage(bytes);
  const body = readBody(message, decodeBody, false);
  return {
    kind: 'sip',
    json: { message: messageJson(message, body) },
    render: (style) => renderMessage(message, body, style),
  };
}
