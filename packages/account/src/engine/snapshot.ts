import type { AccountConfig } from '../config/config.js';
import type { AccountHealth, AccountSnapshot, Health, OwnPresence } from '../state/types.js';
import { EMPTY_ADDRESS_BOOK } from '../state/types.js';

export function health(state: Health['state'], since: number, reason?: string, retryAt?: number): Health {
  return Object.freeze({
    state,
    since,
    ...(reason !== undefined ? { reason } : {}),
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
