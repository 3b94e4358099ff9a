import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readAddressBook } from '@simplekit/contacts-model';
import { createMemoryTraceSink, type UserAgent } from '@simplekit/sip-core';
import { restartTestbed, type TestbedInfo, type TestbedUser } from '@simplekit/testbed';
import { createXcapClient } from '@simplekit/xcap';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type HttpFaultProxy, startHttpFaultProxy } from '../../../../proof/faults/http-proxy.js';
import { killServer, registeredContacts } from '../../../../proof/faults/kamailio.js';
import { mountReadOnly } from '../../../../proof/faults/read-only.js';
import { type FaultyProxy, startFaultyProxy } from '../../../../proof/faults/tcp-proxy.js';
import { AccountJournalError, AccountStorageError } from '../errors.js';
import { sipCoreUserAgents } from '../sip/sip-core-factory.js';
import type { AccountSnapshot } from '../state/types.js';
import { type FaultDevice, faultDevice } from '../test-support/faults-device.js';
import { type MemoryTrace, notifyDialogs, peerAgent, presenceOnce } from '../test-support/faults-sip.js';
import { privateTestbed, removePrivateDirs, testbedUser, waitFor } from '../test-support/testbed-account.js';
import type { Account } from './account.js';

// Fault injection around the whole engine, on a private Kamailio (the SIP part kills and restarts it). Issue 12's
// bar: each fault is reported, the engine recovers within 10 s of the fault ending, no journalled edit is lost, no
// duplicate registrations or subscriptions pile up on the server, and nothing crashes or rejects unhandled.
const RECOVERY_MS = 10_000;
const server = privateTestbed();
let tb: TestbedInfo;
let xcapProxy: HttpFaultProxy;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};
const running: Account[] = [];

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
  tb = await server.start();
  xcapProxy = await startHttpFaultProxy({ host: tb.host, port: tb.xcap.port });
}, 60_000);
afterEach(async () => {
  xcapProxy.heal();
  await Promise.all(running.splice(0).map((a) => a.stop()));
  expect(unhandled).toEqual([]);
});
afterAll(async () => {
  await xcapProxy?.close();
  await server.stop();
  await removePrivateDirs();
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** The engine's XCAP root through the fault proxy. */
const proxiedRoot = () => tb.xcap.root.replace(/^http:\/\/[^/]+/, xcapProxy.origin);
const synced = (s: AccountSnapshot) => s.health.storage.state === 'ok' && s.health.storage.pendingEdits === 0;

async function storageDevice(
  user: TestbedUser,
  dirs?: FaultDevice['dirs'],
  xcapTimeoutMs?: number,
): Promise<FaultDevice> {
  const d = await faultDevice(tb, user, {
    xcapRoot: proxiedRoot(),
    ...(dirs ? { dirs } : {}),
    ...(xcapTimeoutMs !== undefined ? { xcapTimeoutMs } : {}),
  });
  running.push(d.account);
  await d.account.start();
  await d.account.settled();
  expect(d.account.getSnapshot().health.storage.state).toBe('ok');
  return d;
}

/** Contact names in the user's resource-lists document, read from Kamailio directly (not through the proxy). */
async function namesOnServer(user: TestbedUser): Promise<string[]> {
  const xcap = createXcapClient({ root: tb.xcap.root, xui: user.aor, credentials: user });
  const book = readAddressBook((await xcap.getDocument({ auid: 'resource-lists' })).body);
  return [...book.contacts.values()].map((c) => c.name).sort();
}

const contact = (name: string) => ({ name, uris: [{ uri: `sip:${name.toLowerCase()}@simplekit.test` }] });

describe('the XCAP server fails', () => {
  it('503 with Retry-After: reported, the wait honoured, recovered within 10 s, no journalled edit lost', async () => {
    const user = testbedUser(tb, 'alice');
    const d = await storageDevice(user);
    const from = xcapProxy.log.length;
    xcapProxy.fail(503, { retryAfterSeconds: 3 });
    const faultStarted = Date.now();
    await d.account.addContact(contact('Ann'));
    const failed = await waitFor(d.account, (s) => s.health.storage.state === 'failed', 5000);
    expect(failed.health.storage).toMatchObject({ code: 'server-error', pendingEdits: 1 });
    // The next try is announced for when the server asked, not for the engine's own (1 s) backoff.
    expect(failed.health.storage.retryAt ?? 0).toBeGreaterThanOrEqual(failed.health.storage.since + 2900);
    await d.account.addContact(contact('Ben'));
    expect(d.events.some((e) => e.type === 'problem' && e.context === 'xcap-sync')).toBe(true);
    expect(d.account.getSnapshot().contacts.map((c) => c.name)).toEqual(['Ann', 'Ben']);

    // Longer than the engine's backoff cap (8 s): recovery must not depend on the fault being short.
    await sleep(12_000 - (Date.now() - faultStarted));
    xcapProxy.heal();
    const faultEnded = Date.now();
    await waitFor(d.account, synced, RECOVERY_MS);
    expect(Date.now() - faultEnded).toBeLessThan(RECOVERY_MS);

    // Retry-After honoured: after every 503 that asked for 3 s, nothing reached the server for 3 s.
    const seen = xcapProxy.log.slice(from);
    const faulted = seen.filter((r) => r.faulted);
    expect(faulted.length).toBeGreaterThan(0);
    for (const [i, r] of seen.entries()) {
      const next = seen[i + 1];
      if (r.faulted && next) expect(next.at - r.at).toBeGreaterThanOrEqual(3000);
    }
    // Not hammered either: about one attempt per Retry-After period.
    expect(faulted.length).toBeLessThanOrEqual(5);
    expect(await namesOnServer(user)).toEqual(['Ann', 'Ben']);
    expect(d.events.some((e) => e.type === 'health' && e.component === 'storage' && e.health.state === 'ok')).toBe(
      true,
    );
  }, 40_000);

  it('500 without Retry-After: reported as a server error, retried with backoff, recovered within 10 s', async () => {
    const user = testbedUser(tb, 'bob');
    const d = await storageDevice(user);
    xcapProxy.fail(500);
    await d.account.addContact(contact('Cid'));
    const failed = await waitFor(d.account, (s) => s.health.storage.state === 'failed', 5000);
    expect(failed.health.storage.code).toBe('server-error');
    expect(failed.health.storage.retryAt).toBeGreaterThan(Date.now() - 1000);
    await sleep(12_000);
    xcapProxy.heal();
    const faultEnded = Date.now();
    await waitFor(d.account, synced, RECOVERY_MS);
    expect(Date.now() - faultEnded).toBeLessThan(RECOVERY_MS);
    expect(await namesOnServer(user)).toEqual(['Cid']);
  }, 40_000);
});

describe('the XCAP server hangs', () => {
  it('requests time out: reported as a timeout, recovered within 10 s of the server answering again', async () => {
    const user = testbedUser(tb, 'frank');
    const d = await storageDevice(user, undefined, 1500);
    xcapProxy.stall(true);
    await d.account.addContact(contact('Gus'));
    // Each read is tried three times (1.5 s each) before the engine hears of it.
    const failed = await waitFor(d.account, (s) => s.health.storage.state === 'failed', 10_000);
    expect(failed.health.storage).toMatchObject({ code: 'timeout', pendingEdits: 1 });
    await sleep(4000);
    xcapProxy.stall(false);
    const faultEnded = Date.now();
    await waitFor(d.account, synced, RECOVERY_MS);
    expect(Date.now() - faultEnded).toBeLessThan(RECOVERY_MS);
    expect(await namesOnServer(user)).toEqual(['Gus']);
    expect(d.account.getSnapshot().running).toBe(true);
  }, 40_000);
});

describe('the disk turns read-only', () => {
  it('an edit fails with a typed error, the engine runs on, nothing journalled is lost, edits work again', async () => {
    const user = testbedUser(tb, 'carol');
    const d = await storageDevice(user);
    // An edit the server cannot take yet stays in the journal: the one that must survive the read-only spell.
    xcapProxy.fail(500);
    await d.account.addContact(contact('Dan'));
    await waitFor(d.account, (s) => s.health.storage.state === 'failed' && s.health.storage.pendingEdits === 1);

    const accounts = join(d.dirs.state, 'accounts');
    const [folder] = await readdir(accounts);
    expect(folder).toBeDefined();
    const mounted = await mountReadOnly(join(accounts, folder ?? ''));
    if (!mounted) d.setReadOnly(true);
    try {
      const error = await d.account.addContact(contact('Eve')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AccountJournalError);
      expect(error).toMatchObject({ code: 'ACCOUNT_JOURNAL' });
      const storageError = (error as AccountJournalError).cause;
      expect(storageError).toBeInstanceOf(AccountStorageError);
      expect((storageError as AccountStorageError).cause).toMatchObject({ code: 'EROFS' });
      // Running, showing the journalled edit and not the refused one.
      let s = d.account.getSnapshot();
      expect(s.running).toBe(true);
      expect(s.contacts.map((c) => c.name)).toEqual(['Dan']);
      expect(s.health.storage.pendingEdits).toBe(1);
      // The server comes back while the disk is still read-only: the sync cannot record what it did, says so, and
      // keeps the edit (it is sent again later; edits are idempotent).
      xcapProxy.heal();
      await d.account.refresh();
      s = d.account.getSnapshot();
      expect(s.running).toBe(true);
      expect(s.health.storage.state).toBe('failed');
      expect(s.health.storage.code).toBe('local-disk');
      expect(s.health.storage.pendingEdits).toBe(1);
      expect(s.contacts.map((c) => c.name)).toEqual(['Dan']);
    } finally {
      if (mounted) await mounted.restore();
      else d.setReadOnly(false);
    }
    const diskWritable = Date.now();
    await d.account.addContact(contact('Fay'));
    await waitFor(d.account, synced, RECOVERY_MS);
    expect(Date.now() - diskWritable).toBeLessThan(RECOVERY_MS);
    expect(await namesOnServer(user)).toEqual(['Dan', 'Fay']);

    // What is on disk is whole: a fresh engine on the same folders shows both contacts and nothing pending.
    await d.account.stop();
    const again = await storageDevice(user, d.dirs);
    expect(again.account.getSnapshot().contacts.map((c) => c.name)).toEqual(['Dan', 'Fay']);
    expect(again.account.getSnapshot().health.storage.pendingEdits).toBe(0);
  }, 40_000);
});

describe('the SIP path fails', () => {
  const up = (s: AccountSnapshot) =>
    s.health.connection.state === 'ok' &&
    s.health.registration.state === 'ok' &&
    s.health.publication.state === 'ok' &&
    s.health.presenceList.state === 'ok' &&
    s.health.watcherInfo.state === 'ok';
  let sipProxy: FaultyProxy | undefined;
  let peer: { ua: UserAgent; publish(note: string): Promise<void> } | undefined;
  afterAll(async () => {
    await peer?.ua.close().catch(() => undefined);
    await sipProxy?.close();
  });

  it('drop, stall, cut NOTIFY, Kamailio SIGKILL + restart: each reported, recovered within 10 s, no duplicates', async () => {
    const daveUser = testbedUser(tb, 'dave');
    const erinUser = testbedUser(tb, 'erin');
    sipProxy = await startFaultyProxy({ host: tb.host, port: tb.sip.tcpPort });
    const trace: MemoryTrace = createMemoryTraceSink();
    const d = await faultDevice(tb, daveUser, {
      sip: sipCoreUserAgents({
        trace,
        keepAlive: { intervalMs: 1_000, pongTimeoutMs: 1_500 },
        reconnect: { baseMs: 300, maxMs: 2_000 },
      }),
      outboundProxy: { host: tb.host, port: sipProxy.port, transport: 'tcp' },
    });
    running.push(d.account);
    const contactAgent = await peerAgent(tb, erinUser, [daveUser.aor], 'hello');
    peer = contactAgent;
    await d.account.start();
    await d.account.addContact({ name: 'Erin', uris: [{ uri: erinUser.aor }] });
    await d.account.settled();
    await waitFor(d.account, up, RECOVERY_MS);
    const sees = (note: string) => (s: AccountSnapshot) =>
      s.contacts.some((c) => c.name === 'Erin' && c.live.notes.includes(note));
    await waitFor(d.account, sees('hello'), RECOVERY_MS);
    const tuplesBefore = ((await presenceOnce(contactAgent.ua, daveUser.aor)).match(/<tuple /g) ?? []).length;
    expect(tuplesBefore).toBeGreaterThan(0);

    /**
     * What the server notifies, once a fault is over: at most one dialog per subscription that the engine accepts,
     * any other one refused with 481 (so the server drops it), and on a second round nothing but the one dialog.
     */
    const expectOneDialog = (dialogs: Map<string, number[]>, what: string, round: number) => {
      const accepted = [...dialogs.values()].filter((s) => s.length > 0 && s.every((x) => x < 300)).length;
      const refused = [...dialogs.values()].filter((s) => s.length > 0 && s.every((x) => x === 481)).length;
      expect(accepted, `${what}: dialogs the engine accepts`).toBe(1);
      expect(accepted + refused, `${what}: dialogs neither accepted nor refused`).toBe(dialogs.size);
      if (round === 2) expect(dialogs.size, `${what}: dialogs the server still holds`).toBe(1);
    };

    /** After a fault: one registration, one publication, one dialog per subscription, and presence flowing. */
    const expectNoDuplicates = async (label: string) => {
      expect(await registeredContacts(tb.runDir, daveUser.username), `${label}: registrations`).toHaveLength(1);
      for (const round of [1, 2]) {
        // A fresh watcher: the server tells each of our watcherinfo dialogs, and shows each of our publications.
        const mark = trace.records.length;
        const body = await presenceOnce(contactAgent.ua, daveUser.aor);
        expect((body.match(/<tuple /g) ?? []).length, `${label}: tuples`).toBe(tuplesBefore);
        await sleep(1000);
        expectOneDialog(notifyDialogs(trace, mark, 'presence.winfo', erinUser.aor), `${label}: winfo`, round);
        // A change of the contact reaches us through the RLS.
        const from = trace.records.length;
        const note = `${label} ${round}`;
        await contactAgent.publish(note);
        await waitFor(d.account, sees(note), RECOVERY_MS);
        await sleep(1000);
        expectOneDialog(notifyDialogs(trace, from, 'presence', note), `${label}: RLS`, round);
      }
    };

    // 1. The connection drops (both sides reset).
    d.events.length = 0;
    sipProxy.dropAll();
    const dropped = Date.now();
    await waitFor(d.account, (s) => s.health.connection.state !== 'ok', 5000);
    await waitFor(d.account, up, RECOVERY_MS);
    expect(Date.now() - dropped).toBeLessThan(RECOVERY_MS);
    const afterDrop = d.events.flatMap((e) => (e.type === 'health' ? [`${e.component}:${e.health.state}`] : []));
    expect(afterDrop).toEqual(expect.arrayContaining(['connection:failed', 'connection:ok']));
    await expectNoDuplicates('after drop');

    // 2. The path stalls (a black hole): only keep-alive can tell; it flows again after 4 s.
    d.events.length = 0;
    sipProxy.stall(true);
    await waitFor(d.account, (s) => s.health.connection.state === 'failed', 5000);
    await sleep(4000);
    sipProxy.stall(false);
    const unstalled = Date.now();
    await waitFor(d.account, up, RECOVERY_MS);
    expect(Date.now() - unstalled).toBeLessThan(RECOVERY_MS);
    expect(d.events).toContainEqual(
      expect.objectContaining({
        type: 'health',
        component: 'connection',
        health: expect.objectContaining({ code: 'timeout' }),
      }),
    );
    await expectNoDuplicates('after stall');

    // 3. A NOTIFY is cut half-way by a dying connection.
    d.events.length = 0;
    sipProxy.cutNextFromServer();
    await contactAgent.publish('cut short');
    const cut = Date.now();
    await waitFor(d.account, (s) => s.health.connection.state === 'failed', 5000);
    await waitFor(d.account, up, RECOVERY_MS);
    expect(Date.now() - cut).toBeLessThan(RECOVERY_MS);
    // What the cut NOTIFY carried comes again with the full state of the new subscription.
    await waitFor(d.account, sees('cut short'), RECOVERY_MS);
    await expectNoDuplicates('after cut');

    // 4. Kamailio is killed (no shutdown handler runs) and started again two seconds later.
    d.events.length = 0;
    killServer(tb.pid);
    await waitFor(d.account, (s) => s.health.connection.state === 'failed', 5000);
    await sleep(2000);
    tb = await restartTestbed(tb);
    const restarted = Date.now();
    await waitFor(d.account, up, RECOVERY_MS);
    expect(Date.now() - restarted).toBeLessThan(RECOVERY_MS);
    const afterKill = d.events.flatMap((e) => (e.type === 'health' ? [`${e.component}:${e.health.state}`] : []));
    expect(afterKill).toEqual(expect.arrayContaining(['connection:failed', 'connection:ok', 'registration:ok']));
    expect(d.account.getSnapshot().running).toBe(true);
    await expectNoDuplicates('after restart');
  }, 90_000);
});
