import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AccountTrace } from '@simplekit/account';

/** One record of the protocol trace: an XCAP or SIP message (already redacted by its layer) or an engine note. */
export type TraceRecord =
  | {
      readonly kind: 'message';
      readonly timestamp: number;
      readonly direction: 'sent' | 'received';
      readonly protocol?: string;
      readonly transport: string;
      readonly local: string;
      readonly remote: string;
      readonly text: string;
    }
  | { readonly kind: 'note'; readonly timestamp: number; readonly level: string; readonly text: string };

export interface TraceWriter {
  write(record: TraceRecord): void;
}

/** Where an account's trace goes: `<state>/traces/<account id>.txt`, the file the CLI's `trace` command reads. */
export function traceFileOf(stateDir: string, accountId: string): string {
  return join(stateDir, 'traces', `${encodeURIComponent(accountId)}.txt`);
}

// Defence in depth: protocol layers hand over redacted text already; a credential header that slipped through still
// keeps only its scheme (one line, linear).
const CREDENTIALS = /^((?:proxy-)?authorization[ \t]*:[ \t]*)(\S*).*$/gim;

/** A plain appending writer (mode 0600), used when sip-core's file sink is not loadable. */
export function appendingTraceWriter(path: string): TraceWriter {
  return {
    write(record) {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      const time = new Date(record.timestamp).toISOString();
      const line =
        record.kind === 'note'
          ? `${time} ${record.level.toUpperCase()} ${record.text.replace(/\n/g, ' ')}\n\n`
          : `${time} ${record.direction.toUpperCase()} ${(record.protocol ?? 'sip').toUpperCase()} ${record.remote}\n${record.text.replace(CREDENTIALS, '$1$2 [redacted]')}\n\n`;
      appendFileSync(path, line, { mode: 0o600 });
    },
  };
}

/** The trace switch of the UI: records go to the file only while it is on. */
export interface TraceSwitch {
  readonly path: string;
  enabled: boolean;
  /** The sink handed to the SIP user agent and the XCAP client. */
  readonly sink: TraceWriter;
  /** The engine's trace (XCAP messages and notes). */
  readonly account: AccountTrace;
}

export function createTraceSwitch(path: string, writer: TraceWriter, now: () => number = Date.now): TraceSwitch {
  const state = { enabled: false };
  const sink: TraceWriter = {
    write(record) {
      if (state.enabled) writer.write(record);
    },
  };
  return {
    path,
    get enabled() {
      return state.enabled;
    },
    set enabled(on: boolean) {
      state.enabled = on;
    },
    sink,
    account: {
      xcap: { write: (entry) => sink.write(entry) },
      note: (level, context, message) =>
        sink.write({ kind: 'note', timestamp: now(), level, text: `${context}: ${message}` }),
    },
  };
}
