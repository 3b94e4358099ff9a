import { createUserAgent, type UserAgentOptions } from '@simplekit/sip-core';
import type { SipUserAgentInit } from '../engine/dependencies.js';
import type { SipUserAgentPort } from '../ports/sip.js';
import { adaptSipCoreUserAgent, type SipCoreUserAgentLike } from './sip-core-adapter.js';

/** What the app adds to the user agent's options: TLS trust, a trace sink, a resolver, reconnect backoff, … */
export type SipCoreExtraOptions = Omit<
  Partial<UserAgentOptions>,
  'aor' | 'credentials' | 'transport' | 'outboundProxy' | 'instanceId' | 'displayName' | 'userAgent'
>;

/** The options of `createUserAgent` that come from the account configuration. */
export interface SipCoreUserAgentOptionsLike {
  readonly aor: string;
  readonly credentials: { readonly username?: string; readonly password: string };
  readonly transport?: 'tls' | 'tcp';
  readonly outboundProxy?: string;
  readonly instanceId?: string;
  readonly displayName?: string;
  readonly userAgent?: string;
}

/**
 * The `sip` dependency of `createAccount` built on `@simplekit/sip-core`'s `createUserAgent`: the account's address,
 * credentials, transport, outbound proxy (as a loose-routing SIP URI, RFC 3261 §8.1.2), instance id and user agent
 * go into the user agent's options; `extra` adds what only the app knows.
 *
 * ```ts
 * createAccount(config, { ..., sip: sipCoreUserAgents({ tls: { ca }, trace: createFileTraceSink({ path }) }) });
 * ```
 *
 * `create` replaces `createUserAgent` (tests).
 */
export function sipCoreUserAgents(
  extra: SipCoreExtraOptions = {},
  create: (options: SipCoreUserAgentOptionsLike & SipCoreExtraOptions) => SipCoreUserAgentLike = createUserAgent,
): (init: SipUserAgentInit) => SipUserAgentPort {
  return (init) => {
    const { config, credentials } = init;
    const proxy = config.outboundProxy;
    const options: SipCoreUserAgentOptionsLike = {
      aor: config.address,
      credentials: { username: credentials.username, password: credentials.password },
      transport: config.transport,
      ...(proxy ? { outboundProxy: `sip:${proxy.host}:${proxy.port};transport=${proxy.transport};lr` } : {}),
      instanceId: init.instanceId,
      ...(config.displayName !== undefined ? { displayName: config.displayName } : {}),
      userAgent: init.userAgent,
    };
    return adaptSipCoreUserAgent(create({ ...extra, ...options }));
  };
}
