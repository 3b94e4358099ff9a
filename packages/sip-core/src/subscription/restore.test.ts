import { describe, expect, it } from 'vitest';
import { parseMessage } from '../message/parse.js';
import type { SipMessage, SipRequest, SipResponse } from '../message/types.js';
import { ServerTransaction } from '../transaction/server.js';
import { nth, reply, scriptedSender, settle, testContext } from '../ua/test-support/scripted-sender.js';
import { Subscription } from './subscription.js';

// Seen by the account fault tests (a stall that outlasts two keep-alive timeouts): two reconnect reports race, each
// restores every subscription, and the first restore's new dialog was abandoned without a word — the notifier kept it
// (and an RLS its back-end subscriptions) until it expired.

const accepted = (request: SipRequest): SipResponse =>
  reply(request, 200, [
    ['Expires', request.headers.get('expires') ?? '300'],
    ['Contact', '<sip:notifier@192.0.2.1;transport=tcp>'],
  ]);

const isUnsubscribe = (r: SipRequest): boolean => r.method === 'SUBSCRIBE' && r.headers.get('expires') === '0';
const subscribes = (requests: readonly SipRequest[]): SipRequest[] =>
  requests.filter((r) => r.method === 'SUBSCRIBE' && !isUnsubscribe(r));

describe('restoring a subscription after a reconnect', () => {
  it('ends the dialog it abandons with an in-dialog SUBSCRIBE, Expires 0 (RFC 6665 §4.1.2.3)', async () => {
    const sender = scriptedSender(accepted);
    const subscription = new Subscription(testContext(sender), { target: 'sip:bob@example.com', event: 'presence' });
    await subscription.start();
    const first = nth(sender.requests, 0);

    await subscription.restore(1);
    await settle();

    const ended = sender.requests.filter(isUnsubscribe);
    expect(ended).toHaveLength(1);
    const bye = nth(ended, 0);
    expect(bye.headers.get('call-id')).toBe(first.headers.get('call-id'));
    expect(bye.headers.to().tag).toBe('srv');
    expect(bye.uri).toMatchObject({ host: '192.0.2.1', user: 'notifier' });
    expect(subscription.dialog?.callId).not.toBe(first.headers.get('call-id'));
    expect(subscription.status).toBe('pending');
  });

  it('restores once per connection: a second restore for the same one reuses the first', async () => {
    const sender = scriptedSender(accepted);
    const subscription = new Subscription(testContext(sender), { target: 'sip:bob@example.com', event: 'presence' });
    await subscription.start();

    const one = subscription.restore(7);
    const again = subscription.restore(7);
    expect(again).toBe(one);
    await one;
    await settle();
    expect(subscription.restore(7)).toBe(one);
    await settle();

    expect(subscribes(sender.requests)).toHaveLength(2);
    expect(sender.requests.filter(isUnsubscribe)).toHaveLength(1);

    // The next connection needs its own restore.
    await subscription.restore(8);
    await settle();
    expect(subscribes(sender.requests)).toHaveLength(3);
    expect(sender.requests.filter(isUnsubscribe)).toHaveLength(2);
  });

  it('ends the dialog of a SUBSCRIBE that was superseded before its 2xx came', async () => {
    const waiting: Array<() => void> = [];
    const sender = scriptedSender(
      (request, index) =>
        // The first restoring SUBSCRIBE (request #1) is answered only after the second restore has begun.
        new Promise<SipResponse>((resolve) => {
          if (index === 1) waiting.push(() => resolve(accepted(request)));
          else resolve(accepted(request));
        }),
    );
    const subscription = new Subscription(testContext(sender), { target: 'sip:bob@example.com', event: 'presence' });
    await subscription.start();

    const superseded = subscription.restore(1);
    await settle();
    const current = subscription.restore(2);
    await current;
    const late = nth(sender.requests, 1);
    for (const answer of waiting) answer();
    await superseded;
    await settle();

    const ended = sender.requests.filter(isUnsubscribe).map((r) => r.headers.get('call-id'));
    expect(ended).toContain(late.headers.get('call-id'));
    expect(subscription.dialog?.callId).not.toBe(late.headers.get('call-id'));
    expect(subscription.status).toBe('pending');
  });

  it('after a refresh fails with anything but 481 ends the old dialog too; after a 481 it does not', async () => {
    for (const [status, unsubscribes] of [
      [500, 1],
      [481, 0],
    ] as const) {
      const sender = scriptedSender((request, index) => (index === 1 ? reply(request, status) : accepted(request)));
      const ctx = testContext(sender);
      // Granted 40 s: the refresh is due after 20 s, before Timer N (32 s) could end a subscription without NOTIFY.
      const subscription = new Subscription(ctx, { target: 'sip:bob@example.com', event: 'presence', expires: 40 });
      await subscription.start();
      ctx.clock.advance(20_000);
      await settle();
      const first = nth(sender.requests, 0).headers.get('call-id');
      const ended = sender.requests.filter(isUnsubscribe);
      expect(ended.map((r) => r.headers.get('call-id'))).toEqual(Array(unsubscribes).fill(first));
      expect(subscribes(sender.requests)).toHaveLength(3);
    }
  });

  it('acknowledges the NOTIFY that ends an abandoned dialog with 200, reports nothing, then forgets the dialog', async () => {
    const sender = scriptedSender(accepted);
    const ctx = testContext(sender);
    const subscription = new Subscription(ctx, { target: 'sip:bob@example.com', event: 'presence' });
    await subscription.start();
    const old = nth(sender.requests, 0);
    await subscription.restore(1);
    await settle();
    const notified: unknown[] = [];
    subscription.on('notify', (n) => notified.push(n));

    // RFC 6665 §4.1.2.3: the notifier confirms the un-SUBSCRIBE with a terminal NOTIFY in the old dialog.
    const terminal = oldDialogNotify(old, 'terminated;reason=timeout', 2);
    expect(subscription.matches(terminal)).toBe(true);
    expect(answer(subscription, terminal)).toBe(200);
    expect(notified).toEqual([]);
    expect(subscription.status).toBe('pending');
    // Once it has said so, that dialog is nobody's any more (the user agent answers 481).
    expect(subscription.matches(oldDialogNotify(old, 'active', 3))).toBe(false);
  });
});

function oldDialogNotify(subscribe: SipRequest, state: string, cseq: number): SipRequest {
  const fromTag = subscribe.headers.from().tag ?? '';
  const text = [
    'NOTIFY sip:alice@127.0.0.1:40000;transport=tcp SIP/2.0',
    'Via: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bKold',
    'From: <sip:bob@example.com>;tag=srv',
    `To: <sip:alice@example.com>;tag=${fromTag}`,
    `Call-ID: ${subscribe.headers.callId()}`,
    `CSeq: ${cseq} NOTIFY`,
    'Event: presence',
    `Subscription-State: ${state}`,
    'Contact: <sip:notifier@192.0.2.1;transport=tcp>',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  const message = parseMessage(text);
  if (message.kind !== 'request') throw new Error('not a request');
  return message;
}

function answer(subscription: Subscription, request: SipRequest): number | undefined {
  const sent: SipMessage[] = [];
  const transaction = new ServerTransaction(
    request,
    'z9hG4bKold',
    { closed: false, send: (m) => sent.push(m) },
    () => {},
  );
  subscription.handleNotify(transaction);
  const response = sent[0];
  return response?.kind === 'response' ? response.status : undefined;
}
