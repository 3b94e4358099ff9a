/**
 * XCAP traces are records of `@simplekit/sip-core`'s trace format (`SipTraceEntry` with `protocol: 'xcap'`), so one
 * sink — sip-core's file tracer — writes SIP and XCAP together (mission: "SIP and XCAP protocol traces can be
 * written to a file, with passwords and digest credentials never written").
 *
 * sip-core's public index does not export its `trace/` module yet, and packages import each other only through
 * their index, so these two types are the XCAP subset of sip-core's `SipTraceEntry` and `TraceSink` written out
 * structurally: any sip-core `TraceSink` is assignable to `XcapTraceSink`. When sip-core exports them, replace these
 * with `import type { SipTraceEntry, TraceSink } from '@simplekit/sip-core'` and `redactSipMessage`.
 */
export interface XcapTraceEntry {
  readonly kind: 'message';
  readonly protocol: 'xcap';
  /** Wall-clock time in ms since the epoch. */
  readonly timestamp: number;
  readonly direction: 'sent' | 'received';
  readonly transport: 'http' | 'https';
  /** Our end; always `''` because undici does not expose the socket of a request. */
  readonly local: string;
  /** The server as `host:port`. */
  readonly remote: string;
  /** The HTTP message as text (start line, headers, empty line, body), credentials redacted. */
  readonly text: string;
}

/** Where the XCAP client writes its records; a sip-core `TraceSink` fits. */
export interface XcapTraceSink {
  write(record: XcapTraceEntry): void;
}

// Same rule as sip-core's `redactSipMessage` (kept in step with it until sip-core exports it): only the scheme of an
// Authorization value survives, since a digest response is password-equivalent for its nonce.
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization)([ \t]*:[ \t]*)(\S+)?.*$/gim;

/** Removes credentials from an HTTP message text before it reaches any sink. */
export function redactHttpMessage(text: string): string {
  return text.replace(CREDENTIAL_HEADER, (_line, name: string, sep: string, scheme: string | undefined) =>
    scheme === undefined ? `${name}${sep}[redacted]` : `${name}${sep}${scheme} [redacted]`,
  );
}
