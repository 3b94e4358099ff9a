import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restartTestbed, startTestbed, stopTestbed, type TestbedInfo } from '@simplekit/testbed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killServer, registeredContacts } from '../../../../proof/faults/kamailio.js';
import { type FaultyProxy, startFaultyProxy } from '../../../../proof/faults/tcp-proxy.js';
import { bodyText } from '../message/build.js';
import type { Publication } from '../publication/publication.js';
import { createStaticResolver } from '../resolver/resolver.js';
import type { Subscription } from '../subscription/subscription.js';
import type { TransportError } from '../transport/errors.js';
import { pidf } from './test-support/pidf.js';
import { testbedUser } from './test-support/testbed-agent.js';
import { presRulesAllowing, xcapPut } from './test-support/xcap-put.js';
import { createUserAgent, type RecoveryReport, type UserAgent } from './user-agent.js';

// Fault injection between a user agent and a private Kamailio (killing and restarting the shared one would disturb
// every other file): a loopback TCP proxy drops, stalls, delays and cuts the connection, then the server itself is
// killed with SIGKILL. After each fault the agent must say so (events) and be registered, published and
// subscribed again within 10 s of the fault ending, with no crash, no unhandled rejection and no duplicates.
const RECOVERY_MS = 10_000;
let tb: TestbedInfo;
let runDir: string;
let proxy: FaultyProxy;
let ua: UserAgent;
let aor: string;
let publication: Publication;
let subscription: Subscription;
const events: string[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  runDir = await mkdtemp(join(tmpdir(), 'simplekit-sip-faults-'));
  tb = await startTestbed({ runDir });
  proxy = await startFaultyProxy({ host: tb.host, port: tb.sip.tcpPort });
  const user = testbedUser(tb, 6);
  aor = user.aor;
  const rules = `${tb.xcap.root}/org.openmobilealliance.pres-rules/users/${user.aor}/index`;
  expect(await xcapPut(rules, 'application/auth-policy+xml', presRulesAllowing([user.aor]), user)).toBe(200);
  ua = createUserAgent({
    aor: user.aor,
    credentials: { username: user.username, password: user.password },
    transport: 'tcp',
    resolver: createStaticResolver([{ transport: 'tcp', address: '127.0.0.1', port: proxy.port, host: tb.domain }]),
    userAgent: 'SimpleKit-faults',
    // A stalled path is only noticed by keep-alive (RFC 5626 §4.4.1); short intervals keep the test short.
    keepAlive: { intervalMs: 1_000, pongTimeoutMs: 1_500 },
    reconnect: { baseMs: 300, maxMs: 2_000 },
  });
  ua.on('disconnected', (error: TransportError) => events.push(`disconnected:${error.code}`));
  ua.on('reconnected', () => events.push('reconnected'));
  ua.on('recovered', (r) =>
    events.push(
      `recovered:${r.registered}/${r.republished}/${r.resubscribed}/${r.failures.map((f) => f.message).join(';')}`,
    ),
  );
  ua.on('registrationFailed', (e) => events.push(`registrationFailed:${e.code}`));
  await ua.register({ expires: 300 });
  publication = await ua.publish('presence', 'application/pidf+xml', pidf(user.aor, 'start'), { expires: 300 });
  subscription = await ua.subscribe(user.aor, 'presence', { expires: 300 });
  subscription.on('resubscribing', (r) => events.push(`resubscribing:${r}`));
  subscription.on('terminated', (t) => events.push(`terminated:${t.reason}:${t.error?.code}`));
}, 60_000);

afterAll(async () => {
  await ua?.close().catch(() => undefined);
  await proxy?.close();
  await stopTestbed(runDir);
  await rm(runDir, { recursive: true, force: true });
  process.off('unhandledRejection', onUnhandled);
});

/** A PIDF body for our own AoR carrying `note`. */
function presenceOf(note: string): Uint8Array {
  return new TextEncoder().encode(pidf(aor, note));
}

/**
 * The next complete recovery. A report with failures can come first (after a SIGKILL the proxy still accepts
 * connections while the server is down, so a reconnect "succeeds" and then loses its requests); the agent must
 * keep trying until one is complete.
 */
function nextRecovery(): Promise<RecoveryReport> {
  return new Promise((resolve) => {
    const off = ua.on('recovered', (report) => {
      if (!report.registered || report.failures.length > 0) return;
      off();
      resolve(report);
    });
  });
}

/** Resolves when a NOTIFY carrying `note` arrives; rejects after `ms`. */
function notifyWith(note: string, ms = RECOVERY_MS): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no NOTIFY with "${note}" within ${ms} ms`));
    }, ms);
    const off = subscription.on('notify', (n) => {
      if (!bodyText(n).includes(note)) return;
      clearTimeout(timer);
      off();
      resolve(n.request.headers.callId());
    });
  });
}

/** Recovery within 10 s of `faultEnded`, complete, then a fresh publish reaches the subscription. */
async function expectRecovered(recovery: Promise<RecoveryReport>, faultEnded: number, note: string): Promise<void> {
  const report = await recovery;
  expect(Date.now() - faultEnded).toBeLessThan(RECOVERY_MS);
  expect(report).toEqual({ registered: true, republished: 1, resubscribed: 1, failures: [] });
  const seen = notifyWith(note);
  await publication.update(presenceOf(note));
  await seen;
}

describe('faults between the user agent and the server', () => {
  it('a dropped connection is reported and everything is restored', async () => {
    const recovery = nextRecovery();
    proxy.dropAll();
    await expectRecovered(recovery, Date.now(), 'after drop');
    expect(events).toContain('disconnected:CONNECTION_RESET');
  });

  it('a stalled path is noticed by keep-alive and restored once it flows again', async () => {
    const before = events.length;
    const recovery = nextRecovery();
    proxy.stall(true);
    await new Promise((r) => setTimeout(r, 4_000));
    proxy.stall(false);
    await expectRecovered(recovery, Date.now(), 'after stall');
    expect(events.slice(before)).toContain('disconnected:KEEPALIVE_TIMEOUT');
  });

  it('a slow path (800 ms each way) still carries PUBLISH and NOTIFY, without reconnecting', async () => {
    const before = events.length;
    proxy.delay(800);
    try {
      const seen = notifyWith('slow path');
      await publication.update(presenceOf('slow path'));
      await seen;
    } finally {
      proxy.delay(0);
    }
    expect(events.slice(before)).toEqual([]);
  });

  it('a message cut mid-way by a dying connection is reported and everything is restored', async () => {
    const before = events.length;
    const recovery = nextRecovery();
    proxy.cutNextFromServer();
    // The next server message (the 200 to this PUBLISH, or the NOTIFY it triggers) is cut in half.
    await publication.update(presenceOf('cut')).catch(() => undefined);
    await expectRecovered(recovery, Date.now(), 'after cut');
    expect(events.slice(before).some((e) => e.startsWith('disconnected:'))).toBe(true);
  });

  it('after four network faults nothing piled up: one registration, one subscription dialog', async () => {
    // Registrar: RFC 5626 §6 (+sip.instance, reg-id) replaces the old flow's contact instead of adding one.
    const contacts = await registeredContacts(runDir, aor.slice(4, aor.indexOf('@')));
    expect(contacts).toHaveLength(1);
    // Presence: one publish now reaches us through exactly one dialog (one Call-ID), not one per fault. (The
    // presence module keeps watchers in memory and writes them to its database only every db_update_period, 100 s
    // by default, so the table is still empty here and cannot be counted.)
    const callIds = new Set<string>();
    const off = subscription.on('notify', (n) => {
      if (bodyText(n).includes('final')) callIds.add(n.request.headers.callId());
    });
    await publication.update(presenceOf('final'));
    await new Promise((r) => setTimeout(r, 2_000));
    off();
    expect(callIds.size).toBe(1);
    // One live connection: every broken one was replaced, none left behind or doubled.
    expect(proxy.open).toBe(1);
  });
  it('the server killed with SIGKILL and restarted: restored within 10 s of the restart', async () => {
    const before = events.length;
    const recovery = nextRecovery();
    killServer(tb.pid);
    await new Promise((r) => setTimeout(r, 500));
    tb = await restartTestbed(tb);
    await expectRecovered(recovery, Date.now(), 'after kill');
    expect(events.slice(before)[0]).toMatch(/^disconnected:/);
  });

  it('after the crash too: still registered once, still subscribed, no unhandled rejection, no crash', async () => {
    expect(await registeredContacts(runDir, aor.slice(4, aor.indexOf('@')))).toHaveLength(1);
    expect(subscription.status).toBe('active');
    expect(unhandled).toEqual([]);
  });
});
