import type { TestbedInfo, TestbedUser } from '@simplekit/testbed';
import { createXcapClient } from '@simplekit/xcap';
import { type Account, createAccount } from '../engine/account.js';
import type { AccountDependencies } from '../engine/dependencies.js';
import type { AccountEvent } from '../engine/events.js';
import { createStaticHostInfo } from '../host/host-info.js';
import { createFileStorage } from '../storage/account-storage.js';
import { readOnlySwitch } from './faults-storage.js';
import { privateDirs } from './testbed-account.js';

export interface FaultDevice {
  readonly account: Account;
  readonly events: AccountEvent[];
  readonly dirs: { config: string; state: string };
  /** Fails every state write with EROFS while on (used where a real read-only mount is not allowed). */
  setReadOnly(on: boolean): void;
}

/**
 * An engine for a testbed user on private directories whose XCAP root and SIP outbound proxy may point at the fault
 * proxies instead of the server.
 */
export async function faultDevice(
  tb: TestbedInfo,
  user: TestbedUser,
  options: {
    readonly xcapRoot?: string;
    readonly dirs?: { config: string; state: string };
    readonly sip?: AccountDependencies['sip'];
    readonly outboundProxy?: { host: string; port: number; transport: 'tcp' };
    readonly refreshSeconds?: number;
    /** Per-request XCAP timeout; the client's default (10 s) otherwise. */
    readonly xcapTimeoutMs?: number;
  } = {},
): Promise<FaultDevice> {
  const dirs = options.dirs ?? (await privateDirs());
  const disk = readOnlySwitch(createFileStorage(dirs));
  const account = createAccount(
    {
      address: user.aor,
      password: user.password,
      xcapRoot: options.xcapRoot ?? tb.xcap.root,
      transport: 'tcp',
      xcapRefreshSeconds: options.refreshSeconds ?? 300,
      ...(options.outboundProxy ? { outboundProxy: options.outboundProxy } : {}),
    },
    {
      storage: disk.storage,
      hostInfo: createStaticHostInfo({ description: `${user.username}'s test host`, userAgent: 'SimpleKit faults' }),
      xcap: (o) =>
        createXcapClient({
          ...o,
          retryDelayMs: 50,
          ...(options.xcapTimeoutMs !== undefined ? { timeoutMs: options.xcapTimeoutMs } : {}),
        }),
      ...(options.sip ? { sip: options.sip } : {}),
    },
  );
  const events: AccountEvent[] = [];
  account.subscribe((_s, e) => events.push(...e));
  return { account, events, dirs, setReadOnly: disk.setReadOnly };
}
