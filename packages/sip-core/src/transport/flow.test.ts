import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/clock.js';
import { createStaticResolver } from '../resolver/resolver.js';
import type { TransportError } from './errors.js';
import { SipFlow } from './flow.js';
import { ConnectionPool } from './pool.js';
import { type Loopback, startLoopback, until } from './test-support/loopback.js';

const servers: Loopback[] = [];
const flows: SipFlow[] = [];
afterEach(async () => {
  for (const f of flows.splice(0)) f.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function deadPort(): Promise<number> {
  const s = await startLoopback();
  const port = s.port;
  await s.close();
  return port;
}

function makeFlow(
  clock: ManualClock,
  ports: number[],
  keepAlive: { intervalMs: number; pongTimeoutMs: number } | false = false,
): SipFlow {
  const flow = new SipFlow({
    pool: new ConnectionPool({ clock }),
    resolver: createStaticResolver(ports.map((port) => ({ transport: 'tcp' as const, address: '127.0.0.1', port }))),
    destination: { host: 'example.com' },
    clock,
    backoff: { baseMs: 1000, maxMs: 4000, random: () => 1 },
    keepAlive,
  });
  flows.push(flow);
  return flow;
}

describe('SipFlow', () => {
  it('fails over to the next target when the first refuses the connection (RFC 3263 §4.3)', async () => {
    const live = await startLoopback();
    servers.push(live);
    const flow = makeFlow(new ManualClock(), [await deadPort(), live.port]);
    const connection = await flow.connect();
    expect(connection.remote.port).toBe(live.port);
    expect(await flow.connect()).toBe(connection);
  });

  it('after a loss reconnects on a capped exponential backoff and says so', async () => {
    const clock = new ManualClock();
    const live = await startLoopback();
    servers.push(live);
    const port = live.port;
    const flow = makeFlow(clock, [port]);
    const ups: boolean[] = [];
    const downs: number[] = [];
    flow.on('up', (_c, reconnected) => ups.push(reconnected));
    flow.on('down', (_e: TransportError, retry) => downs.push(retry));
    await flow.connect();
    expect(ups).toEqual([false]);
    // The server goes away entirely.
    await live.close();
    servers.length = 0;
    await until(() => downs.length === 1);
    expect(downs).toEqual([1000]);
    clock.advance(1000);
    // First retry fails (nobody listens); the next waits twice as long.
    await until(() => clock.nextDue() === 2000);
    clock.advance(2000);
    await until(() => clock.nextDue() === 4000);
    clock.advance(4000);
    await until(() => clock.nextDue() === 4000);
    expect(flow.connection).toBeUndefined();
  });

  it('reconnects to a server that comes back on the same port and reports it as a reconnection', async () => {
    const clock = new ManualClock();
    const live = await startLoopback();
    servers.push(live);
    const flow = makeFlow(clock, [live.port]);
    const ups: boolean[] = [];
    flow.on('up', (_c, reconnected) => ups.push(reconnected));
    await flow.connect();
    await until(() => live.sockets.length === 1);
    live.sockets[0]?.destroy();
    await until(() => clock.pending === 1);
    clock.advance(1000);
    await until(() => ups.length === 2);
    expect(ups).toEqual([false, true]);
    expect(flow.connection).toBeDefined();
  });

  it('does not reconnect after close', async () => {
    const clock = new ManualClock();
    const live = await startLoopback();
    servers.push(live);
    const flow = makeFlow(clock, [live.port]);
    let downs = 0;
    flow.on('down', () => downs++);
    await flow.connect();
    flow.close();
    await until(() => live.sockets.length === 1);
    expect(downs).toBe(0);
    expect(clock.pending).toBeLessThanOrEqual(1);
    await expect(flow.connect()).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
  });

  it('treats a missing pong as a lost flow and reconnects (RFC 5626 §4.4.1)', async () => {
    const clock = new ManualClock();
    const silent = await startLoopback();
    servers.push(silent);
    const flow = makeFlow(clock, [silent.port], { intervalMs: 1000, pongTimeoutMs: 500 });
    const downs: string[] = [];
    flow.on('down', (e) => downs.push(e.code));
    await flow.connect();
    clock.advance(1000);
    clock.advance(500);
    expect(downs).toEqual(['KEEPALIVE_TIMEOUT']);
    clock.advance(1000);
    await until(() => silent.sockets.length === 2);
  });

  it("pings at least as often as the registrar's Flow-Timer asks, on this connection and the next (RFC 5626 §4.4.1)", async () => {
    const clock = new ManualClock();
    const silent = await startLoopback();
    servers.push(silent);
    const flow = makeFlow(clock, [silent.port], { intervalMs: 100_000, pongTimeoutMs: 500 });
    const downs: string[] = [];
    flow.on('down', (e) => downs.push(e.code));
    await flow.connect();
    flow.requireKeepAliveWithin(2000);
    clock.advance(2000);
    await until(() => silent.received().includes('\r\n\r\n'));
    clock.advance(500);
    expect(downs).toEqual(['KEEPALIVE_TIMEOUT']);
    clock.advance(1000);
    await until(() => silent.sockets.length === 2);
    await until(() => flow.connection !== undefined);
    clock.advance(2000);
    clock.advance(500);
    expect(downs).toEqual(['KEEPALIVE_TIMEOUT', 'KEEPALIVE_TIMEOUT']);
  });
});
