import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestbed, stopTestbed, type TestbedInfo, type TestbedUser } from '@simplekit/testbed';
import { createXcapClient, type XcapTraceEntry } from '@simplekit/xcap';
import { type Account, createAccount } from '../engine/account.js';
import type { AccountDependencies } from '../engine/dependencies.js';
import type { AccountEvent } from '../engine/events.js';
import { createStaticHostInfo } from '../host/host-info.js';
import type { AccountSnapshot } from '../state/types.js';
import { createFileStorage } from '../storage/account-storage.js';

export function testbedUser(tb: TestbedInfo, name: string): TestbedUser {
  const user = tb.users.find((u) => u.username === name);
  if (!user) throw new Error(`the testbed has no user ${name}`);
  return user;
}

const created: string[] = [];

/** Private XDG roots for one device (removed by `removePrivateDirs`). */
export async function privateDirs(): Promise<{ config: string; state: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'simplekit-account-'));
  created.push(dir);
  return { config: join(dir, 'config'), state: join(dir, 'state') };
}

/** Removes every folder `privateDirs` made in this test file. */
export async function removePrivateDirs(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

export interface TestbedDevice {
  readonly account: Account;
  readonly events: AccountEvent[];
  readonly xcapTrace: XcapTraceEntry[];
  readonly dirs: { config: string; state: string };
}

/** An engine for a testbed user on private XDG directories, XCAP traced in memory. */
export async function testbedDevice(
  tb: TestbedInfo,
  user: TestbedUser,
  options: {
    dirs?: { config: string; state: string };
    refreshSeconds?: number;
    sip?: AccountDependencies['sip'];
    outboundProxy?: { host: string; port: number; transport: 'tcp' | 'tls' };
  } = {},
): Promise<TestbedDevice> {
  const dirs = options.dirs ?? (await privateDirs());
  const xcapTrace: XcapTraceEntry[] = [];
  const account = createAccount(
    {
      address: user.aor,
      password: user.password,
      xcapRoot: tb.xcap.root,
      transport: 'tcp',
      xcapRefreshSeconds: options.refreshSeconds ?? 300,
      ...(options.outboundProxy ? { outboundProxy: options.outboundProxy } : {}),
    },
    {
      storage: createFileStorage(dirs),
      hostInfo: createStaticHostInfo({ description: `${user.username}'s test host`, userAgent: 'SimpleKit test' }),
      trace: { xcap: { write: (e) => xcapTrace.push(e) } },
      xcap: (o) => createXcapClient({ ...o, retryDelayMs: 50 }),
      ...(options.sip ? { sip: options.sip } : {}),
    },
  );
  const events: AccountEvent[] = [];
  account.subscribe((_s, e) => events.push(...e));
  return { account, events, xcapTrace, dirs };
}

/** Resolves with the first snapshot (now or later) that satisfies `test`. */
export function waitFor(
  account: Account,
  test: (s: AccountSnapshot) => boolean,
  timeoutMs = 5000,
): Promise<AccountSnapshot> {
  const now = account.getSnapshot();
  if (test(now)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(
        new Error(`condition not met within ${timeoutMs} ms; health: ${JSON.stringify(account.getSnapshot().health)}`),
      );
    }, timeoutMs);
    const off = account.subscribe((s) => {
      if (!test(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

/**
 * A private Kamailio for one test file: the account tests write every document of their users and restart the
 * server, which would disturb the other files sharing the global testbed.
 */
export function privateTestbed(): { start(): Promise<TestbedInfo>; stop(): Promise<void> } {
  let runDir: string | undefined;
  return {
    async start() {
      runDir = await mkdtemp(join(tmpdir(), 'simplekit-account-testbed-'));
      return startTestbed({ runDir });
    },
    async stop() {
      if (runDir === undefined) return;
      await stopTestbed(runDir);
      await rm(runDir, { recursive: true, force: true });
    },
  };
}
