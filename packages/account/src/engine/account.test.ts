import { parsePresence, summarize } from '@simplekit/pidf';
import { beforeEach, describe, expect, it } from 'vitest';
import { resolveAccountConfig } from '../config/config.js';
import { AccountIconError, AccountStateError, AccountStoppedError } from '../errors.js';
import { createStaticHostInfo } from '../host/host-info.js';
import { ownPresenceBody } from '../presence/own-document.js';
import { device, ROOT, serverBook, started, watcherinfo } from '../test-support/engine-fixture.js';
import { FakeClock, settle } from '../test-support/fake-clock.js';
import { FakeXcapServer } from '../test-support/fake-xcap.js';
import { rlsNotify } from '../test-support/rls-notify.js';

let server: FakeXcapServer;
let clock: FakeClock;

beforeEach(() => {
  server = new FakeXcapServer();
  clock = new FakeClock();
});

const lastPublished = (ua: { published: string[] }) => summarize(parsePresence(ua.published.at(-1) ?? ''));

describe('account engine: start and stop', () => {
  it('creates the documents, registers, publishes with its GRUU and subscribes to list, winfo and xcap-diff', async () => {
    const d = device(server, clock);
    const s = await started(d);
    expect(server.documents.has(`${ROOT}/rls-services/users/sip:alice@example.com/index`)).toBe(true);
    expect(d.ua.log[0]).toBe('REGISTER 600');
    expect(d.ua.log.slice(1, 5).sort()).toEqual([
      'PUBLISH',
      'SUBSCRIBE presence sip:alice+presence@example.com',
      'SUBSCRIBE presence.winfo sip:alice@example.com',
      'SUBSCRIBE xcap-diff sip:alice@example.com',
    ]);
    expect(d.ua.subscription('presence')?.options.eventList).toBe(true);
    expect(lastPublished(d.ua).devices[0]).toMatchObject({ contact: 'sip:alice@example.com;gr=urn:uuid:test' });
    expect(s.running).toBe(true);
    expect(s.health.registration).toMatchObject({ state: 'ok', gruu: 'sip:alice@example.com;gr=urn:uuid:test' });
    for (const c of ['connection', 'publication', 'presenceList', 'watcherInfo', 'xcapDiff', 'storage'] as const) {
      expect(s.health[c].state).toBe('ok');
    }
    expect(d.events[0]).toMatchObject({ type: 'health' });
    expect(d.events.some((e) => e.type === 'started')).toBe(true);
  });

  it('stop unsubscribes, unpublishes and closes, and refuses commands afterwards', async () => {
    const d = device(server, clock);
    await started(d);
    await d.account.stop();
    expect(d.ua.log.slice(-5)).toEqual([
      'UNSUBSCRIBE presence',
      'UNSUBSCRIBE presence.winfo',
      'UNSUBSCRIBE xcap-diff',
      'PUBLISH (remove)',
      'close',
    ]);
    expect(d.account.getSnapshot()).toMatchObject({ running: false, health: { registration: { state: 'stopped' } } });
    await expect(d.account.setNote('x')).rejects.toBeInstanceOf(AccountStoppedError);
  });

  it('says why xcap-diff is not used when the server refuses it', async () => {
    const d = device(server, clock);
    d.ua.failSubscribe.add('xcap-diff');
    const s = await started(d);
    expect(s.health.xcapDiff).toMatchObject({ state: 'failed' });
    expect(s.health.xcapDiff.reason).toContain('refetched periodically');
  });

  it('retries a failed registration with backoff and reports the reason', async () => {
    const d = device(server, clock);
    d.ua.failRegister = '403 Forbidden';
    const s = await started(d);
    expect(s.health.registration).toMatchObject({ state: 'failed', reason: '403 Forbidden' });
    d.ua.failRegister = undefined;
    await clock.advance(1000);
    expect(d.account.getSnapshot().health.registration.state).toBe('ok');
    expect(d.ua.published).toHaveLength(1);
  });
});

describe('account engine: own presence', () => {
  it('publishes a new status and note and keeps the history', async () => {
    const d = device(server, clock);
    await started(d);
    await d.account.setStatus('away', 'lunch');
    await d.account.setStatus('busy', 'call');
    await settle();
    expect(lastPublished(d.ua)).toMatchObject({ availability: 'busy', notes: ['call'] });
    expect(d.account.getSnapshot().own.history.map((h) => `${h.status}/${h.note}`)).toEqual([
      'busy/call',
      'away/lunch',
    ]);
  });

  it('uploads the icon, publishes its URL and refuses what is not an image', async () => {
    const d = device(server, clock);
    await started(d);
    await d.account.setIcon({ data: Uint8Array.from([0x89, 0x50, 0x4e, 0x47]), mimeType: 'image/png' });
    await d.account.settled();
    await settle();
    const url = `${ROOT}/org.openmobilealliance.pres-content/users/sip:alice@example.com/oma_status-icon/index`;
    expect(d.account.getSnapshot().own.icon).toMatchObject({ url, mimeType: 'image/png' });
    expect(lastPublished(d.ua).iconUrl).toBe(url);
    await expect(d.account.setIcon({ data: new Uint8Array(1), mimeType: 'text/html' })).rejects.toBeInstanceOf(
      AccountIconError,
    );
  });

  it('reads xcap-caps and does not write documents the server does not store', async () => {
    server.auids = server.auids.filter((a) => a !== 'pidf-manipulation');
    const d = device(server, clock);
    const s = await started(d);
    expect(s.xcapCapabilities?.auids).not.toContain('pidf-manipulation');
    await d.account.setOfflineStatus({ status: 'offline', note: 'x' });
    await d.account.settled();
    expect(server.log.some((l) => l.includes('pidf-manipulation'))).toBe(false);
    expect(d.account.getSnapshot().health.storage.pendingEdits).toBe(0);
  });

  it('republishes after a pres-rules change, so a block applies to existing watchers', async () => {
    const d = device(server, clock);
    await started(d);
    const before = d.ua.published.length;
    await d.account.blockWatcher('sip:eve@example.com');
    await d.account.settled();
    await settle();
    expect(d.ua.published.length).toBe(before + 1);
  });

  it('publishes again when the user becomes idle and when they are back', async () => {
    let idle = 0;
    const d = device(server, clock, { idleSeconds: () => idle });
    await started(d);
    expect(parsePresence(d.ua.published.at(-1) ?? '').tuples[0]?.userInput?.state).toBe('active');
    idle = 900;
    await clock.advance(15_000);
    expect(parsePresence(d.ua.published.at(-1) ?? '').tuples[0]?.userInput?.state).toBe('idle');
    const count = d.ua.published.length;
    await clock.advance(15_000);
    expect(d.ua.published.length).toBe(count);
    idle = 3;
    await clock.advance(15_000);
    expect(parsePresence(d.ua.published.at(-1) ?? '').tuples[0]?.userInput?.state).toBe('active');
  });

  it('keeps status, note and history across a restart', async () => {
    const first = device(server, clock);
    await started(first);
    await first.account.setStatus('extended-away', 'holiday');
    await first.account.stop();
    const second = device(server, clock, { storage: first.storage });
    const s = await started(second);
    expect(s.own).toMatchObject({ status: 'extended-away', note: 'holiday' });
    expect(lastPublished(second.ua).availability).toBe('extended-away');
  });
});

describe('account engine: contacts', () => {
  it('shows an added contact at once and stores it on the server', async () => {
    const d = device(server, clock);
    await started(d);
    const id = await d.account.addContact({ name: 'Bob', uris: [{ uri: 'sip:bob@example.com', type: 'SIP' }] });
    expect(d.account.getSnapshot().contacts.map((c) => c.name)).toEqual(['Bob']);
    await d.account.settled();
    const bob = serverBook(server).contacts.get(id);
    expect(bob).toMatchObject({ name: 'Bob', presence: { policy: 'allow', subscribe: true } });
    expect(d.account.getSnapshot().health.storage.pendingEdits).toBe(0);
    expect(d.events.some((e) => e.type === 'synced' && e.written.includes('resourceLists'))).toBe(true);
  });

  it('edits groups and the two presence switches', async () => {
    const d = device(server, clock);
    await started(d);
    const g = await d.account.addGroup('Work');
    const id = await d.account.addContact({
      name: 'Carol',
      uris: [{ uri: 'xmpp:carol@example.com', type: 'XMPP' }],
      groupIds: [g],
    });
    await d.account.updateContact(id, { subscribe: false, allow: false, name: 'Caroline' });
    await d.account.settled();
    const s = d.account.getSnapshot();
    expect(s.groups).toEqual([{ id: g, name: 'Work', contactIds: [id] }]);
    expect(s.contacts[0]).toMatchObject({
      name: 'Caroline',
      groupIds: [g],
      uris: [{ uri: 'xmpp:carol@example.com', type: 'XMPP' }],
      presence: { policy: 'default', subscribe: false },
    });
    await expect(d.account.removeContact('nope')).rejects.toBeInstanceOf(AccountStateError);
  });

  it('shows live presence from RLS notifications on the contact', async () => {
    const d = device(server, clock);
    await started(d);
    await d.account.addContact({ name: 'Bob', uris: [{ uri: 'sip:bob@example.com' }] });
    const bobDoc = ownPresenceBody({
      config: resolveAccountConfig({ address: 'sip:bob@example.com', password: 'x' }),
      own: { status: 'away', note: 'back soon', history: [] },
      host: createStaticHostInfo({ description: 'b', userAgent: 'u' }),
      instanceId: 'bobdev',
      gruu: 'sip:bob@example.com;gr=b',
      now: 0,
    });
    const sub = d.ua.subscription('presence');
    const full = rlsNotify('sip:alice+presence@example.com', 0, true, [{ uri: 'sip:bob@example.com', instances: [] }]);
    sub?.notify(full.body, full.contentType);
    const part = rlsNotify('sip:alice+presence@example.com', 1, false, [
      { uri: 'sip:bob@example.com', instances: [{ id: 'x', state: 'active', pidf: bobDoc }] },
    ]);
    sub?.notify(part.body, part.contentType);
    const bob = d.account.getSnapshot().contacts[0];
    expect(bob?.live).toMatchObject({
      availability: 'away',
      notes: ['back soon'],
      devices: [{ id: 'bobdev', contact: 'sip:bob@example.com;gr=b' }],
    });
    expect(d.events.some((e) => e.type === 'presence')).toBe(true);
  });

  it('keeps edits while the server is down and sends them when it is back', async () => {
    const d = device(server, clock);
    await started(d);
    server.down = true;
    await d.account.addContact({ name: 'Dan', uris: [{ uri: 'sip:dan@example.com' }] });
    await d.account.settled();
    const s = d.account.getSnapshot();
    expect(s.health.storage).toMatchObject({ state: 'failed', pendingEdits: 1 });
    expect(s.health.storage.retryAt).toBe(clock.now() + 1000);
    server.down = false;
    await clock.advance(1000);
    await d.account.settled();
    expect(d.account.getSnapshot().health.storage).toMatchObject({ state: 'ok', pendingEdits: 0 });
    expect([...serverBook(server).contacts.values()].map((c) => c.name)).toEqual(['Dan']);
  });

  it('sends on the next start an edit that was recorded before the process died', async () => {
    const first = device(server, clock);
    await started(first);
    server.down = true;
    await first.account.addContact({ name: 'Erin', uris: [{ uri: 'sip:erin@example.com' }] });
    await first.account.settled();
    // The process dies here: no stop(). A new process starts on the same state directory.
    server.down = false;
    const second = device(server, clock, { storage: first.storage });
    await started(second);
    expect([...serverBook(server).contacts.values()].map((c) => c.name)).toEqual(['Erin']);
    expect(second.account.getSnapshot().contacts.map((c) => c.name)).toEqual(['Erin']);
  });

  it('shows an edit made on another device after the periodic refetch, and keeps concurrent edits', async () => {
    const one = device(server, clock, { xcapRefreshSeconds: 30 });
    const two = device(server, clock, { xcapRefreshSeconds: 30 });
    await started(one);
    await started(two);
    await one.account.addContact({ name: 'Bob', uris: [{ uri: 'sip:bob@example.com' }] });
    await two.account.addContact({ name: 'Carol', uris: [{ uri: 'sip:carol@example.com' }] });
    await one.account.settled();
    await two.account.settled();
    await clock.advance(30_000);
    await one.account.settled();
    await two.account.settled();
    const names = (d: typeof one) =>
      d.account
        .getSnapshot()
        .contacts.map((c) => c.name)
        .sort();
    expect(names(one)).toEqual(['Bob', 'Carol']);
    expect(names(two)).toEqual(['Bob', 'Carol']);
  });
});

describe('account engine: watchers', () => {
  it('lists pending watchers as New Contact Requests until allowed, and blocked ones under Blocked', async () => {
    const d = device(server, clock);
    await started(d);
    const winfo = d.ua.subscription('presence.winfo');
    winfo?.notify(
      watcherinfo(0, 'full', [
        { id: 'w1', uri: 'sip:bob@example.com', status: 'pending' },
        { id: 'w2', uri: 'sip:eve@example.com', status: 'pending' },
        { id: 'w3', uri: 'sip:carol@example.com', status: 'active', event: 'approved' },
      ]),
      'application/watcherinfo+xml',
    );
    let s = d.account.getSnapshot();
    expect(s.newContactRequests.map((w) => w.uri)).toEqual(['sip:bob@example.com', 'sip:eve@example.com']);
    expect(s.watching.map((w) => w.uri)).toEqual(['sip:carol@example.com']);
    await d.account.allowWatcher('sip:bob@example.com', 'Bob');
    await d.account.blockWatcher('sip:eve@example.com');
    s = d.account.getSnapshot();
    expect(s.newContactRequests).toEqual([]);
    expect(s.blocked).toEqual([{ uri: 'sip:eve@example.com' }]);
    await d.account.settled();
    const policies = [...serverBook(server).policies.values()].map((p) => [p.uri, p.presence.policy]);
    expect(policies).toEqual([
      ['sip:bob@example.com', 'allow'],
      ['sip:eve@example.com', 'block'],
    ]);
  });
});

describe('account engine: subscriptions', () => {
  it('resubscribes after a watcherinfo version gap and accepts the new dialog from version 0', async () => {
    const d = device(server, clock);
    await started(d);
    const first = d.ua.subscription('presence.winfo');
    first?.notify(
      watcherinfo(3, 'full', [{ id: 'a', uri: 'sip:bob@example.com', status: 'pending' }]),
      'application/watcherinfo+xml',
    );
    first?.notify(
      watcherinfo(5, 'partial', [{ id: 'b', uri: 'sip:eve@example.com', status: 'pending' }]),
      'application/watcherinfo+xml',
    );
    await settle();
    expect(d.ua.log.slice(-2)).toEqual([
      'UNSUBSCRIBE presence.winfo',
      'SUBSCRIBE presence.winfo sip:alice@example.com',
    ]);
    // The old watchers stay shown until the new dialog's first document.
    expect(d.account.getSnapshot().newContactRequests.map((w) => w.uri)).toEqual(['sip:bob@example.com']);
    d.ua.subscription('presence.winfo')?.notify(
      watcherinfo(0, 'full', [
        { id: 'a', uri: 'sip:bob@example.com', status: 'pending' },
        { id: 'b', uri: 'sip:eve@example.com', status: 'pending' },
      ]),
      'application/watcherinfo+xml',
    );
    expect(d.account.getSnapshot().newContactRequests.map((w) => w.uri)).toEqual([
      'sip:bob@example.com',
      'sip:eve@example.com',
    ]);
  });

  it('keeps the identity of contacts whose presence did not change and freezes snapshots', async () => {
    const d = device(server, clock);
    await started(d);
    await d.account.addContact({ name: 'Bob', uris: [{ uri: 'sip:bob@example.com' }] });
    await d.account.addContact({ name: 'Carol', uris: [{ uri: 'sip:carol@example.com' }] });
    const before = d.account.getSnapshot();
    const sub = d.ua.subscription('presence');
    const full = rlsNotify('sip:alice+presence@example.com', 0, true, [
      { uri: 'sip:bob@example.com', instances: [{ id: 'i', state: 'pending' }] },
    ]);
    sub?.notify(full.body, full.contentType);
    const after = d.account.getSnapshot();
    expect(after.contacts[0]).not.toBe(before.contacts[0]);
    expect(after.contacts[0]?.live.pending).toBe(true);
    expect(after.contacts[1]).toBe(before.contacts[1]);
    expect(after.groups).toBe(before.groups);
    expect(after.own).toBe(before.own);
    expect(Object.isFrozen(after)).toBe(true);
  });

  it('resubscribes to the presence list after the server terminated it', async () => {
    const d = device(server, clock);
    await started(d);
    d.ua.subscription('presence')?.terminate('deactivated');
    expect(d.account.getSnapshot().health.presenceList).toMatchObject({
      state: 'failed',
      reason: 'terminated: deactivated',
    });
    await clock.advance(1000);
    expect(d.ua.subscription('presence')).toBeDefined();
    expect(d.account.getSnapshot().health.presenceList.state).toBe('ok');
  });

  it('publishes again when a reconnect could not restore everything', async () => {
    const d = device(server, clock);
    await started(d);
    const before = d.ua.published.length;
    d.ua.emit({ type: 'recovered', registered: true, failures: ['PUBLISH: 412 Conditional Request Failed'] });
    expect(d.account.getSnapshot().health.publication.reason).toContain('not restored');
    await settle();
    expect(d.ua.published.length).toBe(before + 1);
    expect(d.account.getSnapshot().health.publication.state).toBe('ok');
  });

  it('reports a lost connection and refetches documents when it comes back', async () => {
    const d = device(server, clock);
    await started(d);
    d.ua.emit({ type: 'disconnected', reason: 'connection reset', retryInMs: 1000 });
    expect(d.account.getSnapshot().health.connection).toMatchObject({ state: 'failed' });
    server.log.length = 0;
    d.ua.emit({ type: 'reconnected' });
    d.ua.emit({ type: 'recovered', registered: true, failures: [] });
    await settle();
    await d.account.settled();
    expect(d.account.getSnapshot().health.connection.state).toBe('ok');
    expect(server.log.some((l) => l.startsWith('GET /resource-lists'))).toBe(true);
    const kinds = d.events
      .filter((e) => e.type === 'health')
      .map((e) => e.type === 'health' && `${e.component}:${e.health.state}`);
    expect(kinds).toContain('connection:failed');
    expect(kinds).toContain('connection:ok');
  });
});
