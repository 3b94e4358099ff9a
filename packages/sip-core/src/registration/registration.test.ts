import { describe, expect, it } from 'vitest';
import { AuthenticationError, SipRequestError } from '../transaction/errors.js';
import { nth, reply, scriptedSender, settle, testContext } from '../ua/test-support/scripted-sender.js';
import { Registration, type RegistrationInfo } from './registration.js';

const INSTANCE = 'urn:uuid:00000000-0000-4000-8000-000000000001';

describe('Registration (RFC 3261 §10, RFC 5626, RFC 5627)', () => {
  it('sends REGISTER with instance, reg-id and gruu support and learns the GRUUs of its own binding', async () => {
    const sender = scriptedSender((req) =>
      reply(req, 200, [
        ['Contact', '<sip:alice@10.0.0.9:5060;transport=tcp>;expires=30;+sip.instance="<urn:uuid:other>"'],
        [
          'Contact',
          `<sip:alice@127.0.0.1:40000;transport=tcp;ob>;expires=300;+sip.instance="<${INSTANCE}>";reg-id=1;pub-gruu="sip:alice@example.com;gr=urn:uuid:1";temp-gruu="sip:tgruu.7@example.com;gr"`,
        ],
      ]),
    );
    const registration = new Registration(testContext(sender), { instanceId: INSTANCE, expires: 600 });
    const info = await registration.start();
    expect(info).toEqual({
      expires: 300,
      contact: 'sip:alice@127.0.0.1:40000;transport=tcp;ob',
      pubGruu: 'sip:alice@example.com;gr=urn:uuid:1',
      tempGruu: 'sip:tgruu.7@example.com;gr',
      cause: 'initial',
    });
    const req = sender.requests[0];
    if (req === undefined) throw new Error('no request');
    expect(req.rawUri).toBe('sip:example.com');
    expect(req.headers.get('to')).toBe('<sip:alice@example.com>');
    expect(req.headers.get('supported')).toBe('gruu, outbound, path');
    expect(req.headers.get('contact')).toBe(
      `<sip:alice@127.0.0.1:40000;transport=tcp;ob>;+sip.instance="<${INSTANCE}>";reg-id=1;expires=600`,
    );
    expect(registration.state).toBe('registered');
  });

  it("reads the registrar's Flow-Timer (RFC 5626 §4.4.1) and ignores a malformed one", async () => {
    let flowTimer = '25';
    const sender = scriptedSender((req) =>
      reply(req, 200, [
        ['Contact', `<sip:alice@127.0.0.1:40000;transport=tcp;ob>;expires=300;+sip.instance="<${INSTANCE}>"`],
        ['Flow-Timer', flowTimer],
      ]),
    );
    const registration = new Registration(testContext(sender), { instanceId: INSTANCE });
    expect((await registration.start()).flowTimer).toBe(25);
    for (const bad of ['x', '0', '-3', '1e3']) {
      flowTimer = bad;
      expect((await registration.restore())?.flowTimer).toBeUndefined();
    }
  });

  it('finds its binding by URI equality when the registrar rewrites case and parameter order (RFC 3261 §10.2.4)', async () => {
    const sender = scriptedSender((req) =>
      reply(req, 200, [
        ['Contact', '<sip:alice@10.0.0.9:5060;transport=tcp>;expires=30'],
        ['Contact', '<sip:alice@127.0.0.1:40000;OB;Transport=TCP>;expires=240'],
      ]),
    );
    const registration = new Registration(testContext(sender), { instanceId: INSTANCE });
    const info = await registration.start();
    expect(info.expires).toBe(240);
    expect(info.contact).toBe('sip:alice@127.0.0.1:40000;OB;Transport=TCP');
  });

  it('refreshes before expiry with the same Call-ID and a higher CSeq', async () => {
    const sender = scriptedSender((req) => reply(req, 200, [['Expires', '120']]));
    const ctx = testContext(sender);
    const registration = new Registration(ctx, { instanceId: INSTANCE });
    const seen: RegistrationInfo['cause'][] = [];
    registration.on('registered', (i) => seen.push(i.cause));
    await registration.start();
    ctx.clock.advance(59_999);
    await settle();
    expect(sender.requests).toHaveLength(1);
    ctx.clock.advance(1);
    await settle();
    expect(sender.requests).toHaveLength(2);
    expect(seen).toEqual(['initial', 'refresh']);
    const [a, b] = sender.requests;
    expect(a?.headers.get('call-id')).toBe(b?.headers.get('call-id'));
    expect(a?.headers.get('cseq')).toBe('1 REGISTER');
    expect(b?.headers.get('cseq')).toBe('2 REGISTER');
  });

  it('retries a 423 with the Min-Expires the registrar asks for', async () => {
    const sender = scriptedSender((req, i) =>
      i === 0 ? reply(req, 423, [['Min-Expires', '3600']]) : reply(req, 200, [['Expires', '3600']]),
    );
    const info = await new Registration(testContext(sender), { instanceId: INSTANCE, expires: 60 }).start();
    expect(info.expires).toBe(3600);
    expect(nth(sender.requests, 1).headers.get('contact')).toMatch(/;expires=3600$/);
  });

  it('reports a final failure as a typed SipRequestError and a failed event', async () => {
    const sender = scriptedSender((req) => reply(req, 403));
    const registration = new Registration(testContext(sender), { instanceId: INSTANCE });
    const failures: string[] = [];
    registration.on('failed', (e) => failures.push(e.code));
    const error = await registration.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SipRequestError);
    expect(error).toMatchObject({ status: 403, code: 'SIP_403', method: 'REGISTER' });
    await settle();
    expect(failures).toEqual(['SIP_403']);
    expect(registration.state).toBe('unregistered');
  });

  it('unregisters with expires=0 on stop and stops refreshing', async () => {
    const sender = scriptedSender((req) => reply(req, 200, [['Expires', '120']]));
    const ctx = testContext(sender);
    const registration = new Registration(ctx, { instanceId: INSTANCE });
    await registration.start();
    await registration.stop();
    expect(nth(sender.requests, 1).headers.get('contact')).toMatch(/;expires=0$/);
    expect(registration.state).toBe('unregistered');
    ctx.clock.advance(10 * 60_000);
    await settle();
    expect(sender.requests).toHaveLength(2);
  });

  it('registers again at once when the connection comes back', async () => {
    const sender = scriptedSender((req) => reply(req, 200, [['Expires', '600']]));
    const registration = new Registration(testContext(sender), { instanceId: INSTANCE });
    expect(registration.restore()).toBeUndefined();
    await registration.start();
    const info = await registration.restore();
    expect(info?.cause).toBe('reconnect');
    expect(sender.requests).toHaveLength(2);
  });
});

describe('Registration after a failed refresh', () => {
  it('tries again after retryAfterFailureMs, but never after a rejected password', async () => {
    const sender = scriptedSender((req, i) => (i === 1 ? reply(req, 500) : reply(req, 200, [['Expires', '120']])));
    const ctx = testContext(sender);
    const registration = new Registration(ctx, { instanceId: INSTANCE, retryAfterFailureMs: 10_000 });
    const failures: string[] = [];
    registration.on('failed', (e) => failures.push(e.code));
    await registration.start();
    ctx.clock.advance(60_000);
    await settle();
    expect(failures).toEqual(['SIP_500']);
    ctx.clock.advance(10_000);
    await settle();
    expect(sender.requests).toHaveLength(3);
    expect(registration.state).toBe('registered');

    const refused = scriptedSender((req, i) =>
      i === 0
        ? reply(req, 200, [['Expires', '120']])
        : Promise.reject(new AuthenticationError('REJECTED_CREDENTIALS', 'no', { status: 401 })),
    );
    const ctx2 = testContext(refused);
    const r2 = new Registration(ctx2, { instanceId: INSTANCE, retryAfterFailureMs: 10_000 });
    await r2.start();
    ctx2.clock.advance(60_000);
    await settle();
    ctx2.clock.advance(3_600_000);
    await settle();
    expect(refused.requests).toHaveLength(2);
  });

  it('waits for the Retry-After the registrar gave instead', async () => {
    const sender = scriptedSender((req, i) =>
      i === 1 ? reply(req, 500, [['Retry-After', '7']]) : reply(req, 200, [['Expires', '120']]),
    );
    const ctx = testContext(sender);
    const registration = new Registration(ctx, { instanceId: INSTANCE });
    const failures: (number | undefined)[] = [];
    registration.on('failed', (e) => failures.push(e instanceof SipRequestError ? e.retryAfter : -1));
    await registration.start();
    ctx.clock.advance(60_000);
    await settle();
    expect(failures).toEqual([7]);
    ctx.clock.advance(6_999);
    await settle();
    expect(sender.requests).toHaveLength(2);
    ctx.clock.advance(1);
    await settle();
    expect(sender.requests).toHaveLength(3);
  });
});
