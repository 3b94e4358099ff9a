import { join } from 'node:path';
import type { AccountTrace } from '@simplekit/account';
import { createFileTraceSink, type TraceSink } from '@simplekit/sip-core';

/** Where an account's protocol trace is written: `$XDG_STATE_HOME/simplekit/traces/<account id>.txt`. */
export function traceFileOf(stateDir: string, accountId: string): string {
  return join(stateDir, 'traces', `${encodeURIComponent(accountId)}.txt`);
}

/**
 * The account's trace file: sip-core's file sink (mode 0600, credentials redacted again on write), shared by the
 * SIP user agent, the XCAP client and the engine's notes, so that one file tells the whole story in order.
 */
export function openTraceFile(path: string): TraceSink {
  return createFileTraceSink({ path });
}

/** The engine's trace: XCAP messages and engine notes into the sink. */
export function accountTraceTo(sink: TraceSink, now: () => number = Date.now): AccountTrace {
  return {
    xcap: { write: (entry) => sink.write(entry) },
    note: (level, context, message) =>
      sink.write({ kind: 'note', timestamp: now(), level, text: `${context}: ${message}` }),
  };
}
