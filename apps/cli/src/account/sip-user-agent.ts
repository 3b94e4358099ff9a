import { type AccountDependencies, sipCoreUserAgents } from '@simplekit/account';
import type { TraceSink } from '@simplekit/sip-core';

export interface SipFactoryOptions {
  /** Where every SIP message goes (the account's trace file). */
  readonly trace: TraceSink;
  /** PEM of extra CAs to trust for TLS (the testbed's throw-away CA). */
  readonly caPem?: string;
}

/**
 * The engine's SIP user agent: `@simplekit/sip-core`'s `createUserAgent` (register, publish, subscribe, digest,
 * reconnection and recovery) through `@simplekit/account`'s `sipCoreUserAgents`, which fills in address,
 * credentials, transport, outbound proxy and instance id from the account configuration.
 */
export function sipUserAgentFactory(options: SipFactoryOptions): NonNullable<AccountDependencies['sip']> {
  return sipCoreUserAgents({
    trace: options.trace,
    ...(options.caPem === undefined ? {} : { tls: { ca: options.caPem } }),
  });
}
