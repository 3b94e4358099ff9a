/**
 * The message shape the signalling layers work on: a start line, header fields in wire order, and a body.
 *
 * Local adapter: part 1 of sip-core (the message codec) owns parsing and serialising; until its `parseMessage` /
 * `serializeMessage` are exported, `wire-codec.ts` does a minimal version so the engine can run. Only this folder
 * touches bytes; everything above works on these values.
 */
export type HeaderField = readonly [name: string, value: string];

export interface WireRequest {
  readonly kind: 'request';
  readonly method: string;
  readonly uri: string;
  readonly headers: readonly HeaderField[];
  readonly body: Uint8Array;
}

export interface WireResponse {
  readonly kind: 'response';
  readonly status: number;
  readonly reason: string;
  readonly headers: readonly HeaderField[];
  readonly body: Uint8Array;
}

export type WireMessage = WireRequest | WireResponse;

// RFC 3261 §7.3.3 and RFC 3265/6665 compact forms.
const COMPACT: Readonly<Record<string, string>> = {
  i: 'call-id',
  f: 'from',
  t: 'to',
  v: 'via',
  m: 'contact',
  l: 'content-length',
  c: 'content-type',
  e: 'content-encoding',
  k: 'supported',
  s: 'subject',
  o: 'event',
  u: 'allow-events',
};

/** Lower-cased long form of a header name. */
export function canonicalHeaderName(name: string): string {
  const lower = name.toLowerCase();
  return COMPACT[lower] ?? lower;
}

/** Every value of a header, in order, one entry per header line (comma lists are not split). */
export function headerValues(message: WireMessage, name: string): string[] {
  const wanted = canonicalHeaderName(name);
  const out: string[] = [];
  for (const [n, v] of message.headers) if (canonicalHeaderName(n) === wanted) out.push(v);
  return out;
}

/** The first value of a header, or undefined. */
export function headerValue(message: WireMessage, name: string): string | undefined {
  const wanted = canonicalHeaderName(name);
  for (const [n, v] of message.headers) if (canonicalHeaderName(n) === wanted) return v;
  return undefined;
}

/**
 * Splits a comma-separated header value into its elements, ignoring commas inside quotes and angle brackets
 * (RFC 3261 §7.3.1: `Contact: <sip:a@b>;q=1, "x, y" <sip:c@d>`).
 */
export function splitHeaderList(value: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  let angle = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '<') angle = true;
    else if (c === '>') angle = false;
    else if (c === ',' && !angle) {
      out.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(value.slice(start).trim());
  return out.filter((s) => s !== '');
}

/** All elements of a list header across every header line (Via, Contact, Record-Route, Allow, Supported …). */
export function headerList(message: WireMessage, name: string): string[] {
  return headerValues(message, name).flatMap(splitHeaderList);
}

/** Replaces (or appends) a header; the other fields keep their order. */
export function withHeader(headers: readonly HeaderField[], name: string, value: string): HeaderField[] {
  const wanted = canonicalHeaderName(name);
  const out: HeaderField[] = [];
  let placed = false;
  for (const field of headers) {
    if (canonicalHeaderName(field[0]) !== wanted) out.push(field);
    else if (!placed) {
      out.push([name, value]);
      placed = true;
    }
  }
  if (!placed) out.push([name, value]);
  return out;
}

/** Removes every field of a header. */
export function withoutHeader(headers: readonly HeaderField[], name: string): HeaderField[] {
  const wanted = canonicalHeaderName(name);
  return headers.filter(([n]) => canonicalHeaderName(n) !== wanted);
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

export function bodyText(message: WireMessage): string {
  return decoder.decode(message.body);
}

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}
