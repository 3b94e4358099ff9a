import type { Style } from '../frame/style.js';
import { type BodyDecoder, type BodyReading, bodyJson, bodyLines, readBodyBytes } from './sip.js';

/** An HTTP message of an XCAP trace record (RFC 9112 §2.1 layout), split for display only. */
export interface HttpMessageView {
  readonly startLine: string;
  readonly headers: readonly { readonly name: string; readonly value: string }[];
  readonly body: BodyReading;
}

/** Splits an HTTP message text into start line, headers and body, decoding the body by its Content-Type. */
export function readHttpMessage(text: string, decodeBody: BodyDecoder): HttpMessageView {
  const normalised = text.replace(/\r\n/g, '\n');
  const split = normalised.indexOf('\n\n');
  const head = split === -1 ? normalised : normalised.slice(0, split);
  const bodyText = split === -1 ? '' : normalised.slice(split + 2);
  const [startLine = '', ...lines] = head.split('\n');
  const headers = lines
    .map((line) => {
      const colon = line.indexOf(':');
      return colon === -1
        ? { name: line, value: '' }
        : { name: line.slice(0, colon), value: line.slice(colon + 1).trim() };
    })
    .filter((h) => h.name !== '');
  const contentType = headers.find((h) => h.name.toLowerCase() === 'content-type')?.value;
  const body = readBodyBytes(Buffer.from(bodyText.replace(/\n$/, ''), 'utf8'), contentType, decodeBody, true);
  return { startLine, headers, body };
}

export function httpJson(view: HttpMessageView): Record<string, unknown> {
  const body = bodyJson(view.body);
  return { startLine: view.startLine, headers: view.headers, ...(body === undefined ? {} : { body }) };
}

export function renderHttp(view: HttpMessageView, style: Style): string[] {
  return [
    style.bold(view.startLine),
    ...view.headers.map((h) => `${style.cyan(h.name)}: ${h.value}`),
    ...bodyLines(view.body, style),
  ];
}
