import { SipParseError } from '../errors.js';
import { canonicalHeaderName, type HeaderField, type WireMessage, withoutHeader } from './wire-message.js';

/**
 * Local adapter over the message codec of part 1: bytes of one framed message → {@link WireMessage} and back.
 * Deliberately minimal (start line, header lines with folding, body); swap for `parseMessage`/`serializeMessage`
 * once they are exported.
 */
const decoder = new TextDecoder('utf-8', { fatal: false });
const encoder = new TextEncoder();

function headerEnd(bytes: Uint8Array): number {
  for (let i = 0; i + 3 < bytes.length; i++) {
    if (bytes[i] === 13 && bytes[i + 1] === 10 && bytes[i + 2] === 13 && bytes[i + 3] === 10) return i;
  }
  return -1;
}

export function decodeWireMessage(bytes: Uint8Array): WireMessage {
  const end = headerEnd(bytes);
  if (end < 0) throw new SipParseError('UNTERMINATED_HEADERS', 'no blank line after the headers', bytes.length);
  const head = decoder.decode(bytes.subarray(0, end));
  const body = bytes.slice(end + 4);
  const lines = head.split('\r\n');
  const startLine = lines.shift() ?? '';
  const headers: HeaderField[] = [];
  for (const line of lines) {
    // RFC 3261 §7.3.1: a line starting with whitespace continues the previous header value.
    if ((line.startsWith(' ') || line.startsWith('\t')) && headers.length > 0) {
      const last = headers.pop();
      if (last !== undefined) headers.push([last[0], `${last[1]} ${line.trim()}`]);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new SipParseError('BAD_HEADER_NAME', `bad header line ${JSON.stringify(line)}`, 0);
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  const status = /^SIP\/2\.0 (\d{3}) ?(.*)$/.exec(startLine);
  if (status !== null) {
    return { kind: 'response', status: Number(status[1]), reason: status[2] ?? '', headers, body };
  }
  const request = /^([A-Za-z!%*_+`'~.-]+) (\S+) SIP\/2\.0$/.exec(startLine);
  if (request === null) throw new SipParseError('BAD_START_LINE', `bad start line ${JSON.stringify(startLine)}`, 0);
  return { kind: 'request', method: request[1] ?? '', uri: request[2] ?? '', headers, body };
}

/** Serialises a message; Content-Length is always written from the body (RFC 3261 §18.3: mandatory on streams). */
export function encodeWireMessage(message: WireMessage): Uint8Array {
  const start =
    message.kind === 'request'
      ? `${message.method} ${message.uri} SIP/2.0`
      : `SIP/2.0 ${message.status} ${message.reason}`;
  const fields = withoutHeader(message.headers, 'content-length');
  const lines = [start, ...fields.map(([n, v]) => `${n}: ${v}`), `Content-Length: ${message.body.length}`, '', ''];
  const head = encoder.encode(lines.join('\r\n'));
  const out = new Uint8Array(head.length + message.body.length);
  out.set(head, 0);
  out.set(message.body, head.length);
  return out;
}

/** Text form for traces. */
export function wireMessageText(message: WireMessage): string {
  return decoder.decode(encodeWireMessage(message));
}

export function isHeaderNamed(field: HeaderField, name: string): boolean {
  return canonicalHeaderName(field[0]) === canonicalHeaderName(name);
}
