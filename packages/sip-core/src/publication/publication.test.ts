import { describe, expect, it } from 'vitest';
import { bodyText } from '../message/build.js';
import type { SipRequest, SipResponse } from '../message/types.js';
import { SipRequestError } from '../transaction/errors.js';
import { nth, reply, scriptedSender, settle, testContext, utf8 } from '../ua/test-support/scripted-sender.js';
import { Publication } from './publication.js';

const options = { event: 'presence', contentType: 'application/pidf+xml', body: utf8('<v1/>'), expires: 600 };

/** A compositor: hands out etags, and answers a SIP-If-Match it does not know with `staleStatus`. */
function compositor(staleStatus = 412) {
  let next = 1;
  const live = new Set<string>();
  return (req: SipRequest): SipResponse => {
    const match = req.headers.get('sip-if-match');
    if (match !== undefined && !live.has(match)) return reply(req, staleStatus);
    if (match !== undefined) live.delete(match);
    if (req.headers.get('expires') === '0') return reply(req, 200);
    const etag = `e${next++}`;
    live.add(etag);
    return reply(req, 200, [
      ['SIP-ETag', etag],
      ['Expires', req.headers.get('expires') ?? '600'],
    ]);
  };
}

describe('Publication (RFC 3903)', () => {
  it('initial with body, refresh with SIP-If-Match and no body, modify with both, remove with Expires 0', async () => {
    const sender = scriptedSender(compositor());
    const p = new Publication(testContext(sender), options);
    expect(await p.start()).toEqual({ etag: 'e1', expires: 600, kind: 'initial' });
    expect(await p.refresh()).toEqual({ etag: 'e2', expires: 600, kind: 'refresh' });
    expect(await p.update(utf8('<v2/>'))).toEqual({ etag: 'e3', expires: 600, kind: 'modify' });
    await p.remove();
    expect(p.state).toBe('removed');
    const [initial, refresh, modify, remove] = sender.requests.map((r) => ({
      match: r.headers.get('sip-if-match'),
      expires: r.headers.get('expires'),
      type: r.headers.get('content-type'),
      body: bodyText(r),
      event: r.headers.get('event'),
      uri: r.rawUri,
    }));
    expect(initial).toEqual({
      match: undefined,
      expires: '600',
      type: 'application/pidf+xml',
      body: '<v1/>',
      event: 'presence',
      uri: 'sip:alice@example.com',
    });
    expect(refresh).toMatchObject({ match: 'e1', type: undefined, body: '' });
    expect(modify).toMatchObject({ match: 'e2', type: 'application/pidf+xml', body: '<v2/>' });
    expect(remove).toMatchObject({ match: 'e3', expires: '0', body: '' });
  });

  it('refreshes on its own before the granted expiry', async () => {
    const sender = scriptedSender(compositor());
    const ctx = testContext(sender);
    await new Publication(ctx, { ...options, expires: 120 }).start();
    ctx.clock.advance(60_000);
    await settle();
    expect(sender.requests.map((r) => r.headers.get('sip-if-match'))).toEqual([undefined, 'e1']);
  });

  it('starts over with an initial PUBLISH after 412 (and after the 500 Kamailio sends instead)', async () => {
    for (const status of [412, 500]) {
      const sender = scriptedSender(compositor(status));
      const p = new Publication(testContext(sender), { ...options, etag: 'forgotten' });
      const info = await p.update(utf8('<latest/>'));
      expect(info.kind).toBe('initial');
      const second = nth(sender.requests, 1);
      expect(second.headers.get('sip-if-match')).toBeUndefined();
      expect(bodyText(second)).toBe('<latest/>');
      expect(sender.requests).toHaveLength(2);
    }
  });

  it('a 500 without SIP-If-Match is an error, not a restart', async () => {
    const sender = scriptedSender((req) => reply(req, 500));
    const p = new Publication(testContext(sender), options);
    const failed: string[] = [];
    p.on('failed', (e) => failed.push(e.code));
    await expect(p.start()).rejects.toBeInstanceOf(SipRequestError);
    await settle();
    expect(failed).toEqual(['SIP_500']);
    expect(p.state).toBe('failed');
  });

  it('retries a 423 with Min-Expires', async () => {
    const handler = compositor();
    const sender = scriptedSender((req, i) => (i === 0 ? reply(req, 423, [['Min-Expires', '1800']]) : handler(req)));
    const info = await new Publication(testContext(sender), { ...options, expires: 60 }).start();
    expect(info.expires).toBe(1800);
    expect(nth(sender.requests, 1).headers.get('expires')).toBe('1800');
  });

  it('keeps one PUBLISH in flight and coalesces the changes made meanwhile into the next', async () => {
    const handler = compositor();
    const gates: (() => void)[] = [];
    const sender = scriptedSender(
      (req) =>
        new Promise<SipResponse>((resolve) => {
          gates.push(() => resolve(handler(req)));
        }),
    );
    const p = new Publication(testContext(sender), options);
    const first = p.start();
    await settle();
    const updates = [p.update(utf8('<v2/>')), p.update(utf8('<v3/>')), p.update(utf8('<v4/>'))];
    await settle();
    expect(sender.requests).toHaveLength(1);
    gates.shift()?.();
    await settle();
    expect(sender.requests).toHaveLength(2);
    expect(bodyText(nth(sender.requests, 1))).toBe('<v4/>');
    gates.shift()?.();
    const results = await Promise.all([first, ...updates]);
    expect(results.map((r) => r.etag)).toEqual(['e2', 'e2', 'e2', 'e2']);
    expect(p.requestsSent).toBe(2);
  });

  it('after a reconnect refreshes with SIP-If-Match', async () => {
    const sender = scriptedSender(compositor());
    const p = new Publication(testContext(sender), options);
    expect(p.restore()).toBeUndefined();
    await p.start();
    expect((await p.restore())?.kind).toBe('refresh');
  });
});

describe('Publication after a failed refresh', () => {
  it('tries again after retryAfterFailureMs', async () => {
    const handler = compositor();
    const sender = scriptedSender((req, i) => (i === 1 ? reply(req, 503) : handler(req)));
    const ctx = testContext(sender);
    const p = new Publication(ctx, { ...options, expires: 120, retryAfterFailureMs: 5_000 });
    await p.start();
    ctx.clock.advance(60_000);
    await settle();
    expect(p.state).toBe('failed');
    ctx.clock.advance(5_000);
    await settle();
    expect(p.state).toBe('published');
    expect(sender.requests.map((r) => r.headers.get('sip-if-match'))).toEqual([undefined, 'e1', 'e1']);
  });
});
