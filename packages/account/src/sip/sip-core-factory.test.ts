import { describe, expect, it } from 'vitest';
import { resolveAccountConfig } from '../config/config.js';
import type { SipCoreUserAgentLike } from './sip-core-adapter.js';
import { type SipCoreUserAgentOptionsLike, sipCoreUserAgents } from './sip-core-factory.js';

describe('sip-core user agent factory', () => {
  it('fills the user agent options from the account configuration and adds what the app gives', () => {
    const seen: unknown[] = [];
    const create = (options: SipCoreUserAgentOptionsLike) => {
      seen.push(options);
      return {} as SipCoreUserAgentLike;
    };
    const config = resolveAccountConfig({
      address: 'sip:alice@simplekit.test',
      password: 'pw',
      displayName: 'Alice',
      transport: 'tcp',
      outboundProxy: { host: '127.0.0.1', port: 5070 },
    });
    sipCoreUserAgents(
      { tls: { ca: 'PEM' } },
      create,
    )({
      config,
      credentials: { username: 'alice', password: 'pw' },
      instanceId: 'urn:uuid:1',
      userAgent: 'SimpleKit',
    });
    expect(seen).toEqual([
      {
        aor: 'sip:alice@simplekit.test',
        credentials: { username: 'alice', password: 'pw' },
        transport: 'tcp',
        outboundProxy: 'sip:127.0.0.1:5070;transport=tcp;lr',
        instanceId: 'urn:uuid:1',
        displayName: 'Alice',
        tls: { ca: 'PEM' },
        userAgent: 'SimpleKit',
      },
    ]);
  });
});
