import { afterEach, describe, expect, it } from 'vitest';
import { createSystemClock, ManualClock } from '../clock/clock.js';
import { SipHeaders } from '../header/headers.js';
import type { SipMessage } from '../message/types.js';
import { createMemoryTraceSink } from '../trace/file-sink.js';
import { parseUri } from '../uri/parse.js';
import { connectSip, type SipConnection } from './connection.js';
import { TransportError } from './errors.js';
import { superviseKeepAlive } from './keepalive.js';
import { ConnectionPool } from './pool.js';
import { type Loopback, startLoopback, tick, until } from './test-support/loopback.js';

const servers: Loopback[] = [];
const connections: SipConnection[] = [];
afterEach(async () => {
  for (const c of connections.splice(0)) c.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(onData?: Parameters<typeof startLoopback>[0]): Promise<Loopback> {
  const s = await startLoopback(onData);
  servers.push(s);
  return s;
}

const clock = createSystemClock();

function options(): SipMessage {
  return {
    kind: 'request',
    method: 'OPTIONS',
    uri: parseUri('sip:x'),
    rawUri: 'sip:x',
    headers: new SipHeaders([{ name: 'CSeq', value: '1 OPTIONS' }]),
    body: new Uint8Array(),
  };
}
const OPTIONS_200 =
  'SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>;tag=2\r\nCSeq: 1 OPTIONS\r\nCall-ID: x\r\nContent-Length: 0\r\n\r\n';

describe('SipConnection over TCP', () => {
  it('sends serialised messages, frames what comes back, and traces both directions', async () => {
    const s = await server();
    const trace = createMemoryTraceSink();
    const c = await connectSip({ transport: 'tcp', address: '127.0.0.1', port: s.port }, { clock, trace });
    connections.push(c);
    const got: SipMessage[] = [];
    c.on('message', (m) => got.push(m));
    c.send(options());
    await until(() => s.received().includes('\r\n\r\n'));
    expect(s.received()).toBe('OPTIONS sip:x SIP/2.0\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n');
    const socket = s.sockets[0];
    socket?.write(OPTIONS_200.slice(0, 20));
    await tick(10);
    socket?.write(OPTIONS_200.slice(20));
    await until(() => got.length === 1);
    expect(got[0]).toMatchObject({ kind: 'response', status: 200 });
    const messages = trace.records.filter((r) => r.kind === 'message');
    expect(messages.map((r) => r.kind === 'message' && r.direction)).toEqual(['sent', 'received']);
    expect(c.local.address).toBe('127.0.0.1');
    expect(c.remote.port).toBe(s.port);
  });

  it('reports each CRLF from the server as a pong (RFC 5626 §4.4.1: a client never answers them)', async () => {
    const s = await server();
    const c = await connectSip({ transport: 'tcp', address: '127.0.0.1', port: s.port }, { clock });
    connections.push(c);
    let pongs = 0;
    c.on('pong', () => pongs++);
    await until(() => s.sockets.length === 1);
    s.sockets[0]?.write('\r\n');
    await until(() => pongs === 1);
    c.sendPing();
    await until(() => s.received() === '\r\n\r\n');
  });

  it('reports a peer close and a corrupt stream as typed errors in the close event', async () => {
    const s = await server();
    const c = await connectSip({ transport: 'tcp', address: '127.0.0.1', port: s.port }, { clock });
    const closed = new Promise<TransportError | undefined>((resolve) => c.once('close', resolve));
    await until(() => s.sockets.length === 1);
    s.sockets[0]?.write('GARBAGE WITHOUT LENGTH\r\n\r\n');
    const error = await closed;
    expect(error).toBeInstanceOf(TransportError);
    expect(error?.code).toBe('STREAM_CORRUPT');
    expect(c.closed).toBe(true);
    expect(() => c.send(options())).toThrow(TransportError);
  });

  it('fails to connect with CONNECT_FAILED when nothing listens', async () => {
    const s = await server();
    const port = s.port;
    await s.close();
    servers.length = 0;
    const error = await connectSip({ transport: 'tcp', address: '127.0.0.1', port }, { clock }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).code).toBe('CONNECT_FAILED');
  });

  it('closes cleanly without an error', async () => {
    const s = await server();
    const c = await connectSip({ transport: 'tcp', address: '127.0.0.1', port: s.port }, { clock });
    const closed = new Promise<TransportError | undefined>((resolve) => c.once('close', resolve));
    c.close();
    expect(await closed).toBeUndefined();
  });
});

describe('ConnectionPool', () => {
  it('reuses one connection per destination, even for concurrent requests, and reconnects after a close', async () => {
    const s = await server();
    const pool = new ConnectionPool({ clock });
    const target = { transport: 'tcp' as const, address: '127.0.0.1', port: s.port };
    const [a, b] = await Promise.all([pool.acquire(target), pool.acquire(target)]);
    expect(a).toBe(b);
    expect(pool.size).toBe(1);
    a.close();
    const c = await pool.acquire(target);
    expect(c).not.toBe(a);
    await until(() => s.sockets.length === 2);
    pool.closeAll();
    expect(pool.size).toBe(0);
  });
});

describe('keep-alive supervision (RFC 5626 §4.4.1)', () => {
  it('pings on schedule and closes the connection when no pong comes back', async () => {
    const s = await server();
    const manual = new ManualClock();
    const c = await connectSip({ transport: 'tcp', address: '127.0.0.1', port: s.port }, { clock: manual });
    connections.push(c);
    let failure: TransportError | undefined;
    superviseKeepAlive(c, { clock: manual, intervalMs: 1000, pongTimeoutMs: 500, onFailure: (e) => (failure = e) });
    manual.advance(1000);
    await until(() => s.received() === '\r\n\r\n');
    // The ping fires at a random 80–100% of the interval; the pong deadline runs from there.
    const left = manual.nextDue() ?? 0;
    expect(left).toBeGreaterThan(300);
    expect(left).toBeLessThanOrEqual(500);
    manual.advance(left - 1);
    expect(c.closed).toBe(false);
    const closed = new Promise<TransportError | undefined>((resolve) => c.once('close', resolve));
    manual.advance(1);
    expect(c.closed).toBe(true);
    expect(failure?.code).toBe('KEEPALIVE_TIMEOUT');
    expect((await closed)?.code).toBe('KEEPALIVE_TIMEOUT');
  });

  it('keeps the connection while pongs arrive', async () => {
    const s = await server((socket, chunk) => {
      if (chunk === '\r\n\r\n') socket.write('\r\n');
    });
    const manual = new ManualClock();
    const c = await connectSip({ transport: 'tcp', address: '127.0.0.1', port: s.port }, { clock: manual });
    connections.push(c);
    let pongs = 0;
    c.on('pong', () => pongs++);
    const stop = superviseKeepAlive(c, { clock: manual, intervalMs: 1000, pongTimeoutMs: 500 });
    for (let round = 1; round <= 3; round++) {
      manual.advance(1000);
      await until(() => pongs === round);
    }
    manual.advance(400);
    expect(c.closed).toBe(false);
    stop();
    expect(manual.pending).toBe(0);
  });
});
