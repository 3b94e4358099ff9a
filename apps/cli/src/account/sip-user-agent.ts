import type { SipUserAgentInit, SipUserAgentPort } from '@simplekit/account';

export interface SipFactoryOptions {
  /** File the SIP trace is appended to. */
  readonly traceFile: string;
  /** PEM of extra CAs to trust for TLS (the testbed's throw-away CA). */
  readonly caPem?: string;
}

/**
 * SEAM: the engine takes its SIP user agent as a factory producing `SipUserAgentPort` (an adapter over
 * `@simplekit/sip-core`'s `UserAgent`). sip-core does not export its user agent yet and `@simplekit/account` ships
 * no adapter, so this returns `undefined` and the engine runs with XCAP storage only (its connection health says
 * "no SIP user agent"). When either package exports one, return it here; nothing else in the CLI changes.
 */
export function sipUserAgentFactory(
  _options: SipFactoryOptions,
): ((init: SipUserAgentInit) => SipUserAgentPort) | undefined {
  return undefined;
}
