import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readAddressBook } from '@simplekit/contacts-model';
import { parsePresence, summarize } from '@simplekit/pidf';
import { createXcapClient } from '@simplekit/xcap';
import { describe, expect, it } from 'vitest';
import { privateDirs, useAccountTestbed, waitFor } from '../test-support/testbed-account.js';
import type { Account } from './account.js';

// A private server: these tests write every document of their users.
const testbed = useAccountTestbed();

const names = (a: Account) => a.getSnapshot().contacts.map((c) => c.name);

describe('XCAP storage against the testbed', () => {
  it('two devices of one account: an edit on one shows on the other, concurrent edits are both kept', async () => {
    const grace = testbed.user('grace');
    const one = await testbed.device(grace, { refreshSeconds: 1 });
    const two = await testbed.device(grace, { refreshSeconds: 1 });
    await one.account.start();
    await two.account.start();
    const tag = Date.now().toString(36);
    await one.account.addContact({ name: `Ann ${tag}`, uris: [{ uri: `sip:ann-${tag}@simplekit.test` }] });
    // Shown on the other device by its periodic refetch (the testbed sends no xcap-diff content).
    await waitFor(two.account, (s) => s.contacts.some((c) => c.name === `Ann ${tag}`), 5000);
    // Both devices edit at once: one of the two PUTs meets a 412 and is replayed on the other's document.
    await Promise.all([
      one.account.addContact({ name: `Ben ${tag}`, uris: [{ uri: `sip:ben-${tag}@simplekit.test` }] }),
      two.account.addContact({ name: `Cid ${tag}`, uris: [{ uri: `sip:cid-${tag}@simplekit.test` }] }),
    ]);
    const all = [`Ann ${tag}`, `Ben ${tag}`, `Cid ${tag}`];
    const hasAll = (s: { contacts: readonly { name: string }[] }) =>
      all.every((n) => s.contacts.some((c) => c.name === n));
    await waitFor(one.account, hasAll, 6000);
    await waitFor(two.account, hasAll, 6000);
    const xcap = createXcapClient({ root: testbed.info.xcap.root, xui: grace.aor, credentials: grace });
    const book = readAddressBook((await xcap.getDocument({ auid: 'resource-lists' })).body);
    expect(all.every((n) => [...book.contacts.values()].some((c) => c.name === n))).toBe(true);
    const synced = (s: { health: { storage: { state: string; pendingEdits: number } } }) =>
      s.health.storage.state === 'ok' && s.health.storage.pendingEdits === 0;
    await waitFor(one.account, synced);
    await waitFor(two.account, synced);
    expect(one.events.some((e) => e.type === 'synced')).toBe(true);
  });

  it('loses nothing when the process is killed with -9 between the journal write and the PUT', async () => {
    const heidi = testbed.user('heidi');
    const dirs = await privateDirs();
    const tag = Date.now().toString(36);
    const child = spawn(
      process.execPath,
      [
        '--import',
        fileURLToPath(new URL('../test-support/register-ts-loader.mjs', import.meta.url)),
        fileURLToPath(new URL('../test-support/account-child.ts', import.meta.url)),
        dirs.config,
        dirs.state,
        heidi.aor,
        heidi.password,
        testbed.info.xcap.root,
        `Kim ${tag}`,
        `sip:kim-${tag}@simplekit.test`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('journaled')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`child exited early (${code}): ${stderr}`)));
    });
    const exited = new Promise((resolve) => child.on('exit', (_c, signal) => resolve(signal)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const d = await testbed.device(heidi, { dirs });
    await d.account.start();
    await d.account.settled();
    expect(names(d.account)).toContain(`Kim ${tag}`);
    expect(d.account.getSnapshot().health.storage).toMatchObject({ state: 'ok', pendingEdits: 0 });
    const xcap = createXcapClient({ root: testbed.info.xcap.root, xui: heidi.aor, credentials: heidi });
    const book = readAddressBook((await xcap.getDocument({ auid: 'resource-lists' })).body);
    expect([...book.contacts.values()].some((c) => c.name === `Kim ${tag}`)).toBe(true);
  }, 30_000);

  it('stores the offline status in pidf-manipulation and the icon in pres-content', async () => {
    const frank = testbed.user('frank');
    const d = await testbed.device(frank);
    await d.account.start();
    await d.account.setOfflineStatus({ status: 'offline', note: 'gone fishing' });
    await d.account.setIcon({ data: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), mimeType: 'image/png' });
    await d.account.settled();
    const s = await waitFor(d.account, (x) => x.own.icon !== undefined && x.own.offline !== undefined);
    expect(s.own.offline).toEqual({ status: 'offline', note: 'gone fishing' });
    expect(s.own.icon?.url).toBe(
      `${testbed.info.xcap.root}/org.openmobilealliance.pres-content/users/${frank.aor}/oma_status-icon/index`,
    );
    const xcap = createXcapClient({ root: testbed.info.xcap.root, xui: frank.aor, credentials: frank });
    const doc = (await xcap.getDocument({ auid: 'pidf-manipulation' })).body;
    expect(summarize(parsePresence(doc))).toMatchObject({ availability: 'offline', notes: ['gone fishing'] });
    // Traces of these runs hold no password and no digest response.
    const text = d.xcapTrace.map((e) => e.text).join('\n');
    expect(text).toContain('PUT ');
    expect(text).not.toContain(frank.password);
    expect(text).not.toMatch(/response="/);
  });
});
