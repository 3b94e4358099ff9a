import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryStorage, createStaticHostInfo } from '@simplekit/account';
import { afterEach, describe, expect, it } from 'vitest';
import type { DesktopState } from '../bridge/api.js';
import { createDesktopHost, type DesktopHost } from './desktop-host.js';

const hosts: DesktopHost[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stop()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function makeHost() {
  const stateDir = await mkdtemp(join(tmpdir(), 'simplekit-desktop-host-'));
  dirs.push(stateDir);
  const opened: string[] = [];
  const storage = createMemoryStorage();
  const host = createDesktopHost({
    storage,
    hostInfo: createStaticHostInfo({ description: 'test', userAgent: 'test' }),
    stateDir,
    openExternal: async (uri) => {
      opened.push(uri);
    },
    openPath: async (path) => {
      opened.push(path);
    },
  });
  hosts.push(host);
  await host.start();
  return { host, storage, opened, stateDir };
}

function until(host: DesktopHost, done: (s: DesktopState) => boolean): Promise<DesktopState> {
  if (done(host.getState())) return Promise.resolve(host.getState());
  return new Promise((resolve) => {
    const off = host.onState((s) => {
      if (done(s)) {
        off();
        resolve(s);
      }
    });
  });
}

describe('createDesktopHost', () => {
  it('starts with no account and refuses account commands with DESKTOP_NO_ACCOUNT', async () => {
    const { host } = await makeHost();
    expect(host.getState()).toMatchObject({ phase: 'no-account', accounts: [], snapshot: null });
    expect(await host.call('setNote', ['hi'])).toEqual({
      ok: false,
      error: { code: 'DESKTOP_NO_ACCOUNT', message: 'no account is set up' },
    });
  });

  it('refuses malformed calls before they reach the engine and records the failure for the banner', async () => {
    const { host } = await makeHost();
    const outcome = await host.call('setStatus', ['sleeping']);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'DESKTOP_BAD_REQUEST' } });
    const state = await until(host, (s) => s.lastFailure !== null);
    expect(state.lastFailure).toMatchObject({ method: 'setStatus', code: 'DESKTOP_BAD_REQUEST' });
  });

  it('sets up an account from the form, saves it and runs its engine', async () => {
    const { host, storage } = await makeHost();
    const outcome = await host.call('setupAccount', [{ address: 'alice@example.com', password: 'pw' }]);
    expect(outcome).toEqual({ ok: true, value: 'alice@example.com' });
    const state = await until(host, (s) => s.phase === 'ready' && s.snapshot !== null);
    expect(state.accounts).toEqual([{ id: 'alice@example.com', address: 'sip:alice@example.com' }]);
    expect(state.snapshot?.address).toBe('sip:alice@example.com');
    expect(await storage.loadAccounts()).toEqual([{ address: 'sip:alice@example.com', password: 'pw' }]);

    expect(await host.call('setStatus', ['busy', 'in a call'])).toEqual({ ok: true, value: null });
    const after = await until(host, (s) => s.snapshot?.own.status === 'busy');
    expect(after.snapshot?.own).toMatchObject({ status: 'busy', note: 'in a call' });
  });

  it("refuses a bad XCAP root with the engine's ACCOUNT_CONFIG and saves nothing", async () => {
    const { host, storage } = await makeHost();
    const outcome = await host.call('setupAccount', [
      { address: 'alice@example.com', password: '', xcapRoot: 'ftp://x' },
    ]);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'ACCOUNT_CONFIG' } });
    expect(await storage.loadAccounts()).toEqual([]);
  });

  it('hands only addresses the contact published to the system handler', async () => {
    const { host, opened } = await makeHost();
    await host.call('setupAccount', [{ address: 'alice@example.com', password: 'pw' }]);
    await until(host, (s) => s.phase === 'ready');
    const added = await host.call('addContact', [{ name: 'Bob', uris: [{ uri: 'sip:bob@example.com', type: 'SIP' }] }]);
    expect(added.ok).toBe(true);
    const id = added.ok ? String(added.value) : '';
    const refused = await host.call('openDeviceAddress', [id, 'https://evil.example/']);
    expect(refused).toMatchObject({ ok: false, error: { code: 'DESKTOP_REFUSED' } });
    expect(opened).toEqual([]);
  });

  it('switches the trace on and off, and opens its file', async () => {
    const { host, opened, stateDir } = await makeHost();
    await host.call('setupAccount', [{ address: 'alice@example.com', password: 'pw' }]);
    await until(host, (s) => s.phase === 'ready');
    await host.call('setTraceEnabled', [true]);
    const on = await until(host, (s) => s.trace.enabled);
    expect(on.trace.file).toBe(join(stateDir, 'traces', 'alice%40example.com.txt'));
    await host.call('setNote', ['traced']);
    const opened1 = await host.call('openTraceFile', []);
    expect(opened1).toEqual({ ok: true, value: on.trace.file });
    expect(opened).toEqual([on.trace.file]);
    await host.call('setTraceEnabled', [false]);
    expect((await until(host, (s) => !s.trace.enabled)).trace.enabled).toBe(false);
  });

  it('keeps the icon the user picked as a data URL for the own avatar', async () => {
    const { host } = await makeHost();
    await host.call('setupAccount', [{ address: 'alice@example.com', password: 'pw' }]);
    await until(host, (s) => s.phase === 'ready');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).toString('base64');
    expect(await host.call('setIcon', [{ base64: png, mimeType: 'image/png' }])).toEqual({ ok: true, value: null });
    expect((await until(host, (s) => s.ownIcon !== null)).ownIcon).toBe(`data:image/png;base64,${png}`);
    const tooBig = Buffer.alloc(600 * 1024).toString('base64');
    expect(await host.call('setIcon', [{ base64: tooBig, mimeType: 'image/png' }])).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_ICON' },
    });
  });

  it('saves the location switch in the account and restarts the engine with it', async () => {
    const { host, storage } = await makeHost();
    await host.call('setupAccount', [{ address: 'alice@example.com', password: 'pw' }]);
    await until(host, (s) => s.phase === 'ready');
    expect(host.getState().preferences).toEqual({ publishLocation: false });
    expect(await host.call('setPublishLocation', [true])).toEqual({ ok: true, value: null });
    const after = await until(host, (s) => s.preferences?.publishLocation === true && s.phase === 'ready');
    expect(after.snapshot?.address).toBe('sip:alice@example.com');
    expect(await storage.loadAccounts()).toEqual([
      { address: 'sip:alice@example.com', password: 'pw', switches: { publishLocation: true } },
    ]);
  });

  it('switches accounts one after another, ending on the last one asked for', async () => {
    const { host } = await makeHost();
    await host.call('setupAccount', [{ address: 'alice@example.com', password: 'pw' }]);
    await host.call('setupAccount', [{ address: 'bob@example.com', password: 'pw' }]);
    await host.call('switchAccount', ['alice@example.com']);
    const state = await until(host, (s) => s.phase === 'ready' && s.snapshot?.address === 'sip:alice@example.com');
    expect(state.activeAccountId).toBe('alice@example.com');
    expect(state.accounts.map((a) => a.id)).toEqual(['alice@example.com', 'bob@example.com']);
    expect(await host.call('switchAccount', ['carol@example.com'])).toMatchObject({
      ok: false,
      error: { code: 'DESKTOP_NO_ACCOUNT' },
    });
  });
});
