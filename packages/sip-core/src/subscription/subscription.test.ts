import { describe, expect, it } from 'vitest';
import { parseMessage } from '../message/parse.js';
import type { SipMessage, SipRequest, SipResponse } from '../message/types.js';
import { SipRequestError } from '../transaction/errors.js';
import { ServerTransaction } from '../transaction/server.js';
import { nth, reply, scriptedSender, settle, testContext, utf8 } from '../ua/test-support/scripted-sender.js';
import { Subscription, type SubscriptionTermination } from './subscription.js';

interface NotifyOptions {
  state: string;
  cseq?: number;
  body?: string;
  event?: string;
  fromTag?: string;
  callId?: string;
  contact?: string | null;
  recordRoute?: string;
}

/** A NOTIFY for the SUBSCRIBE `subscribe`, as the notifier would send it. */
function notifyFor(subscribe: SipRequest, o: NotifyOptions): SipRequest {
  const fromTag = /tag=([^;]+)/.exec(subscribe.headers.get('from') ?? '')?.[1] ?? '';
  const body = o.body ?? '';
  const lines = [
    'NOTIFY sip:alice@127.0.0.1:40000;transport=tcp SIP/2.0',
    'Via: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bKn',
    `From: <sip:bob@example.com>;tag=${o.fromTag ?? 'srv'}`,
    `To: <sip:alice@example.com>;tag=${fromTag}`,
    `Call-ID: ${o.callId ?? subscribe.headers.get('call-id')}`,
    `CSeq: ${o.cseq ?? 1} NOTIFY`,
    `Event: ${o.event ?? 'presence'}`,
    ...(o.state === '' ? [] : [`Subscription-State: ${o.state}`]),
    ...(o.contact === null ? [] : [`Contact: <${o.contact ?? 'sip:notifier@192.0.2.1;transport=tcp'}>`]),
    ...(o.recordRoute === undefined ? [] : [`Record-Route: ${o.recordRoute}`]),
    ...(body === '' ? [] : ['Content-Type: application/pidf+xml']),
    `Content-Length: ${utf8(body).length}`,
    '',
    body,
  ];
  const m = parseMessage(lines.join('\r\n'));
  if (m.kind !== 'request') throw new Error('not a request');
  return m;
}

function deliver(subscription: Subscription, request: SipRequest): number | undefined {
  const sent: SipMessage[] = [];
  const t = new ServerTransaction(request, 'z9hG4bKn', { closed: false, send: (m) => sent.push(m) }, () => {});
  if (!subscription.matches(request)) return undefined;
  subscription.handleNotify(t);
  const r = sent[0];
  return r?.kind === 'response' ? r.status : undefined;
}

const accepted = (req: SipRequest, expires = '120'): SipResponse =>
  reply(req, 200, [
    ['Expires', expires],
    ['Contact', '<sip:notifier@192.0.2.1;transport=tcp>'],
    ['Record-Route', '<sip:p2.example.com;lr>'],
    ['Record-Route', '<sip:p1.example.com;lr>'],
  ]);

describe('Subscription (RFC 6665)', () => {
  it('sends SUBSCRIBE with Event, Accept, Expires, Contact and, for lists, Supported: eventlist', async () => {
    const sender = scriptedSender((req) => accepted(req));
    const list = new Subscription(testContext(sender), {
      target: 'sip:alice+presence@example.com',
      event: 'presence',
      eventList: true,
      accept: ['application/pidf+xml', 'application/rlmi+xml', 'multipart/related'],
    });
    await list.start();
    const winfo = new Subscription(testContext(sender), { target: 'sip:alice@example.com', event: 'presence.winfo' });
    await winfo.start();
    const rls = new Subscription(testContext(sender), {
      target: 'sip:l@example.com',
      event: 'presence',
      eventList: true,
    });
    await rls.start();
    expect(nth(sender.requests, 2).headers.get('accept')).toBe(
      'application/pidf+xml, application/rlmi+xml, multipart/related',
    );
    const [a, b] = sender.requests;
    expect(
      a && [
        a.rawUri,
        a.headers.get('event'),
        a.headers.get('accept'),
        a.headers.get('expires'),
        a.headers.get('supported'),
      ],
    ).toEqual([
      'sip:alice+presence@example.com',
      'presence',
      'application/pidf+xml, application/rlmi+xml, multipart/related',
      '600',
      'eventlist',
    ]);
    expect(a?.headers.get('contact')).toBe('<sip:alice@127.0.0.1:40000;transport=tcp>');
    expect(b && [b.headers.get('accept'), b.headers.get('supported')]).toEqual([
      'application/watcherinfo+xml',
      undefined,
    ]);
    expect(list.status).toBe('pending');
  });

  it('accepts a NOTIFY that arrives before the 200 and keeps the dialog it created', async () => {
    let release: (() => void) | undefined;
    const sender = scriptedSender(
      (req) =>
        new Promise((resolve) => {
          release = () => resolve(accepted(req));
        }),
    );
    const s = new Subscription(testContext(sender), { target: 'sip:bob@example.com', event: 'presence' });
    const bodies: string[] = [];
    s.on('notify', (n) => bodies.push(new TextDecoder().decode(n.body)));
    const started = s.start();
    await settle();
    const subscribe = nth(sender.requests, 0);
    expect(deliver(s, notifyFor(subscribe, { state: 'active;expires=120', body: '<early/>' }))).toBe(200);
    expect(s.status).toBe('active');
    release?.();
    await started;
    expect(s.status).toBe('active');
    expect(s.dialog?.remoteTag).toBe('srv');
    expect(s.dialog?.remoteTarget).toBe('sip:notifier@192.0.2.1;transport=tcp');
    expect(bodies).toEqual(['<early/>']);
    expect(s.lastNotification?.state).toMatchObject({ state: 'active', expires: 120 });
  });

  it('hands every NOTIFY, the early ones too, to an onNotify listener given up front', async () => {
    let release: (() => void) | undefined;
    const sender = scriptedSender(
      (req) =>
        new Promise((resolve) => {
          release = () => resolve(accepted(req));
        }),
    );
    const bodies: string[] = [];
    const s = new Subscription(testContext(sender), {
      target: 'sip:list@example.com',
      event: 'presence',
      onNotify: (n) => bodies.push(new TextDecoder().decode(n.body)),
    });
    const started = s.start();
    await settle();
    const subscribe = nth(sender.requests, 0);
    deliver(s, notifyFor(subscribe, { state: 'active;expires=120', body: '<full/>', cseq: 1 }));
    deliver(s, notifyFor(subscribe, { state: 'active;expires=119', body: '<partial/>', cseq: 2 }));
    release?.();
    await started;
    expect(bodies).toEqual(['<full/>', '<partial/>']);
    expect(new TextDecoder().decode(s.lastNotification?.body)).toBe('<partial/>');
  });

  it('only matches NOTIFYs of its dialog and event package', async () => {
    const sender = scriptedSender((req) => accepted(req));
    const s = new Subscription(testContext(sender), { target: 'sip:bob@example.com', event: 'presence;id=7' });
    await s.start();
    const sub = nth(sender.requests, 0);
    expect(s.matches(notifyFor(sub, { state: 'active', event: 'presence;id=7' }))).toBe(true);
    expect(s.matches(notifyFor(sub, { state: 'active', event: 'presence' }))).toBe(false);
    expect(s.matches(notifyFor(sub, { state: 'active', event: 'presence.winfo;id=7' }))).toBe(false);
    expect(s.matches(notifyFor(sub, { state: 'active', event: 'presence;id=7', callId: 'other' }))).toBe(false);
    expect(s.matches(notifyFor(sub, { state: 'active', event: 'presence;id=7', fromTag: 'someone-else' }))).toBe(false);
  });

  it('refreshes inside the dialog: remote target as Request-URI, reversed Record-Route as Route, next CSeq', async () => {
    const sender = scriptedSender((req) => accepted(req));
    const ctx = testContext(sender);
    const s = new Subscription(ctx, { target: 'sip:bob@example.com', event: 'presence', expires: 120 });
    await s.start();
    deliver(
      s,
      notifyFor(nth(sender.requests, 0), {
        state: 'active;expires=120',
        contact: 'sip:notifier@192.0.2.1;transport=tcp',
      }),
    );
    ctx.clock.advance(60_000);
    await settle();
    const refresh = nth(sender.requests, 1);
    expect(refresh.rawUri).toBe('sip:notifier@192.0.2.1;transport=tcp');
    expect(refresh.headers.getAll('route')).toEqual(['<sip:p1.example.com;lr>', '<sip:p2.example.com;lr>']);
    expect(refresh.headers.get('to')).toBe('<sip:bob@example.com>;tag=srv');
    expect(refresh.headers.get('cseq')).toBe('2 SUBSCRIBE');
    expect(refresh.headers.get('call-id')).toBe(nth(sender.requests, 0).headers.get('call-id'));
  });

  it('builds a new subscription when a refresh gets 481', async () => {
    const sender = scriptedSender((req, i) => (i === 1 ? reply(req, 481) : accepted(req)));
    const ctx = testContext(sender);
    const s = new Subscription(ctx, { target: 'sip:bob@example.com', event: 'presence', expires: 120 });
    const reasons: string[] = [];
    s.on('resubscribing', (r) => reasons.push(r));
    await s.start();
    deliver(s, notifyFor(nth(sender.requests, 0), { state: 'active' }));
    ctx.clock.advance(60_000);
    await settle();
    expect(reasons).toEqual(['refresh answered 481']);
    const fresh = nth(sender.requests, 2);
    expect(fresh.headers.get('to')).toBe('<sip:bob@example.com>');
    expect(fresh.headers.get('call-id')).not.toBe(nth(sender.requests, 0).headers.get('call-id'));
  });

  it('resubscribes at once after deactivated or timeout, and after retry-after on probation', async () => {
    for (const [state, wait] of [
      ['terminated;reason=deactivated', 0],
      ['terminated;reason=timeout', 0],
      ['terminated;reason=probation;retry-after=30', 30_000],
    ] as const) {
      const sender = scriptedSender((req) => accepted(req));
      const ctx = testContext(sender);
      const s = new Subscription(ctx, { target: 'sip:bob@example.com', event: 'presence' });
      await s.start();
      expect(deliver(s, notifyFor(nth(sender.requests, 0), { state }))).toBe(200);
      if (wait > 0) {
        ctx.clock.advance(wait - 1);
        await settle();
        expect(sender.requests).toHaveLength(1);
      }
      ctx.clock.advance(1);
      await settle();
      expect(sender.requests).toHaveLength(2);
      expect(s.status).not.toBe('terminated');
    }
  });

  it('stops and reports on rejected, noresource and giveup', async () => {
    for (const reason of ['rejected', 'noresource', 'giveup']) {
      const sender = scriptedSender((req) => accepted(req));
      const ctx = testContext(sender);
      const s = new Subscription(ctx, { target: 'sip:bob@example.com', event: 'presence' });
      const ends: SubscriptionTermination[] = [];
      s.on('terminated', (t) => ends.push(t));
      await s.start();
      deliver(s, notifyFor(nth(sender.requests, 0), { state: `terminated;reason=${reason};retry-after=5` }));
      ctx.clock.advance(3_600_000);
      await settle();
      expect(ends).toEqual([{ reason, retryAfter: 5 }]);
      expect(s.status).toBe('terminated');
      expect(sender.requests).toHaveLength(1);
    }
  });

  it('answers an out-of-order NOTIFY with 500 and one without Subscription-State with 400', async () => {
    const sender = scriptedSender((req) => accepted(req));
    const s = new Subscription(testContext(sender), { target: 'sip:bob@example.com', event: 'presence' });
    await s.start();
    const sub = nth(sender.requests, 0);
    expect(deliver(s, notifyFor(sub, { state: 'active', cseq: 5 }))).toBe(200);
    expect(deliver(s, notifyFor(sub, { state: 'active', cseq: 4 }))).toBe(500);
    expect(deliver(s, notifyFor(sub, { state: '', cseq: 6 }))).toBe(400);
  });

  it('unsubscribes with Expires 0 in the dialog', async () => {
    const sender = scriptedSender((req) => accepted(req));
    const s = new Subscription(testContext(sender), { target: 'sip:bob@example.com', event: 'presence' });
    const ends: SubscriptionTermination[] = [];
    s.on('terminated', (t) => ends.push(t));
    await s.start();
    await s.stop();
    const unsubscribe = nth(sender.requests, 1);
    expect(unsubscribe.headers.get('expires')).toBe('0');
    expect(unsubscribe.headers.get('to')).toMatch(/;tag=srv$/);
    expect(ends).toEqual([{ reason: 'unsubscribed' }]);
  });

  it('reports a rejected SUBSCRIBE (e.g. 489 Bad Event) as a typed error and a termination', async () => {
    const sender = scriptedSender((req) => reply(req, 489));
    const s = new Subscription(testContext(sender), { target: 'sip:bob@example.com', event: 'nonsense' });
    const ends: SubscriptionTermination[] = [];
    s.on('terminated', (t) => ends.push(t));
    const error = await s.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SipRequestError);
    expect(ends[0]?.error).toBe(error);
  });
});

describe('Subscription details', () => {
  it('reports NO_NOTIFY when no NOTIFY follows the 2xx within Timer N (RFC 6665 §4.1.2.4)', async () => {
    const sender = scriptedSender((req) => accepted(req));
    const ctx = testContext(sender);
    const s = new Subscription(ctx, { target: 'sip:bob@example.com', event: 'presence' });
    const ends: SubscriptionTermination[] = [];
    s.on('terminated', (t) => ends.push(t));
    await s.start();
    ctx.clock.advance(31_999);
    expect(ends).toEqual([]);
    ctx.clock.advance(1);
    expect(ends[0]?.error?.code).toBe('NO_NOTIFY');
    expect(s.status).toBe('terminated');
  });

  it('refreshes earlier when a NOTIFY shortens the subscription (RFC 6665 §4.1.2.1)', async () => {
    const sender = scriptedSender((req) => accepted(req, '600'));
    const ctx = testContext(sender);
    const s = new Subscription(ctx, { target: 'sip:bob@example.com', event: 'presence', expires: 600 });
    await s.start();
    deliver(s, notifyFor(nth(sender.requests, 0), { state: 'active;expires=100' }));
    ctx.clock.advance(50_000);
    await settle();
    expect(sender.requests).toHaveLength(2);
  });

  it('acknowledges the NOTIFY that follows an unsubscribe without reporting it', async () => {
    const sender = scriptedSender((req) => accepted(req));
    const s = new Subscription(testContext(sender), { target: 'sip:bob@example.com', event: 'presence' });
    await s.start();
    await s.stop();
    let notified = 0;
    s.on('notify', () => notified++);
    expect(deliver(s, notifyFor(nth(sender.requests, 0), { state: 'terminated;reason=timeout', cseq: 9 }))).toBe(200);
    expect(notified).toBe(0);
  });
});
