import { type AccountConfig, type AccountConfigInput, resolveAccountConfig } from '../config/config.js';
import type { AccountSnapshot } from '../state/types.js';
import type { Store } from '../store/store.js';
import { type AccountCommands, createCommands } from './commands.js';
import type { AccountDependencies } from './dependencies.js';
import { AccountEngine } from './engine.js';
import type { AccountEvent } from './events.js';

/**
 * One account: an observable store of immutable snapshots with typed events, the commands that change it, and
 * its lifecycle. Apps hold no protocol logic: whatever they show is in the snapshot, whatever they do is a command.
 */
export interface Account extends Store<AccountSnapshot, AccountEvent>, AccountCommands {
  readonly config: AccountConfig;
  /**
   * Loads the journal and cached documents, fetches the XCAP documents (writing back what needs normalising or
   * what the journal holds), then registers, publishes and subscribes. Resolves once the first fetch has been
   * tried; SIP progress shows in `health`.
   */
  start(): Promise<void>;
  /** Unsubscribes, unpublishes, unregisters; the journal keeps whatever was not sent. */
  stop(): Promise<void>;
  /** Refetches the XCAP documents now (also done periodically, on reconnect and on xcap-diff). */
  refresh(): Promise<void>;
  /** Resolves once no sync is running and every journal write is on disk. */
  settled(): Promise<void>;
}

/** Creates the engine of one account. Nothing happens on the network until `start()`. */
export function createAccount(config: AccountConfig | AccountConfigInput, deps: AccountDependencies): Account {
  const resolved =
    'id' in config && 'switches' in config && typeof config.credentials === 'function'
      ? (config as AccountConfig)
      : resolveAccountConfig(config as AccountConfigInput);
  const engine = new AccountEngine(resolved, deps);
  const commands = createCommands(engine);
  return {
    config: resolved,
    getSnapshot: () => engine.store.getSnapshot(),
    subscribe: (listener) => engine.store.subscribe(listener),
    start: () => engine.start(),
    stop: () => engine.stop(),
    refresh: () => engine.requestSync(),
    settled: () => engine.settled(),
    ...commands,
  };
}
