import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AccountTrace } from '@simplekit/account';
import type { XcapTraceEntry } from '@simplekit/xcap';

/** Where an account's protocol trace is written: `$XDG_STATE_HOME/simplekit/traces/<account id>.txt`. */
export function traceFileOf(stateDir: string, accountId: string): string {
  return join(stateDir, 'traces', `${encodeURIComponent(accountId)}.txt`);
}

/** A trace record as `@simplekit/sip-core` writes it; XCAP entries are records with `protocol: 'xcap'`. */
export type TraceRecordInput =
  | (Omit<XcapTraceEntry, 'protocol' | 'transport'> & {
      readonly protocol?: 'sip' | 'xcap';
      readonly transport: 'tcp' | 'tls' | 'http' | 'https';
    })
  | {
      readonly kind: 'note';
      readonly timestamp: number;
      readonly level: 'info' | 'warning' | 'error';
      readonly text: string;
    };

// SEAM: sip-core has `createFileTraceSink`/`formatTraceRecord` but does not export them yet; this writes the same
// layout (the one `simplekit decode` and `simplekit trace` read) until it does. Messages arrive already redacted by
// the protocol layer that produced them.
export function formatRecord(record: TraceRecordInput): string {
  const time = new Date(record.timestamp).toISOString();
  if (record.kind === 'note') return `${time} ${record.level.toUpperCase()} ${record.text.replace(/\n/g, ' ')}\n\n`;
  const local = record.local || '?';
  const arrow = record.direction === 'sent' ? `${local} -> ${record.remote}` : `${record.remote} -> ${local}`;
  const body = record.text.endsWith('\n') ? record.text : `${record.text}\n`;
  const protocol = record.protocol === 'xcap' ? 'XCAP ' : '';
  return `${time} ${record.direction.toUpperCase()} ${protocol}${record.transport.toUpperCase()} ${arrow} (${Buffer.byteLength(record.text)} bytes)\n${body}\n`;
}

/** Appends records to the account's trace file (mode 0600: traces hold addresses and bodies). */
export function createTraceFile(path: string): { write(record: TraceRecordInput): void } {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  return {
    write(record) {
      appendFileSync(path, formatRecord(record), { mode: 0o600 });
    },
  };
}

/** The engine's trace: XCAP messages and engine notes into the trace file. */
export function accountTraceTo(path: string, now: () => number = Date.now): AccountTrace {
  const file = createTraceFile(path);
  return {
    xcap: { write: (entry) => file.write(entry) },
    note: (level, context, message) =>
      file.write({ kind: 'note', timestamp: now(), level, text: `${context}: ${message}` }),
  };
}
