/**
 * Protocol trace entries, one per message on the wire, in a format shared by every SimpleKit protocol (SIP and XCAP)
 * so that one file tracer can write both. Credentials never reach a sink: `Authorization` and `Proxy-Authorization`
 * values are redacted before `write` is called.
 */
export interface TraceEntry {
  /** Milliseconds since the Unix epoch when the message was sent or received. */
  readonly timestamp: number;
  /** `out` for what we sent, `in` for what we received. */
  readonly direction: 'out' | 'in';
  readonly protocol: 'sip' | 'xcap';
  /** Our end as `host:port`, when the transport knows it. */
  readonly local?: string;
  /** The peer as `host:port`. */
  readonly remote: string;
  /** The message as text: start line, headers, empty line, body. */
  readonly message: string;
}

export interface TraceSink {
  write(entry: TraceEntry): void;
}

const CREDENTIAL_HEADER = /^((?:proxy-)?authorization[ \t]*:[ \t]*)([^\s]+)[^\r\n]*/gim;

/** Replaces everything after the scheme of `Authorization`/`Proxy-Authorization` headers with `[redacted]`. */
export function redactCredentials(message: string): string {
  return message.replace(CREDENTIAL_HEADER, (_whole, head: string, scheme: string) => `${head}${scheme} [redacted]`);
}
