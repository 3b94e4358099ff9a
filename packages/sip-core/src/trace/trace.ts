/**
 * One protocol message as it crossed the wire, for the protocol trace. SIP and XCAP share this shape so that one
 * file tracer serves both (mission: "SIP and XCAP protocol traces can be written to a file").
 */
export interface SipTraceEntry {
  readonly kind: 'message';
  /** Which protocol the message belongs to; absent means `sip`. */
  readonly protocol?: 'sip' | 'xcap';
  /** Wall-clock time in ms since the epoch. */
  readonly timestamp: number;
  readonly direction: 'sent' | 'received';
  /** `tcp`/`tls` for SIP; `http`/`https` for XCAP. */
  readonly transport: 'tcp' | 'tls' | 'http' | 'https';
  /** Our end as `host:port`; empty when the transport does not expose it (undici does not, per request). */
  readonly local: string;
  readonly remote: string;
  /** The message text, already redacted by {@link redactSipMessage}. */
  readonly text: string;
}

/** Something the engine wants on record: a connection event, a disabled safety check, a swallowed error. */
export interface SipTraceNote {
  readonly kind: 'note';
  readonly timestamp: number;
  readonly level: 'info' | 'warning' | 'error';
  readonly text: string;
}

export type SipTraceRecord = SipTraceEntry | SipTraceNote;

/** Where trace records go. The engine never writes a message anywhere but through this. */
export interface TraceSink {
  write(record: SipTraceRecord): void;
}

/** Discards everything. */
export const nullTraceSink: TraceSink = { write() {} };

// The header line and any folded continuation lines (RFC 3261 §7.3.1), which would otherwise leak the rest.
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization)([ \t]*:[ \t]*)(\S+)?.*(?:\r?\n[ \t].*)*/gim;

/**
 * Removes credentials from a message text: every Authorization / Proxy-Authorization value keeps only its scheme.
 * A password never reaches the wire, but the digest response is password-equivalent for that nonce, and the
 * username and realm are personal data, so the whole value goes (mission: "digest credentials never written").
 */
export function redactSipMessage(text: string): string {
  return text.replace(CREDENTIAL_HEADER, (_line, name: string, sep: string, scheme: string | undefined) =>
    scheme === undefined ? `${name}${sep}[redacted]` : `${name}${sep}${scheme} [redacted]`,
  );
}

/** Formats a record the way the file sink writes it. */
export function formatTraceRecord(record: SipTraceRecord): string {
  const time = new Date(record.timestamp).toISOString();
  if (record.kind === 'note') return `${time} ${record.level.toUpperCase()} ${record.text}\n\n`;
  const local = record.local || '?';
  const arrow = record.direction === 'sent' ? `${local} -> ${record.remote}` : `${record.remote} -> ${local}`;
  const body = record.text.endsWith('\n') ? record.text : `${record.text}\n`;
  const protocol = record.protocol === 'xcap' ? 'XCAP ' : '';
  return `${time} ${record.direction.toUpperCase()} ${protocol}${record.transport.toUpperCase()} ${arrow} (${Buffer.byteLength(record.text)} bytes)\n${body}\n`;
}
