import { parsePresence, summarize } from '@simplekit/pidf';
import { beforeEach, describe, expect, it } from 'vitest';
import { resolveAccountConfig } from '../config/config.js';
import { AccountStateError } from '../errors.js';
import { createStaticHostInfo } from '../host/host-info.js';
import { ownPresenceBody } from '../presence/own-document.js';
import { device, serverBook, started } from '../test-support/engine-fixture.js';
import { FakeClock, settle } from '../test-support/fake-clock.js';
import { FakeXcapServer } from '../test-support/fake-xcap.js';
import { rlsNotify } from '../test-support/rls-notify.js';

let server: FakeXcapServer;
let clock: FakeClock;
beforeEach(() => {
  server = new FakeXcapServer();
  clock = new FakeClock();
});

const published = (d: ReturnType<typeof device>) => summarize(parsePresence(d.ua.published.at(-1) ?? ''));

describe('commands', () => {
  it('publishes the home page, and the location only when the account allows it', async () => {
    const d = device(server, clock);
    await started(d);
    await d.account.setHomepage('https://alice.example.com');
    await d.account.setLocation('Amsterdam');
    await settle();
    expect(published(d)).toMatchObject({ homepage: 'https://alice.example.com' });
    expect(published(d).location).toBeUndefined();
    expect(d.account.getSnapshot().own).toMatchObject({ location: 'Amsterdam', homepage: 'https://alice.example.com' });
    await d.account.setHomepage(undefined);
    await settle();
    expect(published(d).homepage).toBeUndefined();
  });

  it('edits contact addresses and groups, and undoes a block', async () => {
    const d = device(server, clock);
    await started(d);
    const g = await d.account.addGroup('Family');
    const id = await d.account.addContact({ name: 'Dan', uris: [{ uri: 'sip:dan@example.com' }], groupIds: [g] });
    const tel = await d.account.addContactUri(id, { uri: 'tel:+31201234567', type: 'tel' });
    await d.account.updateContactUri(id, tel, { type: 'mobile' });
    await d.account.renameGroup(g, 'Kin');
    await d.account.removeFromGroup(g, id);
    await d.account.blockWatcher('sip:dan@example.com');
    // A block is on the contact, so it covers every address of it.
    expect(d.account.getSnapshot().blocked.map((b) => b.uri)).toEqual(['sip:dan@example.com', 'tel:+31201234567']);
    await d.account.unblockWatcher('sip:dan@example.com');
    await d.account.settled();
    const s = d.account.getSnapshot();
    expect(s.blocked).toEqual([]);
    expect(s.groups).toEqual([{ id: g, name: 'Kin', contactIds: [] }]);
    expect(s.contacts[0]?.uris.map((u) => `${u.type ?? ''} ${u.uri}`)).toEqual([
      ' sip:dan@example.com',
      'mobile tel:+31201234567',
    ]);
    await d.account.removeContactUri(id, tel);
    await d.account.removeGroup(g);
    await d.account.removeContact(id);
    await d.account.settled();
    expect(serverBook(server).contacts.size).toBe(0);
    expect(serverBook(server).groups.size).toBe(0);
    await expect(d.account.addToGroup('nope', id)).rejects.toBeInstanceOf(AccountStateError);
  });

  it('denies a request as a polite block that shows under Blocked', async () => {
    const d = device(server, clock);
    await started(d);
    await d.account.denyWatcher('sip:spam@example.com', 'Spam');
    expect(d.account.getSnapshot().blocked).toEqual([{ uri: 'sip:spam@example.com', name: 'Spam' }]);
  });

  it('fetches the icon a contact publishes and tells it in an event', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47]);
    const d = device(server, clock, {
      fetchIcon: async (url) => ({ status: url.endsWith('bob.png') ? 200 : 404, contentType: 'image/png', body: png }),
    });
    await started(d);
    await d.account.addContact({ name: 'Bob', uris: [{ uri: 'sip:bob@example.com' }] });
    const pidf = ownPresenceBody({
      config: resolveAccountConfig({ address: 'sip:bob@example.com', password: 'x' }),
      own: {
        status: 'available',
        note: '',
        icon: { url: 'http://icons.example.com/bob.png', mimeType: 'image/png', hash: 'h' },
        history: [],
      },
      host: createStaticHostInfo({ description: 'b', userAgent: 'u' }),
      instanceId: 'b',
      now: 0,
    });
    const n = rlsNotify('sip:alice+presence@example.com', 0, true, [
      { uri: 'sip:bob@example.com', instances: [{ id: 'i', state: 'active', pidf }] },
    ]);
    d.ua.subscription('presence')?.notify(n.body, n.contentType);
    expect(d.account.getSnapshot().contacts[0]?.live.icon).toBe('http://icons.example.com/bob.png');
    expect(await d.account.fetchContactIcon('sip:bob@example.com')).toMatchObject({ mimeType: 'image/png', data: png });
    expect(d.events.at(-1)).toEqual({
      type: 'contact-icon',
      uri: 'sip:bob@example.com',
      url: 'http://icons.example.com/bob.png',
    });
    await expect(d.account.fetchContactIcon('sip:carol@example.com')).rejects.toBeInstanceOf(AccountStateError);
  });
});
