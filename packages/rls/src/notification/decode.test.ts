import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RlsError } from '../errors.js';
import { serialiseMultipart } from '../multipart/serialise.js';
import { serialiseRlmi } from '../rlmi/serialise.js';
import { ListSubscriptionState } from '../state/list-subscription-state.js';
import { buildNotify, fixtureNotify, pidfDocument, type TestPresence, testDecoders } from '../test-support/presence.js';
import { InstanceBody } from './body.js';
import { decodeRlsNotification } from './decode.js';
import type { RlsNotification } from './types.js';

function decode(body: Uint8Array, contentType: string): RlsNotification<TestPresence> {
  return decodeRlsNotification(body, contentType, { decoders: testDecoders });
}

function presenceOf(notification: RlsNotification<TestPresence>, uri: string): unknown {
  const content = notification.resources.find((r) => r.uri === uri)?.instances[0]?.content;
  return content instanceof InstanceBody ? content.value() : content;
}

describe('decodeRlsNotification', () => {
  it('decodes the RFC 4662 full-state example: names, instances and bodies by cid', () => {
    const { body, contentType } = fixtureNotify('rfc4662-full-state');
    const notification = decode(body, contentType);
    expect(notification.uri).toBe('sip:adam-friends@pres.vancouver.example.com');
    expect(notification.version).toBe(1);
    expect(notification.fullState).toBe(true);
    expect(notification.names).toEqual([
      { value: 'Buddy List at COM', lang: 'en' },
      { value: 'Liste der Freunde an COM', lang: 'de' },
    ]);
    expect(notification.resources.map((r) => [r.uri, r.instances.map((i) => [i.id, i.state, i.cid])])).toEqual([
      ['sip:bob@vancouver.example.com', [['juwigmtboe', 'active', 'bUZBsM@pres.vancouver.example.com']]],
      ['sip:dave@vancouver.example.com', [['hqzsuxtfyq', 'active', 'ZvSvkz@pres.vancouver.example.com']]],
      ['sip:ed@dallas.example.net', []],
      ['sip:adam-friends@stockholm.example.org', []],
    ]);
    expect(presenceOf(notification, 'sip:bob@vancouver.example.com')).toEqual({
      entity: 'sip:bob@vancouver.example.com',
      basic: ['open'],
      note: undefined,
    });
    expect(presenceOf(notification, 'sip:dave@vancouver.example.com')).toMatchObject({ basic: ['closed'] });
    expect(notification.problems).toEqual([]);
  });

  it('decodes a nested list carried as a multipart/related part (RFC 4662 §6 example)', () => {
    const { body, contentType } = fixtureNotify('rfc4662-partial-nested');
    const notification = decode(body, contentType);
    expect(notification.fullState).toBe(false);
    const org = notification.resources.find((r) => r.uri === 'sip:adam-friends@stockholm.example.org');
    const content = org?.instances[0]?.content;
    if (content?.kind !== 'list') throw new Error('expected a nested list');
    expect(content.notification.uri).toBe('sip:adam-friends@stockholm.example.org');
    expect(content.notification.resources.map((r) => r.uri)).toEqual([
      'sip:joe@stockholm.example.org',
      'sip:mark@stockholm.example.org',
    ]);
    expect(presenceOf(content.notification, 'sip:mark@stockholm.example.org')).toMatchObject({
      basic: ['open'],
      note: 'In a meeting',
    });
    expect(notification.resources.find((r) => r.uri === 'sip:ed@dallas.example.net')?.instances).toEqual([
      { id: 'sdlkmeopdf', state: 'pending' },
    ]);
  });

  it('decodes what Kamailio rls sends: two publishing users and one pending', () => {
    const { body, contentType } = fixtureNotify('kamailio-full-state');
    const notification = decode(body, contentType);
    expect(notification.version).toBe(0);
    expect(
      notification.resources.map((r) => [r.uri, r.instances.map((i) => i.state), presenceOf(notification, r.uri)]),
    ).toEqual([
      [
        'sip:bob@testbed.simplekit.test',
        ['active'],
        { entity: 'sip:bob@testbed.simplekit.test', basic: ['open'], note: 'Working from home today' },
      ],
      [
        'sip:carol@testbed.simplekit.test',
        ['active'],
        { entity: 'sip:carol@testbed.simplekit.test', basic: ['open'], note: 'Lunch' },
      ],
      ['sip:dave@testbed.simplekit.test', ['pending'], undefined],
    ]);
  });

  it('accepts Content-IDs that are SIP URIs with parameters, as some IMS servers send', () => {
    const root = 'sip:alice@ims.example.com;pres-list=rcs';
    const rlmi = serialiseRlmi({
      uri: root,
      version: 0,
      fullState: true,
      resources: [
        {
          uri: 'tel:+15551234',
          names: [],
          instances: [{ id: 'a', state: 'active', cid: 'sip:b@ims.example.com;x=1' }],
        },
      ],
    });
    const { body, contentType } = serialiseMultipart({
      type: 'application/rlmi+xml',
      start: root,
      boundary: '----=_Part_9038_28964864.1269514860737',
      parts: [
        { contentType: 'application/rlmi+xml;charset="UTF-8"', contentId: root, body: rlmi },
        {
          contentType: 'application/pidf+xml',
          contentId: 'sip:b@ims.example.com;x=1',
          body: pidfDocument('tel:+15551234', 'open'),
        },
      ],
    });
    const notification = decode(body, contentType);
    expect(notification.problems).toEqual([]);
    expect(presenceOf(notification, 'tel:+15551234')).toMatchObject({ basic: ['open'] });
  });

  it('does not decode bodies until asked', () => {
    let calls = 0;
    const { body, contentType } = fixtureNotify('kamailio-full-state');
    const notification = decodeRlsNotification(body, contentType, {
      decoders: { 'application/pidf+xml': () => ++calls },
    });
    expect(calls).toBe(0);
    const content = notification.resources[0]?.instances[0]?.content;
    if (!(content instanceof InstanceBody)) throw new Error('expected a body');
    expect(content.value()).toBe(1);
    expect(content.value()).toBe(1);
    expect(calls).toBe(1);
  });

  it('reports an instance whose cid names no part, and a part no instance names, and keeps the rest', () => {
    const rlmi = serialiseRlmi({
      uri: 'sip:l@x',
      version: 0,
      fullState: true,
      resources: [
        { uri: 'sip:a@x', names: [], instances: [{ id: '1', state: 'active', cid: 'a@x' }] },
        { uri: 'sip:b@x', names: [], instances: [{ id: '2', state: 'active', cid: 'missing@x' }] },
      ],
    });
    const { body, contentType } = serialiseMultipart({
      type: 'application/rlmi+xml',
      parts: [
        { contentType: 'application/rlmi+xml', contentId: 'root@x', body: rlmi },
        { contentType: 'application/pidf+xml', contentId: 'a@x', body: pidfDocument('sip:a@x', 'open') },
        { contentType: 'application/pidf+xml', contentId: 'stray@x', body: pidfDocument('sip:c@x', 'open') },
      ],
    });
    const notification = decode(body, contentType);
    expect(presenceOf(notification, 'sip:a@x')).toMatchObject({ basic: ['open'] });
    expect(notification.resources[1]?.instances[0]?.problem?.code).toBe('RLS_CID_MISSING');
    expect(notification.problems.map((p) => [p.error.code, p.resourceUri, p.contentId])).toEqual([
      ['RLS_CID_MISSING', 'sip:b@x', 'missing@x'],
      ['RLS_EXTRA_PART', undefined, 'stray@x'],
    ]);
  });

  it('turns a body that fails to decode into a typed result, not an exception', () => {
    const { body, contentType } = buildNotify('sip:l@x', 0, true, [
      { uri: 'sip:a@x', instances: [{ id: '1', state: 'active', body: '<presence' }] },
    ]);
    const content = decode(body, contentType).resources[0]?.instances[0]?.content;
    if (!(content instanceof InstanceBody)) throw new Error('expected a body');
    const result = content.result();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('RLS_BODY_DECODE_FAILED');
    expect(() => content.value()).toThrow(RlsError);
  });

  it('reports RLS_NO_DECODER for a content type without a decoder', () => {
    const { body, contentType } = buildNotify('sip:l@x', 0, true, [
      { uri: 'sip:a@x', instances: [{ id: '1', state: 'active', body: pidfDocument('sip:a@x', 'open') }] },
    ]);
    const content = decodeRlsNotification(body, contentType, { decoders: {} }).resources[0]?.instances[0]?.content;
    if (!(content instanceof InstanceBody)) throw new Error('expected a body');
    const result = content.result();
    expect(result.ok ? 'ok' : result.error.code).toBe('RLS_NO_DECODER');
  });

  it.each([
    [
      'a root that is not RLMI',
      'multipart/related;boundary=b',
      '--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--',
      'RLS_ROOT_MISSING',
    ],
    [
      'a body that is not multipart/related',
      'multipart/mixed;boundary=b',
      '--b\r\n\r\nx\r\n--b--',
      'RLS_BAD_CONTENT_TYPE',
    ],
    [
      'malformed RLMI',
      'multipart/related;boundary=b',
      '--b\r\nContent-Type: application/rlmi+xml\r\n\r\n<list\r\n--b--',
      'RLS_RLMI_MALFORMED',
    ],
  ])('rejects %s with %s', (_why, contentType, body, code) => {
    expect(() => decode(Buffer.from(body), contentType)).toThrow(expect.objectContaining({ code }));
  });

  it('throws only RlsError on mutated or cut notifications, and what decodes also applies (fuzz)', () => {
    const { body, contentType } = fixtureNotify('kamailio-full-state');
    const mutation = fc.record({
      cut: fc.oneof(fc.constant(body.length), fc.nat({ max: body.length })),
      flips: fc.array(fc.tuple(fc.nat({ max: body.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(mutation, ({ cut, flips }) => {
        const bytes = Buffer.from(body.subarray(0, cut));
        for (const [at, value] of flips) if (at < bytes.length) bytes[at] = value;
        let notification: RlsNotification<TestPresence> | undefined;
        try {
          notification = decode(bytes, contentType);
        } catch (error) {
          expect(error).toBeInstanceOf(RlsError);
        }
        if (notification !== undefined) {
          const result = new ListSubscriptionState<TestPresence>().apply(notification);
          expect(result.outcome).toBe(notification.fullState ? 'applied' : 'buffered');
        }
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});
