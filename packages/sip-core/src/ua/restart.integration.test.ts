import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restartTestbed, startTestbed, stopTestbed, type TestbedInfo } from '@simplekit/testbed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyText } from '../message/build.js';
import { createMemoryTraceSink } from '../trace/file-sink.js';
import { pidf } from './test-support/pidf.js';
import { testbedAgent, testbedUser } from './test-support/testbed-agent.js';
import { presRulesAllowing, xcapPut } from './test-support/xcap-put.js';
import type { RecoveryReport } from './user-agent.js';

// A private server: restarting the shared one would disturb every other test file.
let tb: TestbedInfo;
let runDir: string;
beforeAll(async () => {
  runDir = await mkdtemp(join(tmpdir(), 'simplekit-sip-restart-'));
  tb = await startTestbed({ runDir });
});
afterAll(async () => {
  await stopTestbed(runDir);
  await rm(runDir, { recursive: true, force: true });
});

describe('a server restart in the middle of a session', () => {
  it('reconnects, re-registers, re-publishes and re-subscribes within 10 seconds', async () => {
    const user = testbedUser(tb, 0);
    const rules = `${tb.xcap.root}/org.openmobilealliance.pres-rules/users/${user.aor}/index`;
    expect(await xcapPut(rules, 'application/auth-policy+xml', presRulesAllowing([user.aor]), user)).toBe(200);
    const trace = createMemoryTraceSink();
    // Default reconnect settings: the 10-second promise must hold without tuning.
    const ua = testbedAgent(tb, user, 'tls', { trace });
    try {
      const before = await ua.register({ expires: 300 });
      await ua.publish('presence', 'application/pidf+xml', pidf(user.aor, 'before restart'), { expires: 300 });
      const subscription = await ua.subscribe(user.aor, 'presence', { expires: 300 });

      const events: string[] = [];
      ua.on('disconnected', () => events.push('disconnected'));
      ua.on('reconnected', () => events.push('reconnected'));
      subscription.on('resubscribing', (reason) => events.push(`resubscribing:${reason}`));
      const recovered = new Promise<RecoveryReport>((resolve) => ua.once('recovered', resolve));
      const notified = new Promise<string>((resolve) =>
        subscription.on('notify', (n) => {
          if (events.includes('reconnected') && n.state.state === 'active') resolve(bodyText(n));
        }),
      );

      await restartTestbed(tb, 300);
      const restartedAt = Date.now();
      const report = await recovered;
      expect(Date.now() - restartedAt).toBeLessThan(10_000);
      expect(report).toEqual({ registered: true, republished: 1, resubscribed: 1, failures: [] });
      expect(events.slice(0, 3)).toEqual(['disconnected', 'reconnected', 'resubscribing:reconnect']);
      expect(ua.registration?.info?.cause).toBe('reconnect');
      expect(ua.registration?.info?.contact).not.toBe(before.contact);
      expect(await notified).toContain('before restart');
    } finally {
      await ua.close();
    }
  });
});
