import { beforeEach, describe, expect, it } from 'vitest';
import { device, started, watcherinfo } from '../test-support/engine-fixture.js';
import { FakeClock, settle } from '../test-support/fake-clock.js';
import { FakeXcapServer } from '../test-support/fake-xcap.js';
import { rlsNotify } from '../test-support/rls-notify.js';

let server: FakeXcapServer;
let clock: FakeClock;

beforeEach(() => {
  server = new FakeXcapServer();
  clock = new FakeClock();
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

  it('reports the watcher and presence lists ok only once their first NOTIFY is in, not at the 2xx', async () => {
    const d = device(server, clock);
    d.ua.initialNotify = false;
    await started(d);
    await d.account.addContact({ name: 'Bob', uris: [{ uri: 'sip:bob@example.com' }] });
    await settle();
    const waiting = { state: 'working', reason: 'waiting for the first NOTIFY', code: 'waiting' };
    expect(d.account.getSnapshot().health.watcherInfo).toMatchObject(waiting);
    expect(d.account.getSnapshot().health.presenceList).toMatchObject(waiting);
    // A subscription without state (xcap-diff) is ok at its 2xx.
    expect(d.account.getSnapshot().health.xcapDiff.state).toBe('ok');
    d.ua
      .subscription('presence.winfo')
      ?.notify(
        watcherinfo(0, 'full', [{ id: 'a', uri: 'sip:carol@example.com', status: 'active' }]),
        'application/watcherinfo+xml',
      );
    let s = d.account.getSnapshot();
    expect(s.health.watcherInfo.state).toBe('ok');
    expect(s.watching.map((w) => w.uri)).toEqual(['sip:carol@example.com']);
    expect(s.health.presenceList.state).toBe('working');
    const full = rlsNotify('sip:alice+presence@example.com', 0, true, [
      { uri: 'sip:bob@example.com', instances: [{ id: 'i', state: 'pending' }] },
    ]);
    d.ua.subscription('presence')?.notify(full.body, full.contentType);
    s = d.account.getSnapshot();
    expect(s.health.presenceList.state).toBe('ok');
    expect(s.contacts[0]?.live.pending).toBe(true);
  });

  it('does not take a late NOTIFY of a replaced watcher subscription for the first of the new one', async () => {
    const d = device(server, clock);
    d.ua.initialNotify = false;
    await started(d);
    const old = d.ua.subscription('presence.winfo');
    old?.terminate('deactivated');
    await clock.advance(1000);
    expect(d.ua.subscription('presence.winfo')).not.toBe(old);
    old?.notify(watcherinfo(0, 'full', []), 'application/watcherinfo+xml');
    expect(d.account.getSnapshot().health.watcherInfo.state).toBe('working');
    d.ua.subscription('presence.winfo')?.notify(watcherinfo(0, 'full', []), 'application/watcherinfo+xml');
    expect(d.account.getSnapshot().health.watcherInfo.state).toBe('ok');
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

  it('waits longer before subscribing again after noresource', async () => {
    const d = device(server, clock);
    await started(d);
    d.ua.subscription('presence')?.terminate('noresource');
    await clock.advance(1000);
    expect(d.ua.subscription('presence')).toBeUndefined();
    await clock.advance(29_000);
    expect(d.ua.subscription('presence')).toBeDefined();
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

describe('account engine: reconnect reports out of order', () => {
  it('keeps the registration that a later reconnect restored when an earlier one reports its failure late', async () => {
    const d = device(server, clock);
    await started(d);
    d.ua.emit({ type: 'disconnected', reason: 'connection reset', retryInMs: 100 });
    expect(d.account.getSnapshot().health.registration.state).toBe('working');
    d.ua.emit({ type: 'recovered', registered: true, failures: [] });
    d.ua.emit({ type: 'recovered', registered: false, failures: ['connection lost before the REGISTER was answered'] });
    expect(d.account.getSnapshot().health.registration).toMatchObject({
      state: 'ok',
      reason: 'registered (reconnect)',
      gruu: 'sip:alice@example.com;gr=urn:uuid:test',
    });
  });

  it('says the registration failed when the only reconnect since the loss could not register', async () => {
    const d = device(server, clock);
    await started(d);
    d.ua.emit({ type: 'disconnected', reason: 'connection reset', retryInMs: 100 });
    d.ua.emit({ type: 'recovered', registered: false, failures: ['REGISTER: 503 Service Unavailable'] });
    expect(d.account.getSnapshot().health.registration).toMatchObject({
      state: 'failed',
      reason: 'REGISTER: 503 Service Unavailable',
    });
    d.ua.emit({ type: 'registered', cause: 'reconnect', gruu: 'sip:alice@example.com;gr=urn:uuid:test' });
    d.ua.emit({ type: 'recovered', registered: false, failures: ['a late report'] });
    expect(d.account.getSnapshot().health.registration.state).toBe('ok');
  });
});

describe('account engine: a large presence list', () => {
  it('shows a 1,000-member full state in batches without holding the NOTIFY, then all of it once settled', async () => {
    const d = device(server, clock);
    await started(d);
    const members = Array.from({ length: 1000 }, (_, i) => `sip:member${i}@example.com`);
    const doc = (uri: string) =>
      `<?xml version="1.0"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="${uri}"><tuple id="t"><status><basic>open</basic></status><note>hi ${uri}</note></tuple></presence>`;
    const full = rlsNotify(
      'sip:alice+presence@example.com',
      0,
      true,
      members.map((uri, i) => ({ uri, instances: [{ id: `i${i}`, state: 'active', pidf: doc(uri) }] })),
    );
    d.events.length = 0;
    d.ua.subscription('presence')?.notify(full.body, full.contentType);
    // The NOTIFY itself decoded one batch; the rest follows in later turns of the event loop.
    const atOnce = Object.keys(d.account.getSnapshot().presence).length;
    expect(atOnce).toBeGreaterThan(0);
    expect(atOnce).toBeLessThan(100);
    await d.account.settled();
    const s = d.account.getSnapshot();
    expect(Object.keys(s.presence)).toHaveLength(1000);
    expect(members.filter((uri) => s.presence[uri]?.notes[0] !== `hi ${uri}`).map((u) => s.presence[u])).toEqual([]);
    expect(s.presence[members[999] ?? '']).toMatchObject({ subscription: 'active', availability: 'available' });
    const batches = d.events.filter((e) => e.type === 'presence');
    expect(batches.length).toBeGreaterThan(10);
    expect(batches.reduce((n, e) => n + (e.type === 'presence' ? e.uris.length : 0), 0)).toBe(1000);
  });

  it('stops decoding a large full state when the account stops', async () => {
    const d = device(server, clock);
    await started(d);
    const members = Array.from({ length: 300 }, (_, i) => `sip:member${i}@example.com`);
    const full = rlsNotify(
      'sip:alice+presence@example.com',
      0,
      true,
      members.map((uri, i) => ({
        uri,
        instances: [
          {
            id: `i${i}`,
            state: 'active',
            pidf: `<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="${uri}"><tuple id="t"><status><basic>open</basic></status></tuple></presence>`,
          },
        ],
      })),
    );
    d.ua.subscription('presence')?.notify(full.body, full.contentType);
    const shown = Object.keys(d.account.getSnapshot().presence).length;
    await d.account.stop();
    d.events.length = 0;
    await settle();
    expect(d.events.filter((e) => e.type === 'presence')).toEqual([]);
    expect(Object.keys(d.account.getSnapshot().presence).length).toBeLessThan(300);
    expect(shown).toBeLessThan(300);
  });
});
