import { parseMessage, type SipMessage } from '@simplekit/sip-core';
import { CliInputError, describeError } from '../frame/errors.js';
import type { Style } from '../frame/style.js';
import { type Decoded, indent } from './decoded.js';
import { type HttpMessageView, httpJson, readHttpMessage, renderHttp } from './http.js';
import { type BodyDecoder, type BodyReading, messageJson, readBody, renderMessage, startLine } from './sip.js';

/**
 * One record of a trace file as `@simplekit/sip-core`'s file sink writes it (`formatTraceRecord`): a head line
 * `<ISO time> SENT|RECEIVED TCP|TLS <from> -> <to> (<n> bytes)` followed by exactly n bytes of message, or
 * `<ISO time> INFO|WARNING|ERROR <text>`; records are separated by a blank line.
 */
export type TraceRecord =
  | {
      readonly kind: 'message';
      readonly time: string;
      readonly direction: 'sent' | 'received';
      readonly protocol: 'sip' | 'xcap';
      readonly transport: string;
      readonly from: string;
      readonly to: string;
      readonly text: string;
    }
  | { readonly kind: 'note'; readonly time: string; readonly level: string; readonly text: string };

// SEAM: sip-core exports the trace writer but no reader; this mirrors `formatTraceRecord`'s layout.
const MESSAGE_HEAD = /^(\S+) (SENT|RECEIVED) (?:(XCAP) )?(TCP|TLS|HTTP|HTTPS) (\S+) -> (\S+) \((\d{1,9}) bytes\)$/;
const NOTE_HEAD = /^(\S+) (INFO|WARNING|ERROR) (.*)$/;

/**
 * Splits trace text into complete records. A record cut short at the end (a file still being written) is returned
 * as `rest`; a line that is no record head throws `CliInputError`.
 */
export function splitTraceRecords(input: string | Uint8Array): { records: TraceRecord[]; rest: Buffer } {
  const records: TraceRecord[] = [];
  // Bytes, not text: the lengths in the heads count bytes, and a file read while it grows may end mid-character.
  const buffer =
    typeof input === 'string'
      ? Buffer.from(input, 'utf8')
      : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  let offset = 0;
  let lineNumber = 1;
  while (offset < buffer.length) {
    const eol = buffer.indexOf(0x0a, offset);
    if (eol === -1) break;
    const line = buffer.toString('utf8', offset, eol).replace(/\r$/, '');
    const start = offset;
    offset = eol + 1;
    if (line === '') {
      lineNumber += 1;
      continue;
    }
    const head = MESSAGE_HEAD.exec(line);
    if (head) {
      const [, time = '', direction, protocol, transport = '', first = '', second = '', size = '0'] = head;
      const length = Number(size);
      if (offset + length > buffer.length) return { records, rest: buffer.subarray(start) };
      const message = buffer.toString('utf8', offset, offset + length);
      offset += length;
      lineNumber += 1 + (message.match(/\n/g)?.length ?? 0);
      // The head shows the flow as it went: local -> remote when sent, remote -> local when received.
      records.push({
        kind: 'message',
        time,
        direction: direction === 'SENT' ? 'sent' : 'received',
        protocol: protocol === 'XCAP' ? 'xcap' : 'sip',
        transport: transport.toLowerCase(),
        from: first,
        to: second,
        text: message,
      });
      continue;
    }
    const note = NOTE_HEAD.exec(line);
    if (note && !Number.isNaN(Date.parse(note[1] ?? ''))) {
      records.push({ kind: 'note', time: note[1] ?? '', level: (note[2] ?? '').toLowerCase(), text: note[3] ?? '' });
      lineNumber += 1;
      continue;
    }
    throw new CliInputError(
      'CLI_DECODE',
      `trace line ${lineNumber}: not a trace record: ${JSON.stringify(line.slice(0, 60))}`,
    );
  }
  return { records, rest: buffer.subarray(offset) };
}

/** Splits a whole trace file into records; throws `CliInputError` when it is not one. */
export function parseTraceFile(text: string): TraceRecord[] {
  const { records, rest } = splitTraceRecords(text);
  if (rest.toString('utf8').trim() !== '')
    throw new CliInputError('CLI_DECODE', 'the trace ends with a message cut short');
  if (records.length === 0) throw new CliInputError('CLI_DECODE', 'the trace file holds no record');
  return records;
}

/** A trace record with its message read: a SIP message, an HTTP (XCAP) message, or why it could not be read. */
export interface ReadRecord {
  readonly record: TraceRecord;
  readonly sip?: { readonly message: SipMessage; readonly body: BodyReading };
  readonly http?: HttpMessageView;
  readonly error?: unknown;
}

/** Reads every record's message; a message that cannot be read is kept with its error (a trace shows everything). */
export function readRecords(records: readonly TraceRecord[], decodeBody: BodyDecoder): ReadRecord[] {
  return records.map((record) => {
    if (record.kind === 'note') return { record };
    if (record.protocol === 'xcap') return { record, http: readHttpMessage(record.text, decodeBody) };
    try {
      const message = parseMessage(record.text);
      if (message.kind === 'request') message.uri;
      return { record, sip: { message, body: readBody(message, decodeBody, true) } };
    } catch (error) {
      return { record, error };
    }
  });
}

/** Renders records readably: one head line per record and, when `full`, the message with its decoded body. */
export function renderTraceRecords(read: readonly ReadRecord[], style: Style, full: boolean): string[] {
  const lines: string[] = [];
  for (const { record, sip, http, error } of read) {
    if (record.kind === 'note') {
      const colour = record.level === 'error' ? style.red : record.level === 'warning' ? style.yellow : style.dim;
      lines.push(colour(`${record.time} ${record.level}: ${record.text}`));
      continue;
    }
    const arrow = record.direction === 'sent' ? style.magenta('→ sent') : style.blue('← received');
    const summary = sip
      ? startLine(sip.message)
      : http
        ? http.startLine
        : style.red(`unreadable: ${describeError(error)}`);
    const via = `${record.protocol === 'xcap' ? 'xcap ' : ''}${record.transport}`;
    lines.push(`${style.dim(record.time)} ${arrow} ${via} ${record.from} -> ${record.to}  ${style.bold(summary)}`);
    if (!full) continue;
    if (sip) lines.push(...indent(renderMessage(sip.message, sip.body, style).slice(1)), '');
    else if (http) lines.push(...indent(renderHttp(http, style).slice(1)), '');
  }
  return lines;
}

export function traceRecordJson({ record, sip, http, error }: ReadRecord): Record<string, unknown> {
  if (record.kind === 'note') return record;
  const { text, ...head } = record;
  if (sip) return { ...head, message: messageJson(sip.message, sip.body) };
  if (http) return { ...head, http: httpJson(http) };
  return { ...head, text, error: describeError(error) };
}

/** A trace file: every SIP message in it decoded, bodies included. */
export function decodeTrace(bytes: Uint8Array, decodeBody: BodyDecoder): Decoded {
  const records = readRecords(parseTraceFile(Buffer.from(bytes).toString('utf8')), decodeBody);
  return {
    kind: 'trace',
    json: { records: records.map(traceRecordJson) },
    render: (style) => renderTraceRecords(records, style, true),
  };
}
