import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatTraceRecord, redactSipMessage, type SipTraceRecord, type TraceSink } from './trace.js';

export interface FileTraceSinkOptions {
  /** File to append to; its folder is created. Written with mode 0600 since traces hold addresses and bodies. */
  readonly path: string;
}

/**
 * Appends every record to a file, synchronously so that the trace of a crash is complete. Message text is
 * redacted again here, so a caller that builds its own records cannot leak credentials either.
 */
export function createFileTraceSink(options: FileTraceSinkOptions): TraceSink {
  mkdirSync(dirname(options.path), { recursive: true });
  return {
    write(record: SipTraceRecord) {
      const safe = record.kind === 'message' ? { ...record, text: redactSipMessage(record.text) } : record;
      appendFileSync(options.path, formatTraceRecord(safe), { mode: 0o600 });
    },
  };
}

/** Collects records in memory (for tests and for a UI that shows the trace). */
export function createMemoryTraceSink(): TraceSink & { readonly records: SipTraceRecord[] } {
  const records: SipTraceRecord[] = [];
  return {
    records,
    write(record) {
      records.push(record.kind === 'message' ? { ...record, text: redactSipMessage(record.text) } : record);
    },
  };
}
