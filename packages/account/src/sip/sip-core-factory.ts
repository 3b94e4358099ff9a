import type { SipUserAgentInit } from '../engine/dependencies.js';
import type { SipUserAgentPort } from '../ports/sip.js';
import { adaptSipCoreUserAgent, type SipCoreUserAgentLike } from './sip-core-adapter.js';

/** The options of sip-core's `createUserAgent` that the engine fills in from the account configuration. */
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
 * The `sip` dependency of `createAccount` built on sip-core's `createUserAgent`: the account's address,
 * credentials, transport, outbound proxy (as a loose-routing SIP URI, RFC 3261 §8.1.2), instance id and user agent
 * go into the user agent's options; `extra` adds what only the app knows (TLS trust, a trace sink, a resolver).
 *
 * ```ts
 * import { createUserAgent } from '@simplekit/sip-core';
 * createAccount(config, { ..., sip: sipCoreUserAgents(createUserAgent, { tls: { ca }, trace }) });
 * ```
 */
export function sipCoreUserAgents<Extra extends object>(
  createUserAgent: (options: SipCoreUserAgentOptionsLike & Extra) => SipCoreUserAgentLike,
  extra: Extra,
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
    return adaptSipCoreUserAgent(createUserAgent({ ...options, ...extra }));
  };
}
