import { type AccountDependencies, type SipCoreExtraOptions, sipCoreUserAgents } from '@simplekit/account';
import type { TraceWriter } from './trace-file.js';

/** Builds the engine's `sip` dependency with the trace switch's sink; `undefined` runs XCAP storage only. */
export type SipFactory = (trace: TraceWriter) => AccountDependencies['sip'];

/**
 * The `sip` dependency over sip-core's user agent, through the engine's own `sipCoreUserAgents`; `extra` adds what
 * only the app knows (TLS trust, reconnect backoff). The trace switch's sink receives every SIP message.
 */
export function sipFactory(extra: Omit<SipCoreExtraOptions, 'trace'> = {}): SipFactory {
  return (trace) => sipCoreUserAgents({ ...extra, trace });
}

/** sip-core's redacting file sink, as `createFileTraceSink({ path })` builds it. */
export type FileTraceSinkFactory = (options: { readonly path: string }) => TraceWriter;

/**
 * sip-core's redacting file sink, which writes the trace layout the CLI reads. Async so that the sink's module
 * loads only when the app starts its host.
 */
export async function loadFileTraceSink(): Promise<FileTraceSinkFactory> {
  const { createFileTraceSink } = await import('@simplekit/sip-core');
  return (options) => createFileTraceSink(options);
}
