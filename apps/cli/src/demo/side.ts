import {
  type Account,
  type AccountSnapshot,
  createAccount,
  createFileStorage,
  createStaticHostInfo,
} from '@simplekit/account';
import type { TestbedInfo } from '@simplekit/testbed';
import { sipUserAgentFactory } from '../account/sip-user-agent.js';
import { accountTraceTo, openTraceFile, traceFileOf } from '../account/trace-file.js';
import { CliError } from '../frame/errors.js';
import { raceSignal } from '../frame/progress.js';
import type { Style } from '../frame/style.js';
import { rosterFacts } from '../render/roster-facts.js';
import type { Narrator } from './narrator.js';
import { type DemoWorld, testbedUser } from './testbed.js';

/** One person of the demo: their engine, as the CLI would run it on their own machine. */
export interface DemoSide {
  readonly name: 'alice' | 'bob';
  readonly account: Account;
  readonly aor: string;
  /** Resolves with the first snapshot for which `done` holds; rejects after `timeoutMs` or on interruption. */
  until(what: string, done: (s: AccountSnapshot) => boolean, timeoutMs?: number): Promise<AccountSnapshot>;
  /** Stops printing what this side sees. */
  mute(): void;
}

export interface DemoSideOptions {
  readonly world: DemoWorld;
  readonly name: 'alice' | 'bob';
  readonly narrator: Narrator;
  readonly style: Style;
  readonly signal: AbortSignal;
  readonly version: string;
}

/** The account config of a testbed user: SIP over TCP to the testbed's address, XCAP at its root. */
export function demoConfig(testbed: TestbedInfo, name: string) {
  const user = testbedUser(testbed, name);
  return {
    address: user.aor,
    password: user.password,
    displayName: name === 'alice' ? 'Alice' : 'Bob',
    transport: 'tcp' as const,
    outboundProxy: { host: testbed.host, port: testbed.sip.tcpPort, transport: 'tcp' as const },
    xcapRoot: testbed.xcap.root,
    switches: { publishLocation: true },
  };
}

/** Creates one side's engine with its own XDG folders and prints every change it sees through the narrator. */
export function createDemoSide(options: DemoSideOptions): DemoSide {
  const { world, name, narrator, style, signal } = options;
  const home = world.homeOf(name);
  const config = demoConfig(world.testbed, name);
  const trace = openTraceFile(traceFileOf(home.state, name));
  const sip = sipUserAgentFactory({ trace, caPem: world.testbed.caPem });
  const account = createAccount(config, {
    storage: createFileStorage(home),
    hostInfo: createStaticHostInfo({
      description: `${name}-laptop`,
      userAgent: `SimpleKit-CLI/${options.version} (demo)`,
    }),
    trace: accountTraceTo(trace),
    sip,
  });
  let facts = rosterFacts(account.getSnapshot(), style);
  let muted = false;
  account.subscribe((snapshot) => {
    const next = rosterFacts(snapshot, style);
    if (!muted)
      for (const [key, text] of next) if (facts.get(key) !== text && key !== 'health') narrator.sees(name, text);
    facts = next;
  });
  return {
    name,
    account,
    aor: config.address,
    mute: () => {
      muted = true;
    },
    until(what, done, timeoutMs = 20_000) {
      const now = account.getSnapshot();
      if (done(now)) return Promise.resolve(now);
      let off = () => {};
      let timer: NodeJS.Timeout | undefined;
      const wait = new Promise<AccountSnapshot>((resolve, reject) => {
        off = account.subscribe((s) => {
          if (done(s)) resolve(s);
        });
        timer = setTimeout(
          () => reject(new CliError('CLI_TIMEOUT', `${name} did not see ${what} within ${timeoutMs / 1000} s`)),
          timeoutMs,
        );
      });
      return raceSignal(wait, signal).finally(() => {
        off();
        clearTimeout(timer);
      });
    },
  };
}
