import {
  type Account,
  type AccountSnapshot,
  AccountStateError,
  createAccount,
  createNodeHostInfo,
  resolveAccountConfig,
  type StoredAccount,
} from '@simplekit/account';
import { type CommandContext, stringOption } from '../frame/command.js';
import { CliError, CliUsageError } from '../frame/errors.js';
import { cliPaths } from '../frame/paths.js';
import { raceSignal } from '../frame/progress.js';
import { cliVersion } from '../version.js';
import { accountIdOf, chooseAccount, storageOf } from './registry.js';
import { sipUserAgentFactory } from './sip-user-agent.js';
import { accountTraceTo, openTraceFile, traceFileOf } from './trace-file.js';

/** One account's engine for the length of one command. */
export interface Session {
  readonly account: Account;
  readonly stored: StoredAccount;
  readonly traceFile: string;
  /** The engine was started (registered, subscribed) rather than only opened from disk. */
  readonly online: boolean;
  /** The engine has a SIP user agent (see `sip-user-agent.ts`); without one it runs XCAP storage only. */
  readonly sip: boolean;
  snapshot(): AccountSnapshot;
  /**
   * Resolves with the first snapshot for which `done` holds (the current one included); rejects with `CLI_TIMEOUT`
   * after the session's timeout, or with `CLI_INTERRUPTED` on Ctrl-C.
   */
  until(label: string, done: (s: AccountSnapshot) => boolean): Promise<AccountSnapshot>;
}

export interface SessionOptions {
  /** Start the engine: fetch XCAP documents (and with `sip`, register, publish, subscribe). Else only the disk. */
  readonly online: boolean;
  /**
   * Give the engine its SIP user agent (default: when online). Commands that only change stored documents leave it
   * out, so that an edit does not briefly publish this device's presence to every watcher.
   */
  readonly sip?: boolean;
}

function timeoutOf(context: CommandContext, command: string): number {
  const value = stringOption(context, 'timeout');
  if (value === undefined) return 20_000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new CliUsageError(`--timeout: expected seconds, got ${value}`, command);
  return seconds * 1000;
}

function waitFor(
  account: Account,
  signal: AbortSignal,
  timeoutMs: number,
  label: string,
  done: (s: AccountSnapshot) => boolean,
) {
  const current = account.getSnapshot();
  if (done(current)) return Promise.resolve(current);
  // A registration the server refused (wrong password, unknown user) will not answer anything else either.
  const refused = (s: AccountSnapshot) =>
    s.health.registration.state === 'failed'
      ? new CliError(
          'CLI_NOT_REGISTERED',
          `${label}: registration failed: ${s.health.registration.reason ?? 'no reason given'}`,
        )
      : undefined;
  const early = refused(current);
  if (early !== undefined) return Promise.reject(early);
  let off = () => {};
  let timer: NodeJS.Timeout | undefined;
  const settled = new Promise<AccountSnapshot>((resolve, reject) => {
    off = account.subscribe((snapshot) => {
      if (done(snapshot)) resolve(snapshot);
      const error = refused(snapshot);
      if (error !== undefined) reject(error);
    });
    timer = setTimeout(
      () => reject(new CliError('CLI_TIMEOUT', `${label}: no answer within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
  });
  return raceSignal(settled, signal).finally(() => {
    off();
    clearTimeout(timer);
  });
}

/**
 * Loads the engine's saved state (journal, cached documents, own state) without going online.
 *
 * SEAM: `Account` has no public `open()`; every command opens the engine first, and `fetchContactIcon` of an address
 * without presence opens it and then refuses with `AccountStateError`, changing nothing. Replace with
 * `account.open()` once `@simplekit/account` exports it.
 */
async function openOffline(account: Account): Promise<void> {
  try {
    await account.fetchContactIcon('sip:nobody.invalid');
  } catch (error) {
    if (!(error instanceof AccountStateError)) throw error;
  }
}

/**
 * Opens the chosen account's engine, runs `work`, and always stops the engine — on success, on error and on
 * Ctrl-C — so that publications, subscriptions and the registration are removed (RFC 3903 §4.5, RFC 6665 §4.1.2.3,
 * RFC 3261 §10.2.2 all by the engine) and the journal keeps whatever was not yet stored.
 */
export async function withSession<T>(
  context: CommandContext,
  command: string,
  options: SessionOptions,
  work: (session: Session) => Promise<T>,
): Promise<T> {
  const timeoutMs = timeoutOf(context, command);
  const storage = storageOf(context.io);
  const accounts = await storage.loadAccounts();
  const stored = chooseAccount(accounts, stringOption(context, 'account'), context.io, command);
  const config = resolveAccountConfig(stored.password === undefined ? { ...stored, password: '' } : stored);
  const id = accountIdOf(stored);
  const traceFile = traceFileOf(cliPaths(context.io.env).state, id);
  const trace = openTraceFile(traceFile);
  const sip = options.online && options.sip !== false ? sipUserAgentFactory({ trace }) : undefined;
  const account = createAccount(config, {
    storage,
    hostInfo: createNodeHostInfo({ userAgent: `SimpleKit-CLI/${cliVersion()}` }),
    trace: accountTraceTo(trace),
    ...(sip === undefined ? {} : { sip }),
  });
  const session: Session = {
    account,
    stored,
    traceFile,
    online: options.online,
    sip: sip !== undefined,
    snapshot: () => account.getSnapshot(),
    until: (label, done) => context.progress.run(label, () => waitFor(account, context.signal, timeoutMs, label, done)),
  };
  let started = false;
  try {
    if (!options.online) await openOffline(account);
    if (options.online) {
      started = true;
      await context.progress.run(`connecting ${id}`, () => account.start());
    }
    return await work(session);
  } finally {
    if (started) {
      // Stopping must finish even after Ctrl-C; a second Ctrl-C ends the process at once (bin.ts).
      await context.progress.run(`signing out ${id}`, () => account.stop(), { uninterruptible: true });
    }
  }
}
