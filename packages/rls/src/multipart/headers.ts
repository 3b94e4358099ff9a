import { MultipartError } from '../errors.js';
import type { PartHeader } from './types.js';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Parses a part's header section (RFC 2046 §5.1 MIME-part-headers, RFC 822 §3.1 folding).
 * Accepts CRLF and, leniently, bare LF line ends.
 */
export function parsePartHeaders(text: string): PartHeader[] {
  const headers: PartHeader[] = [];
  const lines = text.split(/\r?\n/);
  let name = '';
  let value = '';
  const flush = (): void => {
    if (name !== '') headers.push({ name, value: value.trim() });
  };
  for (const line of lines) {
    if (line === '') continue;
    // RFC 822 §3.1.1: a line that starts with whitespace continues the previous header.
    if (line[0] === ' ' || line[0] === '\t') {
      if (name === '') throw new MultipartError('RLS_PART_HEADERS_MALFORMED', 'continuation line before any header');
      value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    const candidate = colon > 0 ? line.slice(0, colon).trimEnd() : '';
    if (!TOKEN.test(candidate)) {
      throw new MultipartError('RLS_PART_HEADERS_MALFORMED', `not a header line: ${JSON.stringify(line.slice(0, 80))}`);
    }
    flush();
    name = candidate;
    value = line.slice(colon + 1);
  }
  flush();
  return headers;
}

/** The value of the first header with that name (case-insensitive), or undefined. */
export function headerValue(headers: readonly PartHeader[], name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const header of headers) if (header.name.toLowerCase() === wanted) return header.value;
  return undefined;
}

/** Strips the angle brackets of a Content-ID msg-id (RFC 2045 §7); tolerates their absence. */
export function unbracketContentId(value: string): string {
  const trimmed = value.trim();
  return trimmed.startsWith('<') && trimmed.endsWith('>') ? trimmed.slice(1, -1).trim() : trimmed;
}
