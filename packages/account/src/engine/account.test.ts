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

  it('registers even when XCAP is down at start, and subscribes to the list once the documents exist', async () => {
    server.down = true;
    const d = device(server, clock);
    let s = await started(d);
    expect(s.health.storage.state).toBe('failed');
    expect(s.health.registration.state).toBe('ok');
    expect(s.health.presenceList).toMatchObject({ state: 'idle', reason: 'waiting for the rls-services document' });
    server.down = false;
    await clock.advance(1000);
    await d.account.settled();
    await settle();
    s = d.account.getSnapshot();
    expect(s.health.storage.state).toBe('ok');
    expect(s.health.presenceList.state).toBe('ok');
  });

  it('fails start with the reason when the credentials cannot be had, and can start again', async () => {
    let locked = true;
    const d = device(server, clock, {
      credentials: async () => {
        if (locked) throw new Error('keychain locked');
        return { username: 'alice', password: 'pw' };
      },
    });
    await expect(d.account.start()).rejects.toThrow('keychain locked');
    expect(d.account.getSnapshot().health.connection).toMatchObject({ state: 'failed', reason: 'keychain locked' });
    locked = false;
    await started(d);
    expect(d.account.getSnapshot().health.registration.state).toBe('ok');
  });

  it('does not register when stopped while the first fetch is still running', async () => {
    const d = device(server, clock);
    const starting = d.account.start();
    await d.account.stop();
    await starting;
    await settle();
    expect(d.ua.log).toEqual([]);
    expect(d.account.getSnapshot().running).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });

  it('says why xcap-diff is not used when the server refuses it', async () => {
    const d = device(server, clock);
    d.ua.failSubscribe.add('xcap-diff');
    const s = await started(d);
    expect(s.health.xcapDiff).toMatchObject({ state: 'failed', code: 'not-supported' });
    expect(s.health.xcapDiff.reason).toContain('refetched periodically');
  });

  it('retries a failed registration with backoff and reports the reason', async () => {
    const d = device(server, clock);
    d.ua.failRegister = '403 Forbidden';
    const s = await started(d);
    expect(s.health.registration).toMatchObject({ state: 'failed', reason: '403 Forbidden', code: 'other' });
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
    expect(s.health.storage).toMatchObject({ state: 'failed', pendingEdits: 1, code: 'unreachable' });
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
