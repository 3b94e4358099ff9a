import type { AddressBook as ModelBook } from '@simplekit/contacts-model';
import type { WatcherInfoState } from '@simplekit/pidf';
import type { AccountConfig } from '../config/config.js';
import { blockedView, requestsView } from '../state/book-view.js';
import { deriveContacts, deriveWatching } from '../state/derive.js';
import type { HealthCode } from '../state/health-code.js';
import type { AccountHealth, AccountSnapshot, AddressBook, Health, OwnPresence, PresenceView } from '../state/types.js';
import { EMPTY_ADDRESS_BOOK } from '../state/types.js';
import { watchersOf } from './watchers.js';

export function health(
  state: Health['state'],
  since: number,
  reason?: string,
  retryAt?: number,
  code?: HealthCode,
): Health {
  return Object.freeze({
    state,
    since,
    ...(reason !== undefined ? { reason } : {}),
    ...(code !== undefined ? { code } : {}),
    ...(retryAt !== undefined ? { retryAt } : {}),
  });
}

export const DEFAULT_OWN: OwnPresence = Object.freeze({ status: 'available', note: '', history: Object.freeze([]) });

export function initialSnapshot(config: AccountConfig, own: OwnPresence, now: number): AccountSnapshot {
  const idle = health('idle', now);
  const healthState: AccountHealth = {
    connection: idle,
    registration: idle,
    publication: idle,
    presenceList: idle,
    watcherInfo: idle,
    xcapDiff: idle,
    storage: { ...idle, pendingEdits: 0 },
  };
  return Object.freeze({
    accountId: config.id,
    address: config.address,
    running: false,
    health: Object.freeze(healthState),
    own,
    contacts: Object.freeze([]),
    groups: EMPTY_ADDRESS_BOOK.groups,
    policies: EMPTY_ADDRESS_BOOK.policies,
    presence: Object.freeze({}),
    watchers: Object.freeze([]),
    newContactRequests: Object.freeze([]),
    watching: Object.freeze([]),
    blocked: Object.freeze([]),
  });
}

/** The parts of the engine a snapshot is derived from. */
export interface SnapshotParts {
  readonly view: AddressBook;
  readonly model: ModelBook;
  readonly presence: Readonly<Record<string, PresenceView>>;
  readonly winfo: WatcherInfoState;
  readonly pendingEdits: number;
}

/**
 * The next snapshot: `base` (the previous one, or what a recipe made of it) with every derived part recomputed
 * against the previous snapshot, so that unchanged parts keep their identity. Returns `previous` itself when
 * nothing changed.
 */
export function composeSnapshot(
  previous: AccountSnapshot,
  base: AccountSnapshot,
  parts: SnapshotParts,
): AccountSnapshot {
  const watchers = watchersOf(parts.winfo, previous.watchers);
  const blocked = blockedView(parts.model, previous.blocked);
  const next: AccountSnapshot = {
    ...base,
    contacts: deriveContacts(parts.view, parts.presence, previous.contacts),
    groups: parts.view.groups,
    policies: parts.view.policies,
    presence: parts.presence,
    watchers,
    newContactRequests: requestsView(parts.model, watchers, previous.newContactRequests),
    blocked,
    watching: deriveWatching(watchers, blocked, previous.watching),
    health: base.health,
  };
  const samePending = base.health.storage.pendingEdits === parts.pendingEdits;
  const same =
    base === previous &&
    samePending &&
    (Object.keys(next) as (keyof AccountSnapshot)[]).every((k) => next[k] === previous[k]);
  if (same) return previous;
  const healthState = samePending
    ? base.health
    : Object.freeze({
        ...base.health,
        storage: Object.freeze({ ...base.health.storage, pendingEdits: parts.pendingEdits }),
      });
  return Object.freeze({ ...next, health: healthState });
}

/** The health of one component after a change; the current object when nothing a user can see changed. */
export function nextHealth<K extends keyof AccountHealth>(
  current: AccountHealth[K],
  change: {
    readonly component: K;
    readonly state: Health['state'];
    readonly reason?: string;
    readonly retryAt?: number;
    readonly now: number;
    readonly pendingEdits: number;
    readonly extra?: HealthExtra;
  },
): AccountHealth[K] {
  const since = current.state === change.state && current.reason === change.reason ? current.since : change.now;
  const base: Record<string, unknown> = {
    ...health(change.state, since, change.reason, change.retryAt, change.extra?.code),
  };
  if (change.component === 'registration') {
    const gruu = change.extra?.gruu ?? ('gruu' in current ? current.gruu : undefined);
    if (gruu !== undefined) base.gruu = gruu;
  }
  if (change.component === 'storage') {
    base.pendingEdits = change.pendingEdits;
    const last = change.extra?.lastSyncAt ?? ('lastSyncAt' in current ? current.lastSyncAt : undefined);
    if (last !== undefined) base.lastSyncAt = last;
  }
  const same =
    Object.keys(base).length === Object.keys(current).length &&
    Object.entries(base).every(([k, v]) => (current as unknown as Record<string, unknown>)[k] === v);
  // `base` holds exactly the fields of AccountHealth[K]: Health plus gruu (registration) or the storage counters.
  return same ? current : (Object.freeze(base) as unknown as AccountHealth[K]);
}

/** Own state with the icon and offline status read from XCAP; the same object when they did not change. */
export function withDocuments(
  own: OwnPresence,
  icon: OwnPresence['icon'],
  offline: OwnPresence['offline'],
): OwnPresence {
  const sameIcon = own.icon?.hash === icon?.hash && own.icon?.etag === icon?.etag;
  const sameOffline = own.offline?.note === offline?.note && own.offline?.status === offline?.status;
  if (sameIcon && sameOffline) return own;
  const { icon: _i, offline: _o, ...rest } = own;
  return Object.freeze({
    ...rest,
    ...(icon ? { icon: sameIcon ? own.icon : icon } : {}),
    ...(offline ? { offline: sameOffline ? own.offline : offline } : {}),
  });
}

/** What a health change may carry besides state and reason. */
export interface HealthExtra {
  readonly gruu?: string;
  readonly lastSyncAt?: number;
  readonly code?: HealthCode;
}
