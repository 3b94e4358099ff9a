import { parsePresence, summarize } from '@simplekit/pidf';
import { describe, expect, it } from 'vitest';
import { resolveAccountConfig } from '../config/config.js';
import { createStaticHostInfo } from '../host/host-info.js';
import type { OwnPresence } from '../state/types.js';
import { rlsNotify } from '../test-support/rls-notify.js';
import { summariseInstance } from './instance-summary.js';
import { offlinePresenceBody, ownPresenceBody } from './own-document.js';
import { PresenceList } from './presence-list.js';

const config = resolveAccountConfig({ address: 'sip:alice@example.com', password: 'x', displayName: 'Alice' });
const host = createStaticHostInfo({ description: 'laptop', userAgent: 'SimpleKit test', timeOffsetMinutes: 60 });
const own: OwnPresence = {
  status: 'away',
  note: 'at lunch',
  location: 'Amsterdam',
  homepage: 'https://alice.example.com',
  icon: { url: 'http://xcap/icon', mimeType: 'image/png', hash: 'h' },
  history: [],
};
const gruu = 'sip:alice@example.com;gr=urn:uuid:0001';
const now = Date.UTC(2026, 0, 1);

describe('own presence document', () => {
  it('publishes status, note, icon URL, home page and the device with its GRUU', () => {
    const body = ownPresenceBody({ config, own, host, instanceId: 'dev1', gruu, now });
    const summary = summarize(parsePresence(body));
    expect(summary).toMatchObject({
      entity: 'sip:alice@example.com',
      availability: 'away',
      notes: ['at lunch'],
      displayName: 'Alice',
      iconUrl: 'http://xcap/icon',
      homepage: 'https://alice.example.com',
    });
    expect(summary.location).toBeUndefined();
    expect(summary.devices[0]).toMatchObject({
      id: 'dev1',
      contact: gruu,
      gruu: true,
      userAgent: 'SimpleKit test',
      timeOffset: 60,
    });
  });

  it('publishes the location only when the account switch allows it', () => {
    const withLocation = resolveAccountConfig({
      address: 'sip:alice@example.com',
      password: 'x',
      switches: { publishLocation: true },
    });
    const body = ownPresenceBody({ config: withLocation, own, host, instanceId: 'd', now });
    expect(summarize(parsePresence(body)).location).toBe('Amsterdam');
  });

  it('writes the offline document with basic closed and the chosen note', () => {
    const doc = parsePresence(offlinePresenceBody({ config, status: 'offline', note: 'on holiday', now }));
    expect(doc.tuples[0]?.status.basic).toBe('closed');
    expect(summarize(doc)).toMatchObject({ availability: 'offline', notes: ['on holiday'] });
  });
});

describe('instance summary', () => {
  const encode = (xml: string) => new TextEncoder().encode(xml);
  const neutral =
    '<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:bob@example.com"><tuple id="neutral">' +
    '<status><basic>closed</basic></status></tuple></presence>';

  it("lists no device for a politely blocked watcher's neutral closed document", () => {
    const summary = summariseInstance(encode(neutral));
    expect(summary).toMatchObject({ availability: 'offline', notes: [], devices: [] });
  });

  it('lists closed devices that say who they are, and the offline status with its note', () => {
    const closedDevice = neutral.replace('</status>', '</status><contact>sip:bob@example.com;gr=urn:uuid:1</contact>');
    expect(summariseInstance(encode(closedDevice)).devices.map((d) => d.contact)).toEqual([
      'sip:bob@example.com;gr=urn:uuid:1',
    ]);
    const offline = summariseInstance(encode(offlinePresenceBody({ config, status: 'away', note: 'on holiday', now })));
    expect(offline.notes).toEqual(['on holiday']);
    expect(offline.devices).toHaveLength(1);
    const open = summariseInstance(encode(neutral.replace('closed', 'open')));
    expect(open.devices.map((d) => d.availability)).toEqual(['available']);
  });
});

describe('presence list', () => {
  const bob = 'sip:bob@example.com';
  const carol = 'sip:carol@example.com';
  const bobDoc = ownPresenceBody({
    config: resolveAccountConfig({ address: bob, password: 'x' }),
    own: { status: 'busy', note: 'call', history: [] },
    host,
    instanceId: 'bobdev',
    gruu: `${bob};gr=urn:uuid:b`,
    now,
  });

  it('starts with resources without instances, then shows presence from the partial notifications', () => {
    let t = now;
    const list = new PresenceList({ now: () => t });
    const full = rlsNotify('sip:alice+presence@example.com', 0, true, [
      { uri: bob, instances: [] },
      { uri: carol, instances: [] },
    ]);
    const first = list.apply(full.body, full.contentType);
    expect(first.presence[bob]).toMatchObject({ subscription: 'unknown', availability: 'offline' });
    const partial = rlsNotify('sip:alice+presence@example.com', 1, false, [
      { uri: bob, instances: [{ id: 'i1', state: 'active', pidf: bobDoc }] },
      { uri: carol, instances: [{ id: 'i2', state: 'pending' }] },
    ]);
    t = now + 1;
    const second = list.apply(partial.body, partial.contentType);
    expect(second.changed).toEqual([bob, carol]);
    expect(second.presence[bob]).toMatchObject({
      subscription: 'active',
      availability: 'busy',
      status: 'busy',
      notes: ['call'],
      devices: [{ id: 'bobdev', contact: `${bob};gr=urn:uuid:b`, availability: 'busy' }],
      updatedAt: now + 1,
    });
    expect(second.presence[bob]?.documents).toEqual([bobDoc]);
    expect(second.presence[carol]).toMatchObject({ subscription: 'pending', availability: 'offline' });
    expect(second.needsFullState).toBe(false);
  });

  it('keeps the view object of a resource whose content did not change', () => {
    const list = new PresenceList();
    const a = rlsNotify('sip:l@x', 0, true, [{ uri: bob, instances: [{ id: 'i', state: 'active', pidf: bobDoc }] }]);
    const before = list.apply(a.body, a.contentType).presence[bob];
    list.restart();
    const again = list.apply(a.body, a.contentType).presence[bob];
    expect(again).toBe(before);
  });

  it('asks for a full state when a version is missing', () => {
    const list = new PresenceList();
    const a = rlsNotify('sip:l@x', 0, true, [{ uri: bob, instances: [] }]);
    list.apply(a.body, a.contentType);
    const gap = rlsNotify('sip:l@x', 3, false, [{ uri: bob, instances: [{ id: 'i', state: 'pending' }] }]);
    expect(list.apply(gap.body, gap.contentType).needsFullState).toBe(true);
  });
});
