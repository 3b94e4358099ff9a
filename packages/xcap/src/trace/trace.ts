import { redactSipMessage, type SipTraceEntry } from '@simplekit/sip-core';

/**
 * XCAP traces are records of `@simplekit/sip-core`'s trace format with `protocol: 'xcap'`, so one sink — sip-core's
 * file tracer — writes SIP and XCAP together (mission: "SIP and XCAP protocol traces can be written to a file, with
 * passwords and digest credentials never written"). `local` is always `''`: undici does not expose a request's socket.
 */
export type XcapTraceEntry = SipTraceEntry & { readonly protocol: 'xcap'; readonly transport: 'http' | 'https' };

/** Where the XCAP client writes its records; any sip-core `TraceSink` fits. */
export interface XcapTraceSink {
  write(record: XcapTraceEntry): void;
}

/**
 * Removes credentials from an HTTP message text before it reaches any sink. HTTP and SIP name their credential
 * headers alike, so this is sip-core's rule: only the scheme of an Authorization value survives.
 */
export const redactHttpMessage: (text: string) => string = redactSipMessage;
