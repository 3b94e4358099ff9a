import { createMemoryTraceSink } from '@simplekit/sip-core';
import { restartTestbed, type TestbedInfo, type TestbedUser } from '@simplekit/testbed';
import { createXcapClient } from '@simplekit/xcap';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sipCoreUserAgents } from '../sip/sip-core-factory.js';
import type { AccountSnapshot } from '../state/types.js';
import {
  privateTestbed,
  removePrivateDirs,
  testbedDevice,
  testbedUser,
  waitFor,
} from '../test-support/testbed-account.js';
import type { Account } from './account.js';

// A private server: these tests write every document of their users and restart Kamailio.
const server = privateTestbed();
let tb: TestbedInfo;
beforeAll(async () => {
  tb = await server.start();
}, 60_000);
afterAll(async () => {
  await server.stop();
  await removePrivateDirs();
});
const running: Account[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((a) => a.stop()));
});

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const up = (s: AccountSnapshot) =>
  s.health.registration.state === 'ok' &&
  s.health.publication.state === 'ok' &&
  s.health.presenceList.state === 'ok' &&
  s.health.watcherInfo.state === 'ok';

async function online(user: TestbedUser) {
  const trace = createMemoryTraceSink();
  const d = await testbedDevice(tb, user, {
    sip: sipCoreUserAgents({ trace }),
    outboundProxy: { host: tb.host, port: tb.sip.tcpPort, transport: 'tcp' },
  });
  running.push(d.account);
  await d.account.start();
  await waitFor(d.account, up, 8000);
  const sipTrace = () => trace.records.flatMap((r) => (r.kind === 'message' ? [r.text] : []));
  return { ...d, sipTrace };
}

/** The contact with address `uri` shows `status` and `note`. */
const sees = (uri: string, status: string, note: string) => (s: AccountSnapshot) =>
  s.contacts.some(
    (c) => c.uris.some((u) => u.uri === uri) && c.live.availability === status && c.live.notes.includes(note),
  );

describe('presence between accounts on the testbed', () => {
  it('alice adds bob, bob sees her request and allows; both see each other; bob blocks alice', async () => {
    const aliceUser = testbedUser(tb, 'alice');
    const bobUser = testbedUser(tb, 'bob');
    const alice = await online(aliceUser);
    const bob = await online(bobUser);
    await alice.account.setStatus('away', 'at lunch');
    await alice.account.setIcon({ data: PNG, mimeType: 'image/png' });
    await bob.account.setStatus('busy', 'in a call');
    await bob.account.setIcon({ data: PNG, mimeType: 'image/png' });

    await alice.account.addContact({ name: 'Bob', uris: [{ uri: bobUser.aor, type: 'SIP' }] });
    await waitFor(bob.account, (s) => s.newContactRequests.some((w) => w.uri === aliceUser.aor), 10_000);
    await bob.account.addContact({ name: 'Alice', uris: [{ uri: aliceUser.aor, type: 'SIP' }] });
    expect(bob.account.getSnapshot().newContactRequests.some((w) => w.uri === aliceUser.aor)).toBe(false);
    // "Within 2 s" counts from the moment bob's decision is stored on the server.
    await bob.account.settled();
    const allowedAt = Date.now();
    await Promise.all([
      waitFor(alice.account, sees(bobUser.aor, 'busy', 'in a call'), 2000),
      waitFor(bob.account, sees(aliceUser.aor, 'away', 'at lunch'), 2000),
    ]);
    expect(Date.now() - allowedAt).toBeLessThan(2500);
    const bobAtAlice = alice.account.getSnapshot().contacts.find((c) => c.name === 'Bob')?.live;
    const aliceAtBob = bob.account.getSnapshot().contacts.find((c) => c.name === 'Alice')?.live;
    expect(bobAtAlice?.icon).toBe(bob.account.getSnapshot().own.icon?.url);
    expect(aliceAtBob?.icon).toBe(alice.account.getSnapshot().own.icon?.url);
    expect(bobAtAlice?.devices[0]?.contact).toBe(bob.account.getSnapshot().health.registration.gruu);
    expect(aliceAtBob?.devices[0]?.contact).toBe(alice.account.getSnapshot().health.registration.gruu);

    await bob.account.blockWatcher(aliceUser.aor);
    await bob.account.settled();
    expect(bob.account.getSnapshot().blocked.map((b) => b.uri)).toContain(aliceUser.aor);
    // What the server holds: alice's identity under a polite-block rule, and out of every allowing one.
    const rules = (
      await createXcapClient({ root: tb.xcap.root, xui: bobUser.aor, credentials: bobUser }).getDocument({
        auid: 'org.openmobilealliance.pres-rules',
      })
    ).body;
    expect(rules).toMatch(
      new RegExp(
        `<cp:one id="${aliceUser.aor}"/></cp:identity></cp:conditions><cp:actions><pr:sub-handling>polite-block`,
      ),
    );
    // Traces of the run hold no password and no digest response.
    for (const d of [alice, bob]) {
      const text = [...d.sipTrace(), ...d.xcapTrace.map((e) => e.text)].join('\n');
      expect(text).toContain('REGISTER ');
      expect(text).not.toContain(aliceUser.password);
      expect(text).not.toContain(bobUser.password);
      expect(text).not.toMatch(/response="[0-9a-f]/);
    }
  }, 40_000);
});

describe('two devices of one account on the testbed', () => {
  it('a watcher sees both devices with their GRUUs, and an edit on one device shows on the other', async () => {
    const carolUser = testbedUser(tb, 'carol');
    const daveUser = testbedUser(tb, 'dave');
    const laptop = await online(carolUser);
    const phone = await online(carolUser);
    const dave = await online(daveUser);
    await laptop.account.setStatus('available', 'on the laptop');
    await phone.account.setStatus('away', 'on the phone');
    await laptop.account.addContact({ name: 'Dave', uris: [{ uri: daveUser.aor }] });
    await dave.account.addContact({ name: 'Carol', uris: [{ uri: carolUser.aor }] });
    const gruus = [laptop, phone].map((d) => d.account.getSnapshot().health.registration.gruu);
    expect(new Set(gruus).size).toBe(2);
    const s = await waitFor(
      dave.account,
      (x) => {
        const live = x.contacts.find((c) => c.name === 'Carol')?.live;
        return (
          live !== undefined &&
          live.devices.length >= 2 &&
          live.notes.includes('on the laptop') &&
          live.notes.includes('on the phone')
        );
      },
      10_000,
    );
    const carol = s.contacts.find((c) => c.name === 'Carol')?.live;
    expect(carol?.devices.map((d) => d.contact).sort()).toEqual([...gruus].sort());
    expect(carol?.availability).toBe('available');
    expect(carol?.notes).toEqual(expect.arrayContaining(['on the laptop', 'on the phone']));
    // The phone learns about Dave, and the icon set on the laptop, by its own refetch of the documents.
    await laptop.account.setIcon({ data: PNG, mimeType: 'image/png' });
    await laptop.account.settled();
    await phone.account.refresh();
    const onPhone = phone.account.getSnapshot();
    expect(onPhone.contacts.map((c) => c.name)).toContain('Dave');
    expect(onPhone.own.icon?.hash).toBe(laptop.account.getSnapshot().own.icon?.hash);
    expect(onPhone.own.icon?.url).toBe(laptop.account.getSnapshot().own.icon?.url);
  }, 40_000);
});

describe('a Kamailio restart in the middle of a session', () => {
  it('is registered, published and subscribed again within 10 s, with events that say what happened', async () => {
    const erinUser = testbedUser(tb, 'erin');
    const frankUser = testbedUser(tb, 'frank');
    const erin = await online(erinUser);
    const frank = await online(frankUser);
    await erin.account.addContact({ name: 'Frank', uris: [{ uri: frankUser.aor }] });
    await frank.account.addContact({ name: 'Erin', uris: [{ uri: erinUser.aor }] });
    await frank.account.setStatus('available', 'before restart');
    await waitFor(erin.account, sees(frankUser.aor, 'available', 'before restart'), 10_000);
    erin.events.length = 0;

    const restartedAt = Date.now();
    await restartTestbed(tb, 1000);
    const back = (x: AccountSnapshot) => x.health.connection.state === 'ok' && up(x) && x.health.storage.state === 'ok';
    await waitFor(erin.account, back, 10_000);
    await waitFor(frank.account, back, 10_000 - (Date.now() - restartedAt));
    expect(Date.now() - restartedAt).toBeLessThan(10_000);
    const said = erin.events.flatMap((e) => (e.type === 'health' ? [`${e.component}:${e.health.state}`] : []));
    expect(said).toEqual(
      expect.arrayContaining(['connection:failed', 'connection:ok', 'registration:ok', 'publication:ok']),
    );
    expect(erin.account.getSnapshot().health.registration.reason).toBe('registered (reconnect)');
    // What the engine holds is intact: the contact, its last known presence, our own state, nothing pending.
    const s = erin.account.getSnapshot();
    expect(s.contacts.map((c) => c.name)).toEqual(['Frank']);
    expect(s.health.storage.pendingEdits).toBe(0);
    // Not asserted here: that frank's *next* status reaches erin through the RLS. On this testbed the restarted
    // Kamailio cannot load its db_text rls_presentity table (a NULL `reason` in a NOT NULL column) and its RLS
    // sends no NOTIFY any more; see the account README.
  }, 60_000);
});
