import type { AccountSnapshot, Contact, Health, Watcher } from '@simplekit/account';

const ok: Health = { state: 'ok', since: 0 };

/** An account snapshot with everything healthy and empty, for render tests. */
export function snapshotOf(parts: Partial<AccountSnapshot> = {}): AccountSnapshot {
  return {
    accountId: 'alice@example.com',
    address: 'sip:alice@example.com',
    running: true,
    health: {
      connection: ok,
      registration: ok,
      publication: ok,
      presenceList: ok,
      watcherInfo: ok,
      xcapDiff: ok,
      storage: { ...ok, pendingEdits: 0 },
    },
    own: { status: 'available', note: '', history: [] },
    contacts: [],
    groups: [],
    policies: [],
    presence: {},
    watchers: [],
    newContactRequests: [],
    watching: [],
    blocked: [],
    ...parts,
  };
}

export function contactOf(id: string, name: string, uri: string, live: Partial<Contact['live']> = {}): Contact {
  return {
    id,
    name,
    uris: [{ id: `${id}-u`, uri, type: 'SIP' }],
    defaultUri: `${id}-u`,
    presence: { policy: 'allow', subscribe: true },
    dialog: { policy: 'default', subscribe: false },
    attributes: {},
    groupIds: [],
    live: { availability: 'offline', notes: [], devices: [], byUri: [], pending: false, ...live },
  };
}

export function watcherOf(uri: string, status: Watcher['status'], displayName?: string): Watcher {
  return { uri, status, ...(displayName === undefined ? {} : { displayName }) };
}
