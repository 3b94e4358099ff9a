import { describe, expect, it } from 'vitest';
import { resolveAccountConfig } from '../config/config.js';
import { openJournal } from '../journal/journal.js';
import { type AccountEdit, validateEdit } from '../state/edits.js';
import { createMemoryStorage } from '../storage/account-storage.js';
import { FakeXcapServer } from '../test-support/fake-xcap.js';
import { DocumentCache } from './document-cache.js';
import { iconHash, OwnDocumentsSync } from './own-documents-sync.js';

const root = 'http://xcap.test/xcap-root';
const config = resolveAccountConfig({ address: 'sip:alice@example.com', password: 'x', xcapRoot: root });
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
const iconUri = `${root}/org.openmobilealliance.pres-content/users/sip:alice@example.com/oma_status-icon/index`;

async function device(server: FakeXcapServer, name: string) {
  const files = createMemoryStorage().stateOf(name);
  const journal = await openJournal<AccountEdit>({ files, validate: validateEdit, now: () => 1 });
  const cache = new DocumentCache(files);
  await cache.load();
  const sync = new OwnDocumentsSync({
    xcap: server.client(root, config.address),
    cache,
    journal,
    config,
    now: () => 0,
  });
  return { journal, sync };
}

describe('own documents sync', () => {
  it("uploads the icon to pres-content and replicates it to the account's other device", async () => {
    const server = new FakeXcapServer();
    const one = await device(server, 'one');
    const two = await device(server, 'two');
    await one.journal.append({
      op: 'set-icon',
      mimeType: 'image/png',
      data: Buffer.from(png).toString('base64'),
      hash: iconHash(png),
    });
    const state = await one.sync.sync();
    expect(state.icon).toMatchObject({ url: iconUri, mimeType: 'image/png', hash: iconHash(png) });
    expect(one.journal.pending()).toEqual([]);
    expect(server.documents.get(iconUri)?.body).toContain('urn:oma:xml:prs:pres-content');
    expect((await two.sync.sync()).icon).toMatchObject({ url: iconUri, hash: iconHash(png) });
  });

  it('stores the offline status in pidf-manipulation and removes it again', async () => {
    const server = new FakeXcapServer();
    const d = await device(server, 'one');
    await d.journal.append({ op: 'set-offline-status', offline: { status: 'offline', note: 'on holiday' } });
    expect((await d.sync.sync()).offline).toEqual({ status: 'offline', note: 'on holiday' });
    const uri = `${root}/pidf-manipulation/users/sip:alice@example.com/index`;
    expect(server.documents.get(uri)?.body).toContain('on holiday');
    await d.journal.append({ op: 'set-offline-status', offline: undefined });
    expect((await d.sync.sync()).offline).toBeUndefined();
    expect(server.documents.has(uri)).toBe(false);
  });

  it('ignores a pres-content document it cannot read and reports it', async () => {
    const server = new FakeXcapServer();
    server.put(iconUri, '<not-pres-content/>');
    const d = await device(server, 'one');
    const state = await d.sync.sync();
    expect(state.icon).toBeUndefined();
    expect(state.problems.map((p) => p.document)).toEqual(['presContent']);
  });
});
