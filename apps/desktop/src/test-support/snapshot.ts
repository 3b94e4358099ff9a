import type { AccountHealth, AccountSnapshot, Availability, Contact, Health } from '@simplekit/account';

const ok: Health = { state: 'ok', since: 0 };

export function health(overrides: Partial<AccountHealth> = {}): AccountHealth {
  return {
    connection: ok,
    registration: ok,
    publication: ok,
    presenceList: ok,
    watcherInfo: ok,
    xcapDiff: ok,
    storage: { ...ok, pendingEdits: 0 },
    ...overrides,
  };
}

/** A contact as the engine shows it, with live presence. */
export function contact(
  id: string,
  name: string,
  live: { availability?: Availability; notes?: string[]; pending?: boolean; devices?: Contact['live']['devices'] } = {},
  groupIds: string[] = [],
): Contact {
  const uri = `sip:${id}@example.com`;
  return {
    id,
    name,
    uris: [{ id: `${id}-u`, uri, type: 'SIP' }],
    defaultUri: `${id}-u`,
    presence: { policy: 'allow', subscribe: true },
    dialog: { policy: 'default', subscribe: false },
    attributes: {},
    groupIds,
    live: {
      availability: live.availability ?? 'offline',
      notes: live.notes ?? [],
      devices: live.devices ?? [],
      byUri: [],
      pending: live.pending ?? false,
    },
  };
}

export function snapshot(overrides: Partial<AccountSnapshot> = {}): AccountSnapshot {
  return {
    accountId: 'alice@example.com',
    address: 'sip:alice@example.com',
    running: true,
    health: health(),
    own: { status: 'available', note: '', history: [] },
    contacts: [],
    groups: [],
    policies: [],
    presence: {},
    watchers: [],
    newContactRequests: [],
    watching: [],
    blocked: [],
    ...overrides,
  };
}
