import { Buffer } from 'node:buffer';
import type { SipMessage } from './types.js';

/**
 * Writes a message as bytes. Lossless for parsed messages apart from this normalisation: folded header lines are
 * written unfolded, the separator after a header name is written `": "`, leading CRLFs and bytes after the body
 * are dropped, and Content-Length always states the real body length (one line, at the place of the first one,
 * keeping its spelling — `l` stays `l`; added at the end when absent, since stream transports need it).
 */
export function serializeMessage(msg: SipMessage): Uint8Array {
  let head =
    msg.kind === 'request' ? `${msg.method} ${msg.rawUri} SIP/2.0\r\n` : `SIP/2.0 ${msg.status} ${msg.reason}\r\n`;
  let wroteLength = false;
  for (const { name, value } of msg.headers.entries()) {
    const key = name.toLowerCase();
    if (key === 'content-length' || key === 'l') {
      if (wroteLength) continue;
      wroteLength = true;
      head += `${name}: ${msg.body.length}\r\n`;
      continue;
    }
    head += `${name}: ${value}\r\n`;
  }
  if (!wroteLength) head += `Content-Length: ${msg.body.length}\r\n`;
  head += '\r\n';
  const headBytes = Buffer.from(head, 'utf8');
  if (msg.body.length === 0) return headBytes;
  const out = Buffer.allocUnsafe(headBytes.length + msg.body.length);
  headBytes.copy(out, 0);
  out.set(msg.body, headBytes.length);
  return out;
}
