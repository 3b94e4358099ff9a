import {
  addContact,
  deriveResourceLists,
  emptyAddressBook,
  readAddressBook,
  renameContact,
} from '@simplekit/contacts-model';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../journal/journal.js';
import { type AccountEdit, validateEdit } from '../state/edits.js';
import { createMemoryStorage } from '../storage/account-storage.js';
import { FakeXcapServer } from '../test-support/fake-xcap.js';
import { AddressBookSync } from './address-book-sync.js';
import { DocumentCache } from './document-cache.js';

const root = 'http://xcap.test/xcap-root';
const xui = 'sip:alice@example.com';
const location = { xui, xcapRoot: root };

async function device(server: FakeXcapServer, name: string) {
  const files = createMemoryStorage().stateOf(name);
  const journal = await openJournal<AccountEdit>({ files, validate: validateEdit, now: () => 1 });
  const cache = new DocumentCache(files);
  await cache.load();
  const xcap = server.client(root, xui);
  const sync = new AddressBookSync({ xcap, cache, journal, location });
  return { files, journal, cache, sync, xcap };
}

const listsUri = `${root}/resource-lists/users/sip:alice@example.com/index`;

describe('address book sync', () => {
  it('creates the three documents on an empty server so the RLS service exists', async () => {
    const server = new FakeXcapServer();
    const d = await device(server, 'a');
    const result = await d.sync.sync();
    expect(result.written).toEqual(['resourceLists', 'rlsServices', 'presRules']);
    expect([...server.documents.keys()].map((u) => u.slice(root.length))).toEqual([
      '/resource-lists/users/sip:alice@example.com/index',
      '/rls-services/users/sip:alice@example.com/index',
      '/org.openmobilealliance.pres-rules/users/sip:alice@example.com/index',
    ]);
    // A second sync finds everything unchanged (conditional GETs) and writes nothing.
    server.log.length = 0;
    expect((await d.sync.sync()).written).toEqual([]);
    expect(server.log.every((l) => l.startsWith('GET'))).toBe(true);
  });

  it('sends a journalled edit, acknowledges it, and derives the subscribe list', async () => {
    const server = new FakeXcapServer();
    const d = await device(server, 'a');
    const { ops } = addContact(emptyAddressBook(), {
      id: 'bob',
      name: 'Bob',
      uris: [{ id: 'u1', uri: 'sip:bob@example.com', type: 'SIP' }],
      presence: { policy: 'allow', subscribe: true },
    });
    await d.journal.append({ op: 'address-book', ops });
    expect([...d.sync.optimistic().contacts.keys()]).toEqual(['bob']);
    const result = await d.sync.sync();
    expect(result.acknowledged).toEqual([1]);
    expect(d.journal.pending()).toEqual([]);
    expect([...readAddressBook(server.documents.get(listsUri)?.body).contacts.keys()]).toEqual(['bob']);
    expect(server.documents.get(listsUri)?.body).toContain('sipsimple_presence_rls');
  });

  it('keeps edits while the server is down and sends them when it is back', async () => {
    const server = new FakeXcapServer();
    const d = await device(server, 'a');
    await d.sync.sync();
    server.down = true;
    const { ops } = addContact(d.sync.optimistic(), { id: 'carol', name: 'Carol' });
    await d.journal.append({ op: 'address-book', ops });
    await expect(d.sync.sync()).rejects.toMatchObject({ code: 'XCAP_NETWORK' });
    expect(d.journal.pending()).toHaveLength(1);
    expect(d.sync.optimistic().contacts.has('carol')).toBe(true);
    server.down = false;
    await d.sync.sync();
    expect(d.journal.pending()).toEqual([]);
    expect(readAddressBook(server.documents.get(listsUri)?.body).contacts.has('carol')).toBe(true);
  });

  it('keeps concurrent edits of two devices: a 412 refetches and replays the journal', async () => {
    const server = new FakeXcapServer();
    const one = await device(server, 'one');
    const two = await device(server, 'two');
    await one.sync.sync();
    await two.sync.sync();
    await one.journal.append({
      op: 'address-book',
      ops: addContact(one.sync.optimistic(), { id: 'bob', name: 'Bob' }).ops,
    });
    await two.journal.append({
      op: 'address-book',
      ops: addContact(two.sync.optimistic(), { id: 'carol', name: 'Carol' }).ops,
    });
    // Device one writes between device two's GET and its PUT.
    let raced = false;
    server.beforeWrite = (uri) => {
      if (raced || uri !== listsUri) return;
      raced = true;
      const bob = addContact(readAddressBook(server.documents.get(listsUri)?.body), { id: 'bob', name: 'Bob' }).book;
      server.put(listsUri, deriveResourceLists(bob, location));
    };
    const result = await two.sync.sync();
    expect(result.preconditionFailures).toBe(1);
    expect([...readAddressBook(server.documents.get(listsUri)?.body).contacts.keys()].sort()).toEqual(['bob', 'carol']);
    // Device one's own journal replays on top of that without duplicating bob, and it sees carol.
    await one.sync.sync();
    expect([...one.sync.base.contacts.keys()].sort()).toEqual(['bob', 'carol']);
    expect(one.journal.pending()).toEqual([]);
  });

  it('replays a rename made on top of another device change (three-way merge)', async () => {
    const server = new FakeXcapServer();
    const one = await device(server, 'one');
    await one.journal.append({
      op: 'address-book',
      ops: addContact(one.sync.optimistic(), { id: 'bob', name: 'Bob' }).ops,
    });
    await one.sync.sync();
    const two = await device(server, 'two');
    await two.sync.sync();
    await one.journal.append({ op: 'address-book', ops: renameContact(one.sync.optimistic(), 'bob', 'Robert').ops });
    await two.journal.append({
      op: 'address-book',
      ops: addContact(two.sync.optimistic(), { id: 'dan', name: 'Dan' }).ops,
    });
    await two.sync.sync();
    await one.sync.sync();
    const book = readAddressBook(server.documents.get(listsUri)?.body);
    expect(book.contacts.get('bob')?.name).toBe('Robert');
    expect(book.contacts.has('dan')).toBe(true);
  });

  it('survives a restart with edits still pending (journal and cache on disk)', async () => {
    const server = new FakeXcapServer();
    const storage = createMemoryStorage();
    const files = storage.stateOf('a');
    const journal = await openJournal<AccountEdit>({ files, validate: validateEdit, now: () => 1 });
    await journal.append({ op: 'address-book', ops: addContact(emptyAddressBook(), { id: 'erin', name: 'Erin' }).ops });
    // "kill -9" here: nothing was sent. A new process opens the same files.
    const journal2 = await openJournal<AccountEdit>({ files, validate: validateEdit, now: () => 2 });
    const cache = new DocumentCache(files);
    await cache.load();
    const sync = new AddressBookSync({ xcap: server.client(root, xui), cache, journal: journal2, location });
    await sync.sync();
    expect(readAddressBook(server.documents.get(listsUri)?.body).contacts.has('erin')).toBe(true);
    expect(journal2.pending()).toEqual([]);
  });
});
