import type { AccountLocation } from '@simplekit/contacts-model';
import { createXcapClient } from '@simplekit/xcap';
import type { AccountConfig, Credentials } from '../config/config.js';
import type { Clock } from '../host/clock.js';
import type { Journal } from '../journal/journal.js';
import type { XcapPort } from '../ports/xcap.js';
import type { AccountEdit } from '../state/edits.js';
import { AddressBookSync } from '../sync/address-book-sync.js';
import type { DocumentCache } from '../sync/document-cache.js';
import { OwnDocumentsSync } from '../sync/own-documents-sync.js';
import type { AccountDependencies } from './dependencies.js';

export interface XcapStorage {
  readonly xcap: XcapPort;
  readonly addressBook: AddressBookSync;
  readonly ownDocs: OwnDocumentsSync;
}

/**
 * The XCAP side of an account (RFC 4825): a client on the account's XCAP root and credentials (traced when the app
 * asks), the address-book sync (resource-lists, rls-services, pres-rules) and the sync of the account's own
 * documents (pres-content icon, pidf-manipulation), both on the local cache and the journal.
 */
export function startXcapStorage(w: {
  readonly config: AccountConfig;
  readonly credentials: Credentials;
  readonly root: string;
  readonly deps: Pick<AccountDependencies, 'xcap' | 'trace'>;
  readonly clock: Clock;
  readonly cache: DocumentCache;
  readonly journal: Journal<AccountEdit>;
  /** Whether the server's xcap-caps lists an AUID (true while they are unknown). */
  readonly supports: (auid: string) => boolean;
}): XcapStorage {
  const factory = w.deps.xcap ?? createXcapClient;
  const xcap = factory({
    root: w.root,
    xui: w.config.address,
    credentials: { username: w.credentials.username, password: w.credentials.password },
    ...(w.deps.trace?.xcap ? { trace: w.deps.trace.xcap } : {}),
    now: () => w.clock.now(),
  });
  const location: AccountLocation = { xui: w.config.address, xcapRoot: w.root };
  return {
    xcap,
    addressBook: new AddressBookSync({ xcap, cache: w.cache, journal: w.journal, location }),
    ownDocs: new OwnDocumentsSync({
      xcap,
      cache: w.cache,
      journal: w.journal,
      config: w.config,
      now: () => w.clock.now(),
      supports: w.supports,
    }),
  };
}
