import {
  type Account,
  type AccountDependencies,
  type AccountSnapshot,
  type AccountStorage,
  type Clock,
  createAccount,
  type HostInfo,
  resolveAccountConfig,
  type StoredAccount,
} from '@simplekit/account';
import type { DesktopCommands, DesktopMethod, DesktopState } from '../bridge/api.js';
import { INITIAL_STATE } from '../bridge/api.js';
import { DesktopError } from '../bridge/errors.js';
import { type CallOutcome, checkCall, failureOf } from '../bridge/protocol.js';
import { accountIdOf, storedAccountOf, summaryOf } from './account-setup.js';
import { ContactIconCache } from './contact-icon-cache.js';
import type { SipFactory } from './sip-user-agents.js';
import {
  appendingTraceWriter,
  createTraceSwitch,
  type TraceSwitch,
  type TraceWriter,
  traceFileOf,
} from './trace-file.js';

export interface DesktopHostOptions {
  readonly storage: AccountStorage;
  readonly hostInfo: HostInfo;
  /** The XDG state folder; traces go to `<stateDir>/traces/<account>.txt`. */
  readonly stateDir: string;
  /** Builds the SIP user agent; without it the engine runs XCAP storage only (its health says so). */
  readonly sip?: SipFactory;
  /** Opens a trace file for writing; sip-core's redacting file sink when available. */
  readonly traceWriter?: (path: string) => TraceWriter;
  /** Hands a SIP address to the system's handler (Electron `shell.openExternal`). */
  readonly openExternal: (uri: string) => Promise<void>;
  /** Opens a file with the system's viewer (Electron `shell.openPath`). */
  readonly openPath: (path: string) => Promise<void>;
  readonly clock?: Clock;
  /** Extra engine dependencies (tests pass an XCAP client with short retries). */
  readonly engine?: Pick<AccountDependencies, 'xcap' | 'fetchIcon'>;
}

/** The bridge host: one engine at a time behind the typed commands, and the state the renderer shows. */
export interface DesktopHost {
  getState(): DesktopState;
  onState(listener: (state: DesktopState) => void): () => void;
  /** Runs one command from either transport; never throws, the outcome carries the error code. */
  call(method: unknown, args: unknown): Promise<CallOutcome>;
  /** Loads `accounts.json` and starts the first account. */
  start(): Promise<void>;
  /** Stops the engine (unpublish, unsubscribe, unregister). */
  stop(): Promise<void>;
}

type Handlers = { readonly [M in DesktopMethod]: DesktopCommands[M] };

export function createDesktopHost(options: DesktopHostOptions): DesktopHost {
  const now = () => options.clock?.now() ?? Date.now();
  const listeners = new Set<(state: DesktopState) => void>();
  let state: DesktopState = INITIAL_STATE;
  let stored: StoredAccount[] = [];
  let account: Account | undefined;
  let unsubscribe = () => {};
  let trace: TraceSwitch | undefined;
  let traceWanted = false;
  let generation = 0;
  let pushQueued = false;
  // Account switches run one after another: a second switch waits until the first engine has started or failed,
  // so that no engine is left running unseen.
  let lifecycle: Promise<void> = Promise.resolve();
  const enqueue = (work: () => Promise<void>): Promise<void> => {
    const next = lifecycle.then(work, work);
    lifecycle = next.catch(() => {});
    return next;
  };

  const update = (patch: Partial<DesktopState>) => {
    state = { ...state, ...patch };
    // Snapshots come in bursts (one per NOTIFY, one per health change); one push per tick is enough.
    if (pushQueued) return;
    pushQueued = true;
    queueMicrotask(() => {
      pushQueued = false;
      for (const listener of [...listeners]) listener(state);
    });
  };

  const active = (): Account => {
    if (account === undefined) throw new DesktopError('DESKTOP_NO_ACCOUNT', 'no account is set up');
    return account;
  };

  const activeStored = (): StoredAccount => {
    const found = stored.find((s) => accountIdOf(s) === state.activeAccountId);
    if (found === undefined) throw new DesktopError('DESKTOP_NO_ACCOUNT', 'no account is set up');
    return found;
  };

  async function deactivate(): Promise<void> {
    generation++;
    unsubscribe();
    unsubscribe = () => {};
    const previous = account;
    account = undefined;
    if (previous !== undefined) await previous.stop();
  }

  async function activate(entry: StoredAccount): Promise<void> {
    await deactivate();
    const mine = generation;
    const id = accountIdOf(entry);
    const path = traceFileOf(options.stateDir, id);
    trace = createTraceSwitch(path, (options.traceWriter ?? appendingTraceWriter)(path), now);
    trace.enabled = traceWanted;
    update({
      activeAccountId: id,
      phase: 'starting',
      failure: null,
      snapshot: null,
      contactIcons: {},
      ownIcon: null,
      preferences: { publishLocation: entry.switches?.publishLocation === true },
      trace: { enabled: traceWanted, file: path },
    });
    let engine: Account;
    try {
      const sip = options.sip?.(trace.sink);
      engine = createAccount(resolveAccountConfig(entry), {
        storage: options.storage,
        hostInfo: options.hostInfo,
        trace: trace.account,
        ...(options.clock === undefined ? {} : { clock: options.clock }),
        ...(sip === undefined ? {} : { sip }),
        ...options.engine,
      });
    } catch (error) {
      update({ phase: 'failed', failure: error instanceof Error ? error.message : String(error) });
      return;
    }
    account = engine;
    const cache = new ContactIconCache(
      engine,
      (contactIcons) => {
        if (mine === generation) update({ contactIcons });
      },
      (uri, error) => trace?.account.note?.('warning', 'contact icon', `${uri}: ${String(error)}`),
    );
    const onSnapshot = (snapshot: AccountSnapshot) => {
      if (mine !== generation) return;
      update({ snapshot });
      cache.refresh(snapshot);
    };
    unsubscribe = engine.subscribe((snapshot) => onSnapshot(snapshot));
    onSnapshot(engine.getSnapshot());
    try {
      await engine.start();
      if (mine === generation) update({ phase: 'ready' });
    } catch (error) {
      if (mine === generation)
        update({ phase: 'failed', failure: error instanceof Error ? error.message : String(error) });
    }
  }

  async function saveStored(next: StoredAccount[]): Promise<void> {
    await options.storage.saveAccounts(next);
    stored = next;
    update({ accounts: next.map(summaryOf) });
  }

  const engineCall = <T>(work: (a: Account) => Promise<T>) => work(active());

  const handlers: Handlers = {
    getState: async () => state,
    async setupAccount(input) {
      const entry = storedAccountOf(input);
      const id = accountIdOf(entry);
      await saveStored([...stored.filter((s) => accountIdOf(s) !== id), entry]);
      void enqueue(() => activate(entry));
      return id;
    },
    async switchAccount(id) {
      const entry = stored.find((s) => accountIdOf(s) === id);
      if (entry === undefined) throw new DesktopError('DESKTOP_NO_ACCOUNT', `no account ${id}`);
      void enqueue(() => activate(entry));
    },
    setStatus: (status, note) => engineCall((a) => a.setStatus(status, note ?? undefined)),
    setNote: (note) => engineCall((a) => a.setNote(note)),
    setLocation: (location) => engineCall((a) => a.setLocation(location ?? undefined)),
    setHomepage: (url) => engineCall((a) => a.setHomepage(url ?? undefined)),
    async setPublishLocation(on) {
      const entry = activeStored();
      const next = { ...entry, switches: { ...entry.switches, publishLocation: on } };
      await saveStored(stored.map((s) => (s === entry ? next : s)));
      // The switch is part of the account's configuration: the engine restarts to publish (or drop) CIPID map.
      void enqueue(() => activate(next));
    },
    async setIcon(icon) {
      const a = active();
      if (icon === null) {
        await a.setIcon(undefined);
        update({ ownIcon: null });
        return;
      }
      await a.setIcon({ data: Buffer.from(icon.base64, 'base64'), mimeType: icon.mimeType });
      update({ ownIcon: `data:${icon.mimeType};base64,${icon.base64}` });
    },
    setOfflineStatus: (offline) => engineCall((a) => a.setOfflineStatus(offline ?? undefined)),
    addContact: (contact) => engineCall((a) => a.addContact(contact)),
    updateContact: (id, changes) => engineCall((a) => a.updateContact(id, changes)),
    removeContact: (id) => engineCall((a) => a.removeContact(id)),
    addContactUri: (contactId, uri) => engineCall((a) => a.addContactUri(contactId, uri)),
    updateContactUri: (contactId, uriId, uri) => engineCall((a) => a.updateContactUri(contactId, uriId, uri)),
    removeContactUri: (contactId, uriId) => engineCall((a) => a.removeContactUri(contactId, uriId)),
    addGroup: (name) => engineCall((a) => a.addGroup(name)),
    renameGroup: (id, name) => engineCall((a) => a.renameGroup(id, name)),
    removeGroup: (id) => engineCall((a) => a.removeGroup(id)),
    addToGroup: (groupId, contactId) => engineCall((a) => a.addToGroup(groupId, contactId)),
    removeFromGroup: (groupId, contactId) => engineCall((a) => a.removeFromGroup(groupId, contactId)),
    allowWatcher: (uri, name) => engineCall((a) => a.allowWatcher(uri, name ?? undefined)),
    denyWatcher: (uri, name) => engineCall((a) => a.denyWatcher(uri, name ?? undefined)),
    blockWatcher: (uri, name) => engineCall((a) => a.blockWatcher(uri, name ?? undefined)),
    unblockWatcher: (uri) => engineCall((a) => a.unblockWatcher(uri)),
    async openDeviceAddress(contactId, address) {
      const contact = active()
        .getSnapshot()
        .contacts.find((c) => c.id === contactId);
      // Only an address the contact's own devices published may reach the system's URL handler.
      if (contact?.live.devices.some((d) => d.contact === address) !== true) {
        throw new DesktopError('DESKTOP_REFUSED', `${address} is not a device address of this contact`);
      }
      await options.openExternal(address);
    },
    async setTraceEnabled(on) {
      traceWanted = on;
      if (trace !== undefined) trace.enabled = on;
      update({ trace: { enabled: on, file: trace?.path ?? null } });
    },
    async openTraceFile() {
      if (trace === undefined) throw new DesktopError('DESKTOP_NO_ACCOUNT', 'no account is set up');
      await options.openPath(trace.path);
      return trace.path;
    },
  };

  return {
    getState: () => state,
    onState(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async call(method, args) {
      try {
        const checked = checkCall(method, args);
        const handler = handlers[checked.method] as (...a: readonly unknown[]) => Promise<unknown>;
        return { ok: true, value: (await handler(...checked.args)) ?? null };
      } catch (error) {
        const outcome = failureOf(error);
        if (!outcome.ok) {
          update({ lastFailure: { method: String(method), ...outcome.error, at: now() } });
        }
        return outcome;
      }
    },
    async start() {
      stored = [...(await options.storage.loadAccounts())].filter((s) => s.enabled !== false);
      update({ accounts: stored.map(summaryOf) });
      const first = stored[0];
      if (first !== undefined) await enqueue(() => activate(first));
    },
    stop: () => enqueue(deactivate),
  };
}
