import { readAddressBook } from '@simplekit/contacts-model';
import type { CredentialsProvider } from '../config/config.js';
import { type Account, createAccount } from '../engine/account.js';
import type { IconHttpGet } from '../engine/contact-icons.js';
import type { AccountEvent } from '../engine/events.js';
import { createStaticHostInfo } from '../host/host-info.js';
import type { AccountSnapshot } from '../state/types.js';
import { type AccountStorage, createMemoryStorage } from '../storage/account-storage.js';
import { type FakeClock, settle } from './fake-clock.js';
import { FakeSipUserAgent } from './fake-sip.js';
import type { FakeXcapServer } from './fake-xcap.js';

export const ROOT = 'http://xcap.test/xcap-root';

export interface Device {
  readonly account: Account;
  readonly ua: FakeSipUserAgent;
  readonly events: AccountEvent[];
  readonly storage: AccountStorage;
}

/** One device of `address` on a shared fake XCAP server, with a fake SIP user agent and the given clock. */
export function device(
  server: FakeXcapServer,
  clock: FakeClock,
  options: {
    address?: string;
    storage?: AccountStorage;
    xcapRefreshSeconds?: number;
    idleSeconds?: () => number | undefined;
    fetchIcon?: IconHttpGet;
    credentials?: CredentialsProvider;
  } = {},
): Device {
  const address = options.address ?? 'sip:alice@example.com';
  const ua = new FakeSipUserAgent();
  const storage = options.storage ?? createMemoryStorage();
  const account = createAccount(
    {
      address,
      ...(options.credentials ? { credentials: options.credentials } : { password: 'secret' }),
      xcapRoot: ROOT,
      xcapRefreshSeconds: options.xcapRefreshSeconds ?? 60,
    },
    {
      storage,
      clock,
      hostInfo: {
        ...createStaticHostInfo({ description: 'test host', userAgent: 'SimpleKit test' }),
        idleSeconds: options.idleSeconds ?? (() => 0),
      },
      xcap: (o) => server.client(o.root, o.xui),
      sip: () => ua,
      ...(options.fetchIcon ? { fetchIcon: options.fetchIcon } : {}),
    },
  );
  const events: AccountEvent[] = [];
  account.subscribe((_s, e) => events.push(...e));
  return { account, ua, events, storage };
}

export async function started(d: Device): Promise<AccountSnapshot> {
  await d.account.start();
  await settle();
  await d.account.settled();
  return d.account.getSnapshot();
}

export function serverBook(server: FakeXcapServer, user = 'alice') {
  return readAddressBook(server.documents.get(`${ROOT}/resource-lists/users/sip:${user}@example.com/index`)?.body);
}

/** An RFC 3858 watcherinfo document for our presence. */
export function watcherinfo(
  version: number,
  state: 'full' | 'partial',
  watchers: readonly { id: string; uri: string; status: string; event?: string }[],
): string {
  const items = watchers
    .map((w) => `<watcher id="${w.id}" status="${w.status}" event="${w.event ?? 'subscribe'}">${w.uri}</watcher>`)
    .join('');
  return `<?xml version="1.0"?><watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="${version}" state="${state}"><watcher-list resource="sip:alice@example.com" package="presence">${items}</watcher-list></watcherinfo>`;
}
