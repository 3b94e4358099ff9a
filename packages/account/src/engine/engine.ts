import { applyJournal, emptyAddressBook, type AddressBook as ModelBook } from '@simplekit/contacts-model';
import type { AccountConfig, Credentials } from '../config/config.js';
import { AccountStoppedError } from '../errors.js';
import { type Clock, systemClock } from '../host/clock.js';
import { loadInstanceId } from '../host/instance-id.js';
import { type Journal, openJournal } from '../journal/journal.js';
import type { SipNotify } from '../ports/sip.js';
import type { XcapPort } from '../ports/xcap.js';
import { PresenceList, type PresenceListUpdate } from '../presence/presence-list.js';
import { WatcherList } from '../presence/watcher-list.js';
import { addressBookView } from '../state/book-view.js';
import { type AccountEdit, validateEdit } from '../state/edits.js';
import { healthCodeOf } from '../state/health-code.js';
import {
  type AccountHealth,
  type AccountSnapshot,
  type AddressBook,
  EMPTY_ADDRESS_BOOK,
  type Health,
  type OwnPresence,
  type PresenceView,
} from '../state/types.js';
import type { StateFiles } from '../storage/account-storage.js';
import { createStore, type WritableStore } from '../store/store.js';
import type { AddressBookSync } from '../sync/address-book-sync.js';
import { readCapabilities, type XcapCapabilities } from '../sync/capabilities.js';
import { DocumentCache } from '../sync/document-cache.js';
import type { OwnDocumentsSync } from '../sync/own-documents-sync.js';
import { ContactIcons, fetchIconOverHttp, iconGetVia } from './contact-icons.js';
import type { AccountDependencies } from './dependencies.js';
import type { AccountEvent } from './events.js';
import { loadOwnState, saveOwnState } from './own-state.js';
import type { SipSession } from './sip-session.js';
import { startSipSession } from './sip-wiring.js';
import { composeSnapshot, type HealthExtra, initialSnapshot, nextHealth, withDocuments } from './snapshot.js';
import { TaskRunner } from './task-runner.js';
import { startXcapStorage } from './xcap-wiring.js';

function errorOf(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/**
 * The engine's moving parts: storage, journal, XCAP sync, SIP session, and the store every change goes through.
 * Commands (see `commands.ts`) are thin: they compute a change, record it, and call back here.
 */
export class AccountEngine {
  readonly config: AccountConfig;
  readonly clock: Clock;
  readonly store: WritableStore<AccountSnapshot, AccountEvent>;
  readonly #deps: AccountDependencies;
  readonly files: StateFiles;
  #journal: Journal<AccountEdit> | undefined;
  #cache: DocumentCache | undefined;
  #xcap: XcapPort | undefined;
  #addressBook: AddressBookSync | undefined;
  #ownDocs: OwnDocumentsSync | undefined;
  #sip: SipSession | undefined;
  #runner: TaskRunner | undefined;
  #icons: ContactIcons | undefined;
  #model: ModelBook = emptyAddressBook();
  #view: AddressBook = EMPTY_ADDRESS_BOOK;
  readonly #presenceList = new PresenceList({
    now: () => this.clock.now(),
    onDeferred: (update) => this.#presenceChanged(update),
  });
  readonly #watchers = new WatcherList();
  #instanceId = '';
  #state: 'new' | 'starting' | 'running' | 'stopped' = 'new';
  #opened: Promise<void> | undefined;
  #caps: XcapCapabilities | undefined;
  #capsRead = false;
  #stopIdleWatch: (() => void) | undefined;

  constructor(config: AccountConfig, deps: AccountDependencies) {
    this.config = config;
    this.#deps = deps;
    this.clock = deps.clock ?? systemClock;
    this.files = deps.storage.stateOf(config.id);
    this.store = createStore<AccountSnapshot, AccountEvent>(
      initialSnapshot(config, { status: 'available', note: '', history: [] }, this.clock.now()),
      (error) => this.note('error', 'listener', errorOf(error).message),
    );
  }

  get journal(): Journal<AccountEdit> {
    if (!this.#journal) throw new AccountStoppedError();
    return this.#journal;
  }

  get model(): ModelBook {
    return this.#model;
  }

  get icons(): ContactIcons {
    this.#icons ??= new ContactIcons(
      this.files,
      iconGetVia(() => this.#xcap, this.#deps.fetchIcon ?? fetchIconOverHttp),
    );
    return this.#icons;
  }

  get xcap(): XcapPort | undefined {
    return this.#xcap;
  }

  /** Loads what is on disk (journal, cached documents, own state) so commands and views work before start(). */
  open(): Promise<void> {
    this.#opened ??= this.#open().catch((error: unknown) => {
      // A failed open (a corrupt journal, an unreadable directory) is tried again by the next call.
      this.#opened = undefined;
      throw error;
    });
    return this.#opened;
  }

  async #open(): Promise<void> {
    this.#journal = await openJournal({ files: this.files, validate: validateEdit, now: () => this.clock.now() });
    this.#cache = new DocumentCache(this.files);
    await this.#cache.load();
    const own = await loadOwnState(this.files);
    this.#instanceId = await loadInstanceId(this.files);
    this.#refreshModel();
    this.render([], (s) => ({ ...s, own }));
  }

  async start(): Promise<void> {
    if (this.#state !== 'new') return;
    this.#state = 'starting';
    let credentials: Credentials;
    let root: string | undefined;
    try {
      await this.open();
      credentials = await this.config.credentials();
      root = this.config.xcapRoot ?? (await this.#deps.discoverXcapRoot?.(this.config));
    } catch (error) {
      // Nothing was started: the app may fix the cause (unlock the keychain, repair the journal) and start again.
      this.#state = 'new';
      this.setHealth('connection', 'failed', errorOf(error).message, { code: healthCodeOf(error) });
      throw error;
    }
    if (this.#isStopped()) return;
    const { config } = this;
    if (root !== undefined && config.switches.xcapStorage && this.#cache && this.#journal) {
      const storage = startXcapStorage({
        config,
        credentials,
        root,
        deps: this.#deps,
        clock: this.clock,
        cache: this.#cache,
        journal: this.#journal,
        supports: (auid) => this.#caps === undefined || this.#caps.auids.includes(auid),
      });
      this.#xcap = storage.xcap;
      this.#addressBook = storage.addressBook;
      this.#ownDocs = storage.ownDocs;
      const cached = this.#ownDocs.cached();
      this.#refreshModel();
      this.render([], (s) => ({ ...s, own: withDocuments(s.own, cached.icon, cached.offline) }));
      this.#runner = new TaskRunner({
        clock: this.clock,
        run: () => this.#syncOnce(),
        periodMs: config.xcapRefreshSeconds * 1000,
        // Issue 12: back within 10 s of a fault's end, so no wait between tries is longer than 8 s.
        maxRetryMs: 8_000,
        onError: (error, retryInMs) => {
          const e = errorOf(error);
          this.setHealth('storage', 'failed', e.message, { code: healthCodeOf(error) }, this.clock.now() + retryInMs);
          this.problem('xcap-sync', e);
        },
      });
      // The first fetch comes before any SUBSCRIBE: the RLS needs our rls-services document to exist.
      await this.#runner.request();
      if (this.#isStopped()) {
        this.#runner.stop();
        return;
      }
    } else {
      this.setHealth('storage', 'idle', root === undefined ? 'no XCAP root configured' : 'XCAP storage is off', {
        code: 'no-xcap',
      });
    }
    this.#state = 'running';
    this.render([{ type: 'started' }], (s) => ({ ...s, running: true }));
    const createUa = this.#deps.sip;
    if (!createUa) {
      this.setHealth('connection', 'idle', 'no SIP user agent', { code: 'no-sip' });
      return;
    }
    const { session, stopIdleWatch } = startSipSession({
      ua: createUa({ config, credentials, instanceId: this.#instanceId, userAgent: this.#deps.hostInfo.userAgent }),
      config,
      clock: this.clock,
      host: this.#deps.hostInfo,
      instanceId: this.#instanceId,
      own: () => this.store.getSnapshot().own,
      rlsServiceReady: () => this.#cache?.get('rlsServices') !== undefined,
      setHealth: (component, state, reason, extra) => this.setHealth(component, state, reason, extra),
      onPresenceNotify: (n) => this.#onPresenceNotify(n),
      onPresenceNewDialog: () => this.#presenceList.restart(),
      onWatcherInfoNotify: (n) => this.#onWatcherInfoNotify(n),
      onWatcherInfoNewDialog: () => this.#watchers.newDialog(),
      onReconnected: () => void this.requestSync(),
      problem: (context, error) => this.problem(context, errorOf(error)),
      note: (context, message) => this.note('info', context, message),
    });
    this.#sip = session;
    this.#stopIdleWatch = stopIdleWatch;
  }

  async stop(): Promise<void> {
    if (this.#state === 'stopped') return;
    const wasRunning = this.#state !== 'new';
    this.#state = 'stopped';
    this.#runner?.stop();
    this.#stopIdleWatch?.();
    this.#presenceList.close();
    await this.#runner?.idle();
    await this.#sip?.stop();
    await this.#journal?.flushed();
    if (wasRunning) this.setHealth('storage', 'stopped');
    this.render([{ type: 'stopped' }], (s) => ({ ...s, running: false }));
  }

  ensureOpen(): void {
    if (this.#isStopped()) throw new AccountStoppedError();
  }

  /** Read through a method so that checks after an `await` see a `stop()` made meanwhile. */
  #isStopped(): boolean {
    return this.#state === 'stopped';
  }

  /** Records an edit durably, shows it at once, and asks for a sync (which sends it when the server is there). */
  async recordEdit(edit: AccountEdit): Promise<number> {
    this.ensureOpen();
    await this.open();
    const entry = await this.journal.append(edit);
    this.#refreshModel();
    this.render([
      { type: 'edit-recorded', seq: entry.seq, op: edit.op },
      ...(edit.op === 'address-book' ? [{ type: 'address-book', source: 'local-edit' } as const] : []),
    ]);
    void this.requestSync();
    return entry.seq;
  }

  /** Changes our own state, keeps it on disk and publishes it. */
  async updateOwn(recipe: (own: OwnPresence) => OwnPresence): Promise<void> {
    this.ensureOpen();
    await this.open();
    const before = this.store.getSnapshot().own;
    const after = recipe(before);
    if (after === before) return;
    this.render([{ type: 'own' }], (s) => ({ ...s, own: Object.freeze(after) }));
    await saveOwnState(this.files, after);
    this.#sip?.republish();
  }

  requestSync(): Promise<void> {
    return this.#runner?.request() ?? Promise.resolve();
  }

  /** Resolves when no sync, no journal write and no decoding of received presence is in progress. */
  async settled(): Promise<void> {
    await this.#runner?.idle();
    await this.#journal?.flushed();
    await this.#presenceList.decoded();
  }

  presenceOf(uri: string): PresenceView | undefined {
    return this.store.getSnapshot().presence[uri];
  }

  async #syncOnce(): Promise<void> {
    const sync = this.#addressBook;
    const own = this.#ownDocs;
    if (!sync || !own) return;
    this.setHealth('storage', 'working', 'synchronising');
    if (!this.#capsRead && this.#xcap) await this.#readCapabilities(this.#xcap);
    const hadServices = this.#cache?.get('rlsServices') !== undefined;
    const result = await sync.sync();
    const docs = await own.sync();
    for (const p of docs.problems) this.problem(`xcap-${p.document}`, errorOf(p.error));
    const before = this.#view;
    this.#refreshModel();
    const iconBefore = this.store.getSnapshot().own.icon;
    this.render(
      [
        {
          type: 'synced',
          written: result.written,
          acknowledged: [...result.acknowledged, ...docs.acknowledged],
          preconditionFailures: result.preconditionFailures,
          conflicts: result.conflicts.length,
        },
        ...(this.#view !== before ? [{ type: 'address-book', source: 'server' } as const] : []),
      ],
      (s) => ({ ...s, own: withDocuments(s.own, docs.icon, docs.offline) }),
    );
    this.setHealth('storage', 'ok', undefined, { lastSyncAt: this.clock.now() });
    // A new icon is published at once. So is everything after a pres-rules change: some presence servers
    // (Kamailio 5.x) apply a changed rule to existing watchers only with the next notification, so a block would
    // otherwise wait for our next status change to take effect.
    if (this.store.getSnapshot().own.icon?.hash !== iconBefore?.hash || result.written.includes('presRules')) {
      this.#sip?.republish();
    }
    if (!hadServices || result.written.includes('rlsServices')) this.#sip?.ensurePresenceList();
  }

  async #readCapabilities(xcap: XcapPort): Promise<void> {
    const { caps, missing, error } = await readCapabilities(xcap);
    this.#capsRead = true;
    if (error) this.problem('xcap-caps', error);
    if (missing.length > 0) this.problem('xcap-caps', new Error(`the server does not list ${missing.join(', ')}`));
    if (!caps) return;
    this.#caps = caps;
    this.render([], (s) => ({ ...s, xcapCapabilities: caps }));
  }

  #refreshModel(): void {
    if (this.#addressBook) this.#model = this.#addressBook.optimistic();
    else {
      const ops = (this.#journal?.pending() ?? []).flatMap((e) => (e.edit.op === 'address-book' ? e.edit.ops : []));
      this.#model = applyJournal(emptyAddressBook(), ops);
    }
    this.#view = addressBookView(this.#model, this.#view);
  }

  #onPresenceNotify(notify: SipNotify): void {
    if (notify.body.byteLength === 0 || notify.contentType === undefined) return;
    try {
      const update = this.#presenceList.apply(notify.body, notify.contentType);
      if (update.needsFullState) this.#sip?.resubscribe('presenceList');
      this.#presenceChanged(update);
    } catch (error) {
      this.problem('rls-notify', errorOf(error));
    }
  }

  /** Views of the presence list changed, with a NOTIFY or with a batch of bodies decoded after it. */
  #presenceChanged(update: PresenceListUpdate): void {
    for (const p of update.problems) this.problem('rls-notify', p.error);
    if (update.changed.length > 0) this.render([{ type: 'presence', uris: update.changed }]);
  }

  #onWatcherInfoNotify(notify: SipNotify): void {
    if (notify.body.byteLength === 0) return;
    try {
      const update = this.#watchers.apply(notify.body);
      if (update.gap) {
        this.problem('winfo', new Error(`watcherinfo version ${update.version} leaves a gap; resubscribing`));
        this.#sip?.resubscribe('watcherInfo');
      }
      if (update.applied) this.render([{ type: 'watchers' }]);
    } catch (error) {
      this.problem('winfo-notify', errorOf(error));
    }
  }

  /** Rebuilds the snapshot from the engine's parts, sharing everything that did not change. */
  render(events: readonly AccountEvent[], recipe?: (s: AccountSnapshot) => AccountSnapshot): void {
    this.store.update(
      (previous) =>
        composeSnapshot(previous, recipe ? recipe(previous) : previous, {
          view: this.#view,
          model: this.#model,
          presence: this.#presenceList.presence,
          winfo: this.#watchers.state,
          pendingEdits: this.#journal?.pending().length ?? 0,
        }),
      events,
    );
  }

  setHealth(
    component: keyof AccountHealth,
    state: Health['state'],
    reason?: string,
    extra?: HealthExtra,
    retryAt?: number,
  ): void {
    const current = this.store.getSnapshot().health[component];
    const next = nextHealth(current, {
      component,
      state,
      now: this.clock.now(),
      pendingEdits: this.#journal?.pending().length ?? 0,
      ...(reason !== undefined ? { reason } : {}),
      ...(retryAt !== undefined ? { retryAt } : {}),
      ...(extra !== undefined ? { extra } : {}),
    });
    if (next === current) return;
    this.store.update(
      (s) => ({ ...s, health: Object.freeze({ ...s.health, [component]: next }) }),
      [{ type: 'health', component, health: next }],
    );
  }

  problem(context: string, error: Error): void {
    this.note('warning', context, error.message);
    this.store.emit([{ type: 'problem', context, error }]);
  }

  note(level: 'info' | 'warning' | 'error', context: string, message: string): void {
    this.#deps.trace?.note?.(level, context, message);
  }
}
