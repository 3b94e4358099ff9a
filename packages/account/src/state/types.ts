import type { HealthCode } from './health-code.js';

/** The statuses a user can pick; `extended-away` and the others follow the AG Projects extended status (XMPP-like). */
export type Availability = 'available' | 'away' | 'busy' | 'extended-away' | 'offline';

export const AVAILABILITIES: readonly Availability[] = ['available', 'away', 'busy', 'extended-away', 'offline'];

/** Blink's per-contact policy values: `default` leaves the decision to the server's rules for unlisted watchers. */
export type PolicyValue = 'allow' | 'block' | 'default';

/** The two presence switches of a contact: "subscribe to this contact's presence", "allow them to see mine". */
export interface PresenceSwitches {
  readonly policy: PolicyValue;
  readonly subscribe: boolean;
}

/** One address of a contact. `type` is the label the UI shows (`SIP`, `tel`, `XMPP`, …), as Blink writes it. */
export interface ContactUri {
  readonly id: string;
  readonly uri: string;
  readonly type?: string;
}

/** What an address book holds, before any live presence is attached. */
export interface ContactEntry {
  readonly id: string;
  readonly name: string;
  readonly uris: readonly ContactUri[];
  /** Id of the default URI (Blink `<uris default>`). */
  readonly defaultUri?: string;
  readonly presence: PresenceSwitches;
  readonly dialog: PresenceSwitches;
  /** Client-side extra fields (the address book `<attributes>` bag); `null` is an explicit nil. */
  readonly attributes: Readonly<Record<string, string | null>>;
}

export interface GroupEntry {
  readonly id: string;
  readonly name: string;
  readonly contactIds: readonly string[];
}

/** A policy for an address that is no contact (Blink `<policy-element>`): an allowed or blocked watcher. */
export interface PolicyEntry {
  readonly id: string;
  readonly uri: string;
  readonly name?: string;
  readonly presence: PresenceSwitches;
}

/** The address book as the engine shows it. */
export interface AddressBook {
  readonly contacts: readonly ContactEntry[];
  readonly groups: readonly GroupEntry[];
  readonly policies: readonly PolicyEntry[];
}

export const EMPTY_ADDRESS_BOOK: AddressBook = Object.freeze({
  contacts: Object.freeze([]),
  groups: Object.freeze([]),
  policies: Object.freeze([]),
});

/** One device (PIDF-DM device, or a tuple with a device id) of a contact, for "call this device" menus. */
export interface DeviceView {
  readonly id: string;
  /** The GRUU or contact address to reach exactly this device (RFC 5627). */
  readonly contact?: string;
  readonly description?: string;
  readonly userAgent?: string;
  /** RFC 4480 time-offset in minutes. */
  readonly timeOffsetMinutes?: number;
  readonly idle?: boolean;
  readonly availability: Availability;
  readonly notes: readonly string[];
}

/** Subscription state of one presentity in our RLS list (RFC 4662 resource state). */
export type PresenceSubscriptionState = 'active' | 'pending' | 'terminated' | 'unknown';

/** Everything received about one address, summarised for tiles, and kept raw for the presence information panel. */
export interface PresenceView {
  readonly uri: string;
  readonly subscription: PresenceSubscriptionState;
  readonly terminationReason?: string;
  readonly availability: Availability;
  /** The extended status word as received (`available`, `away`, `busy`, `extended-away`, `offline`, or other). */
  readonly status?: string;
  readonly notes: readonly string[];
  readonly displayName?: string;
  readonly icon?: string;
  readonly location?: string;
  readonly homepage?: string;
  readonly devices: readonly DeviceView[];
  /** The PIDF documents as received (one per RLS instance), for the "presence information" panel. */
  readonly documents: readonly string[];
  readonly updatedAt: number;
}

/** A contact with its live presence: the best availability of its URIs, their notes, icon and devices. */
export interface Contact extends ContactEntry {
  readonly groupIds: readonly string[];
  readonly live: ContactPresence;
}

export interface ContactPresence {
  readonly availability: Availability;
  readonly notes: readonly string[];
  readonly icon?: string;
  readonly devices: readonly DeviceView[];
  /** Presence per URI of the contact, for the information panel. */
  readonly byUri: readonly PresenceView[];
  /** True while one of the contact's subscriptions waits for the contact's authorisation. */
  readonly pending: boolean;
}

export interface Group extends GroupEntry {}

/** Watcher states of RFC 3857 §3.5 (watcherinfo). */
export type WatcherStatus = 'pending' | 'active' | 'waiting' | 'terminated';

export interface Watcher {
  readonly uri: string;
  readonly displayName?: string;
  readonly status: WatcherStatus;
  /** The watcherinfo event that led to this status (`subscribe`, `approved`, `rejected`, …). */
  readonly event?: string;
}

/** An entry of the Blocked group: a contact or policy whose presence policy is `block`. */
export interface BlockedEntry {
  readonly uri: string;
  readonly name?: string;
  readonly contactId?: string;
}

export interface OwnIcon {
  /** The XCAP URL of the pres-content document, as published in CIPID `icon`. */
  readonly url: string;
  readonly mimeType: string;
  readonly etag?: string;
  /** SHA-1 of the image bytes, to tell a replicated icon from a new one. */
  readonly hash: string;
}

export interface StatusHistoryEntry {
  readonly status: Availability;
  readonly note: string;
  readonly at: number;
}

/** What we publish, and what watchers see while no device of ours is online (pidf-manipulation). */
export interface OwnPresence {
  readonly status: Availability;
  readonly note: string;
  readonly location?: string;
  readonly homepage?: string;
  readonly icon?: OwnIcon;
  readonly offline?: OfflineStatus;
  readonly history: readonly StatusHistoryEntry[];
}

export type HealthState = 'idle' | 'working' | 'ok' | 'failed' | 'stopped';

/** How one part of the engine is doing, with the reason a user can read when it is not fine. */
export interface Health {
  readonly state: HealthState;
  readonly reason?: string;
  /** Why, as a stable code (set with failures and waits; see `HealthCode`). */
  readonly code?: HealthCode;
  readonly since: number;
  /** When the next attempt is scheduled after a failure. */
  readonly retryAt?: number;
}

export interface AccountHealth {
  readonly connection: Health;
  readonly registration: Health & { readonly gruu?: string };
  readonly publication: Health;
  readonly presenceList: Health;
  readonly watcherInfo: Health;
  readonly xcapDiff: Health;
  readonly storage: Health & { readonly pendingEdits: number; readonly lastSyncAt?: number };
}

/** One immutable picture of an account. Unchanged parts keep their identity from one snapshot to the next. */
export interface AccountSnapshot {
  readonly accountId: string;
  readonly address: string;
  readonly running: boolean;
  readonly health: AccountHealth;
  readonly own: OwnPresence;
  readonly contacts: readonly Contact[];
  readonly groups: readonly Group[];
  readonly policies: readonly PolicyEntry[];
  /** Presence by URI, for every address in the presence list. */
  readonly presence: Readonly<Record<string, PresenceView>>;
  /** Every watcher of our presence as the server reported it. */
  readonly watchers: readonly Watcher[];
  /** "New Contact Requests": pending watchers we have not decided about. */
  readonly newContactRequests: readonly Watcher[];
  /** "People watching my presence": active watchers. */
  readonly watching: readonly Watcher[];
  /** "Blocked": everyone whose presence policy is `block`. */
  readonly blocked: readonly BlockedEntry[];
  /** What the XCAP server said it supports (RFC 4825 §12 xcap-caps), once read. */
  readonly xcapCapabilities?: { readonly auids: readonly string[]; readonly namespaces: readonly string[] };
}

/** What watchers see while no device is online (stored with pidf-manipulation, RFC 4827). */
export interface OfflineStatus {
  readonly status: Availability;
  readonly note: string;
}
