import type { AccountCommands, AccountSnapshot, Availability } from '@simplekit/account';

/** What the set-up form collects; the host turns it into an `AccountConfigInput` and saves it. */
export interface AccountSetupInput {
  readonly address: string;
  readonly password: string;
  readonly displayName?: string;
  /** XCAP root URL; empty means none (the engine then runs without XCAP storage). */
  readonly xcapRoot?: string;
  /** Outbound proxy as `host[:port][;transport=tcp|tls]`. */
  readonly proxy?: string;
}

/** An account the user configured, as the account switcher lists it. */
export interface AccountSummary {
  readonly id: string;
  readonly address: string;
  readonly displayName?: string;
}

/** Where the engine of the active account is in its life. */
export type AccountPhase = 'no-account' | 'starting' | 'ready' | 'failed';

/** The last command that failed, for the error banner. */
export interface CommandFailure {
  readonly method: string;
  readonly code: string;
  readonly message: string;
  readonly at: number;
}

/** Everything the renderer shows: the engine snapshot plus what only the app knows. Plain JSON. */
export interface DesktopState {
  readonly accounts: readonly AccountSummary[];
  readonly activeAccountId: string | null;
  readonly phase: AccountPhase;
  /** Why the active account could not start (a configuration or storage error), in words. */
  readonly failure: string | null;
  readonly snapshot: AccountSnapshot | null;
  /** `data:` URLs of contacts' icons by URI (the host fetches them through the engine, with its credentials). */
  readonly contactIcons: Readonly<Record<string, string>>;
  /** `data:` URL of our own icon, once known. */
  readonly ownIcon: string | null;
  readonly preferences: { readonly publishLocation: boolean } | null;
  readonly trace: { readonly enabled: boolean; readonly file: string | null };
  readonly lastFailure: CommandFailure | null;
}

export const INITIAL_STATE: DesktopState = Object.freeze({
  accounts: [],
  activeAccountId: null,
  phase: 'no-account',
  failure: null,
  snapshot: null,
  contactIcons: {},
  ownIcon: null,
  preferences: null,
  trace: { enabled: false, file: null },
  lastFailure: null,
});

/** An image picked by the user, base64 so that it crosses JSON and structured clone alike. */
export interface IconUpload {
  readonly base64: string;
  readonly mimeType: string;
}

/**
 * The commands the renderer may send. Arguments are JSON values (`null`, never `undefined`, means "remove"), so
 * the same calls cross Electron IPC and the WebSocket bridge unchanged.
 */
/** The address-book and watcher commands cross the bridge exactly as the engine declares them. */
type EngineCommands = Pick<
  AccountCommands,
  | 'addContact'
  | 'updateContact'
  | 'removeContact'
  | 'addContactUri'
  | 'updateContactUri'
  | 'removeContactUri'
  | 'addGroup'
  | 'renameGroup'
  | 'removeGroup'
  | 'addToGroup'
  | 'removeFromGroup'
  | 'allowWatcher'
  | 'denyWatcher'
  | 'blockWatcher'
  | 'unblockWatcher'
>;

export interface DesktopCommands extends EngineCommands {
  getState(): Promise<DesktopState>;
  setupAccount(input: AccountSetupInput): Promise<string>;
  switchAccount(id: string): Promise<void>;
  setStatus(status: Availability, note?: string): Promise<void>;
  setNote(note: string): Promise<void>;
  setLocation(location: string | null): Promise<void>;
  setHomepage(url: string | null): Promise<void>;
  setPublishLocation(on: boolean): Promise<void>;
  setIcon(icon: IconUpload | null): Promise<void>;
  setOfflineStatus(offline: { readonly status: Availability; readonly note: string } | null): Promise<void>;
  /** Hands one device's address (its GRUU) to the system's SIP handler; only addresses the contact published. */
  openDeviceAddress(contactId: string, address: string): Promise<void>;
  setTraceEnabled(on: boolean): Promise<void>;
  /** Opens the trace file with the system's viewer; resolves with its path. */
  openTraceFile(): Promise<string>;
}

export type DesktopMethod = keyof DesktopCommands;

/** The API the renderer holds, whichever way it is served: the commands plus a state subscription. */
export interface DesktopApi extends DesktopCommands {
  /** Calls `listener` with every new state; returns the unsubscribe function. */
  onState(listener: (state: DesktopState) => void): () => void;
}
