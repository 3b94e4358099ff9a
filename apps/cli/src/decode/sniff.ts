import { type MediaType, parseMediaType } from '@simplekit/rls';
import { parseXml } from '@simplekit/xml';
import { CliInputError } from '../frame/errors.js';
import { type DocumentKind, MEDIA_TYPE_KINDS, ROOT_KINDS } from './kinds.js';

/** What the input is, and the media type its decoder needs (for multipart bodies: the boundary). */
export interface Sniffed {
  readonly kind: DocumentKind;
  readonly contentType?: MediaType;
}

const TRACE_HEAD = /^\d{4}-\d\d-\d\dT[0-9:.]+Z (?:SENT|RECEIVED|INFO|WARNING|ERROR) /;
// RFC 3261 §7.1/§7.2: a start line is `Method SP Request-URI SP SIP/2.0` or `SIP/2.0 SP Status-Code SP Reason`.
const REQUEST_LINE = /^[A-Za-z!%*_+`'~.-]+ \S+ SIP\/2\.0\r?$/;
const STATUS_LINE = /^SIP\/2\.0 \d{3}(?: |\r?$)/;
// RFC 2046 §5.1.1: a boundary is 1–70 characters; the first delimiter line is `--boundary`.
const DELIMITER = /^--([0-9A-Za-z'()+_,./:=? -]{1,70}?)[ \t]*\r?$/;

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end === -1 ? text : text.slice(0, end);
}

/** The media type given with `--content-type`, checked and mapped to a kind. */
export function kindOfContentType(value: string): Sniffed {
  let type: MediaType;
  try {
    type = parseMediaType(value);
  } catch (cause) {
    throw new CliInputError('CLI_INPUT', `--content-type: not a media type: ${JSON.stringify(value)}`, { cause });
  }
  const kind = MEDIA_TYPE_KINDS[type.essence];
  if (kind === undefined) throw new CliInputError('CLI_INPUT', `--content-type: cannot decode ${type.essence}`);
  return { kind, contentType: type };
}

/** The kind of an XML document, from its root element. */
export function kindOfXml(bytes: Uint8Array): DocumentKind {
  const root = parseXml(bytes);
  const key = `{${root.name.ns ?? ''}}${root.name.local}`;
  const kind = ROOT_KINDS[key];
  if (kind === undefined) throw new CliInputError('CLI_DECODE', `no decoder for XML documents with root ${key}`);
  return kind;
}

/**
 * Recognises the input from its first bytes: an XML document (then its root element decides), a SIP message, a
 * trace file, or a multipart body (its first delimiter gives the boundary; RLS notifications are multipart/related).
 */
export function sniff(bytes: Uint8Array): Sniffed {
  const head = Buffer.from(bytes.subarray(0, 4096))
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const text = head.replace(/^[\r\n\t ]+/, '');
  if (text.startsWith('<')) return { kind: kindOfXml(bytes) };
  const line = firstLine(text);
  if (TRACE_HEAD.test(line)) return { kind: 'trace' };
  if (REQUEST_LINE.test(line) || STATUS_LINE.test(line)) return { kind: 'sip' };
  const delimiter = DELIMITER.exec(line);
  if (delimiter?.[1] !== undefined) {
    const boundary = delimiter[1];
    return {
      kind: 'rls-notification',
      contentType: parseMediaType(`multipart/related;type="application/rlmi+xml";boundary="${boundary}"`),
    };
  }
  if (text.length === 0) throw new CliInputError('CLI_DECODE', 'the input is empty');
  throw new CliInputError(
    'CLI_DECODE',
    'not a SIP message, an XML document, a multipart body or a trace file (give --content-type to say what it is)',
  );
}
