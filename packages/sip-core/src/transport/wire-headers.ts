import { SipParseError } from '../errors.js';
import { headerValue, type WireMessage } from './wire-message.js';

/**
 * Just enough structure from header values for the engine: the URI inside a name-addr, its parameters, Via and
 * CSeq fields. Local adapter until part 1's typed header accessors are exported from the package.
 */
export interface AddressValue {
  readonly displayName?: string;
  readonly uri: string;
  /** Header parameters after the address, names lower-cased; flags map to `null`. */
  readonly params: ReadonlyMap<string, string | null>;
}

function parseParams(text: string): Map<string, string | null> {
  const params = new Map<string, string | null>();
  let i = 0;
  while (i < text.length) {
    while (i < text.length && (text[i] === ';' || text[i] === ' ' || text[i] === '\t')) i++;
    const nameStart = i;
    while (i < text.length && text[i] !== '=' && text[i] !== ';') i++;
    const name = text.slice(nameStart, i).trim().toLowerCase();
    let value: string | null = null;
    if (text[i] === '=') {
      i++;
      while (text[i] === ' ') i++;
      if (text[i] === '"') {
        let v = '';
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\') i++;
          v += text[i] ?? '';
          i++;
        }
        i++;
        value = v;
      } else {
        const start = i;
        while (i < text.length && text[i] !== ';') i++;
        value = text.slice(start, i).trim();
      }
    }
    if (name !== '') params.set(name, value);
  }
  return params;
}

/** Parses `"Name" <uri>;p=v` or `uri;p=v` (RFC 3261 §20.10: without brackets, parameters belong to the header). */
export function parseAddress(value: string): AddressValue {
  const text = value.trim();
  const open = text.indexOf('<');
  if (open >= 0) {
    const close = text.indexOf('>', open);
    if (close < 0) throw new SipParseError('BAD_HEADER_VALUE', 'unterminated < in address', open);
    const name = text
      .slice(0, open)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    return {
      ...(name === '' ? {} : { displayName: name }),
      uri: text.slice(open + 1, close).trim(),
      params: parseParams(text.slice(close + 1)),
    };
  }
  const semi = text.indexOf(';');
  if (text === '') throw new SipParseError('BAD_HEADER_VALUE', 'empty address', 0);
  return semi < 0
    ? { uri: text, params: new Map() }
    : { uri: text.slice(0, semi), params: parseParams(text.slice(semi)) };
}

export interface ViaValue {
  readonly transport: string;
  readonly host: string;
  readonly port?: number;
  readonly params: ReadonlyMap<string, string | null>;
  readonly branch?: string;
}

export function parseViaValue(value: string): ViaValue {
  const m = /^\s*SIP\s*\/\s*2\.0\s*\/\s*([A-Za-z0-9-]+)\s+(\[[^\]]+\]|[^\s:;]+)(?:\s*:\s*(\d+))?\s*(.*)$/s.exec(value);
  if (m === null) throw new SipParseError('BAD_HEADER_VALUE', 'bad Via', 0);
  const params = parseParams(m[4] ?? '');
  const branch = params.get('branch');
  return {
    transport: (m[1] ?? '').toUpperCase(),
    host: m[2] ?? '',
    ...(m[3] === undefined ? {} : { port: Number(m[3]) }),
    params,
    ...(branch ? { branch } : {}),
  };
}

export interface CSeqValue {
  readonly seq: number;
  readonly method: string;
}

export function parseCSeqValue(value: string): CSeqValue {
  const m = /^\s*(\d{1,10})\s+([A-Za-z!%*_+`'~.-]+)\s*$/.exec(value);
  if (m === null) throw new SipParseError('BAD_CSEQ', 'bad CSeq', 0);
  return { seq: Number(m[1]), method: m[2] ?? '' };
}

/** The top Via of a message (the one naming the client transaction, RFC 3261 §17.1.3). */
export function topVia(message: WireMessage): ViaValue {
  const value = headerValue(message, 'via');
  if (value === undefined) throw new SipParseError('MISSING_HEADER', 'no Via', 0);
  const first = value.split(',')[0] ?? '';
  return parseViaValue(first);
}

export function cseqOf(message: WireMessage): CSeqValue {
  const value = headerValue(message, 'cseq');
  if (value === undefined) throw new SipParseError('MISSING_HEADER', 'no CSeq', 0);
  return parseCSeqValue(value);
}

export function tagOf(message: WireMessage, header: 'from' | 'to'): string | undefined {
  const value = headerValue(message, header);
  if (value === undefined) return undefined;
  return parseAddress(value).params.get('tag') ?? undefined;
}

export function callIdOf(message: WireMessage): string {
  const value = headerValue(message, 'call-id');
  if (value === undefined) throw new SipParseError('MISSING_HEADER', 'no Call-ID', 0);
  return value.trim();
}

/** Integer header such as Expires or Min-Expires; undefined when absent or not a number. */
export function integerHeader(message: WireMessage, name: string): number | undefined {
  const value = headerValue(message, name)?.trim();
  if (value === undefined || !/^\d{1,10}$/.test(value)) return undefined;
  return Number(value);
}

/** Parses `token;p=v` values such as Event and Subscription-State. */
export function parseTokenWithParams(value: string): { token: string; params: ReadonlyMap<string, string | null> } {
  const semi = value.indexOf(';');
  const token = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  return { token, params: semi < 0 ? new Map() : parseParams(value.slice(semi)) };
}
