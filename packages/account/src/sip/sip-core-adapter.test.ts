import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { SipNotify } from '../ports/sip.js';
import { adaptSipCoreUserAgent, type SipCoreNotification, type SipCoreUserAgentLike } from './sip-core-adapter.js';

/** A stand-in with sip-core's UserAgent shape: events by name, `on` returning an unsubscribe function. */
class Emitter {
  readonly #e = new EventEmitter();
  on(event: string, listener: (...args: never[]) => void): () => void {
    this.#e.on(event, listener as (...args: unknown[]) => void);
    return () => this.#e.off(event, listener as (...args: unknown[]) => void);
  }
  emit(event: string, ...args: unknown[]): void {
    this.#e.emit(event, ...args);
  }
}

class FakeSubscription extends Emitter {
  lastNotification: SipCoreNotification | undefined;
  stopped = false;
  async stop() {
    this.stopped = true;
    this.emit('terminated', { reason: 'unsubscribed' });
  }
}

function fakeUa() {
  const ua = new Emitter();
  const subscription = new FakeSubscription();
  const calls: unknown[] = [];
  const impl = Object.assign(ua, {
    register: async (o?: { expires?: number }) => {
      calls.push(['register', o]);
      return { expires: 300, pubGruu: 'sip:a@x;gr=urn:uuid:1', contact: '<sip:a@1.2.3.4>', cause: 'initial' as const };
    },
    publish: async (...args: unknown[]) => {
      calls.push(['publish', ...args]);
      return {
        update: async (b: Uint8Array) => calls.push(['update', new TextDecoder().decode(b)]),
        remove: async () => undefined,
      };
    },
    subscribe: async (...args: unknown[]) => {
      calls.push(['subscribe', ...args]);
      return subscription;
    },
    close: async () => undefined,
  });
  return { ua: impl as unknown as SipCoreUserAgentLike & Emitter, subscription, calls };
}

describe('sip-core adapter', () => {
  it('registers with the public GRUU and publishes and updates bodies', async () => {
    const { ua, calls } = fakeUa();
    const port = adaptSipCoreUserAgent(ua);
    expect(await port.register({ expires: 600 })).toEqual({ gruu: 'sip:a@x;gr=urn:uuid:1', expires: 300 });
    const pub = await port.publish({
      event: 'presence',
      contentType: 'application/pidf+xml',
      body: '<a/>',
      expires: 600,
    });
    await pub.update('<b/>');
    expect(calls).toEqual([
      ['register', { expires: 600 }],
      ['publish', 'presence', 'application/pidf+xml', '<a/>', { expires: 600 }],
      ['update', '<b/>'],
    ]);
  });

  it('delivers an early NOTIFY, later ones, new dialogs and an unexpected termination', async () => {
    const { ua, subscription, calls } = fakeUa();
    const body = new Uint8Array([1]);
    subscription.lastNotification = { state: { state: 'active' }, contentType: 'multipart/related', body };
    const notifies: SipNotify[] = [];
    const seen: string[] = [];
    await adaptSipCoreUserAgent(ua).subscribe({
      target: 'sip:a+presence@x',
      event: 'presence',
      expires: 600,
      eventList: true,
      onNotify: (n) => notifies.push(n),
      onNewDialog: () => seen.push('new dialog'),
      onTerminated: (reason, retryAfter) => seen.push(`terminated ${reason} ${retryAfter}`),
    });
    expect(calls[0]).toEqual(['subscribe', 'sip:a+presence@x', 'presence', { expires: 600, eventList: true }]);
    subscription.emit('notify', { state: { state: 'pending' }, body });
    subscription.emit('resubscribing', 'deactivated', 0);
    subscription.emit('terminated', { reason: 'rejected', retryAfter: 30 });
    expect(notifies.map((n) => n.state)).toEqual(['active', 'pending']);
    expect(seen).toEqual(['new dialog', 'terminated rejected 30']);
  });

  it('does not report its own unsubscribe as a termination, and maps user agent events', async () => {
    const { ua } = fakeUa();
    const port = adaptSipCoreUserAgent(ua);
    const seen: string[] = [];
    const sub = await port.subscribe({
      target: 'sip:a@x',
      event: 'presence.winfo',
      expires: 600,
      onNotify: () => undefined,
      onTerminated: (reason) => seen.push(reason),
    });
    await sub.unsubscribe();
    const events: unknown[] = [];
    const off = port.onEvent((e) => events.push(e));
    ua.emit('disconnected', new Error('reset'), 1000);
    ua.emit('registrationFailed', Object.assign(new Error('403 Forbidden'), { code: 'SIP_403' }));
    ua.emit('registered', { tempGruu: 'sip:t@x;gr=2', cause: 'reconnect' });
    ua.emit('recovered', { registered: true, failures: [new Error('403')] });
    off();
    ua.emit('reconnected');
    expect(seen).toEqual([]);
    expect(events).toEqual([
      { type: 'disconnected', reason: 'reset', retryInMs: 1000, code: 'other' },
      { type: 'registration-failed', reason: '403 Forbidden', code: 'auth-failed' },
      { type: 'registered', cause: 'reconnect', gruu: 'sip:t@x;gr=2' },
      { type: 'recovered', registered: true, failures: ['403'] },
    ]);
  });
});
