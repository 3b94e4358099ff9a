import type { TestbedInfo, TestbedUser } from '@simplekit/testbed';
import { createStaticResolver } from '../../resolver/resolver.js';
import type { TransportKind } from '../../transport/connection.js';
import { createUserAgent, type UserAgent, type UserAgentOptions } from '../user-agent.js';

/** A user agent for a testbed user: loopback targets named after the testbed domain, TLS verified with its CA. */
export function testbedAgent(
  tb: TestbedInfo,
  user: TestbedUser,
  transport: TransportKind,
  extra: Partial<UserAgentOptions> = {},
): UserAgent {
  return createUserAgent({
    aor: user.aor,
    credentials: { username: user.username, password: user.password },
    transport,
    resolver: createStaticResolver([
      { transport, address: tb.host, port: transport === 'tls' ? tb.sip.tlsPort : tb.sip.tcpPort, host: tb.domain },
    ]),
    tls: { ca: tb.caPem },
    userAgent: 'SimpleKit-test',
    ...extra,
  });
}

/**
 * The sip-core tests' own user #index: `user001`… on the shared testbed (whose named users belong to the app tests,
 * so that no two test files edit one user's documents), the named users on a private testbed without extras.
 */
export function testbedUser(tb: TestbedInfo, index: number): TestbedUser {
  const own = tb.users.find((u) => u.username === `user${String(index + 1).padStart(3, '0')}`);
  const user = own ?? tb.users[index];
  if (user === undefined) throw new Error(`the testbed has no user #${index}`);
  return user;
}
