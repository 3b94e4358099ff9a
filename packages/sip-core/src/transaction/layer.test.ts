import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/clock.js';
import { createRequest } from '../message/build.js';
import { parseMessage } from '../message/parse.js';
import type { SipRequest, SipResponse } from '../message/types.js';
import { connectSip, type SipConnection } from '../transport/connection.js';
import { type Loopback, startLoopback, tick, until } from '../transport/test-support/loopback.js';
import { TransactionError } from './errors.js';
import { TransactionLayer } from './layer.js';
import type { ServerTransaction } from './server.js';

let server: Loopback;
let connection: SipConnection;
let clock: ManualClock;
let layer: TransactionLayer;

beforeEach(async () => {
  server = await startLoopback();
  clock = new ManualClock();
  connection = await connectSip({ transport: 'tcp', address: '127.0.0.1', port: server.port }, { clock });
  layer = new TransactionLayer({ clock });
  connection.on('message', (m) => layer.receive(m, connection));
});
afterEach(async () => {
  connection.close();
  await server.close();
});

function request(method: string, branch: string): SipRequest {
  return createRequest({
    method,
    uri: 'sip:example.com',
    from: { uri: 'sip:a@example.com', tag: '1' },
    to: { uri: 'sip:a@example.com' },
    callId: 'c1',
    cseq: 1,
    via: { transport: 'TCP', host: '127.0.0.1', port: 5555, branch },
  });
}

function response(status: number, branch: string, method: string): string {
  return `SIP/2.0 ${status} X\r\nVia: SIP/2.0/TCP 127.0.0.1:5555;branch=${branch}\r\nFrom: <sip:a@example.com>;tag=1\r\nTo: <sip:a@example.com>;tag=2\r\nCSeq: 1 ${method}\r\nCall-ID: c1\r\nContent-Length: 0\r\n\r\n`;
}

async function peer(): Promise<NonNullable<Loopback['sockets'][number]>> {
  await until(() => server.sockets.length === 1);
  const socket = server.sockets[0];
  if (socket === undefined) throw new Error('no socket');
  return socket;
}

describe('non-INVITE client transaction (RFC 3261 §17.1.2)', () => {
  it('passes 1xx to the TU, resolves with the final response and matches by branch and method', async () => {
    const provisional: number[] = [];
    const stray: string[] = [];
    layer.on('stray', (_m, reason) => stray.push(reason));
    const pending = layer.send(request('REGISTER', 'z9hG4bKa'), connection, {
      onProvisional: (r) => provisional.push(r.status),
    });
    const socket = await peer();
    socket.write(response(100, 'z9hG4bKa', 'REGISTER'));
    socket.write(response(200, 'z9hG4bKother', 'REGISTER'));
    socket.write(response(200, 'z9hG4bKa', 'OPTIONS'));
    socket.write(response(200, 'z9hG4bKa', 'REGISTER'));
    const final: SipResponse = await pending;
    expect(final.status).toBe(200);
    expect(provisional).toEqual([100]);
    expect(stray).toEqual(['no matching client transaction', 'no matching client transaction']);
    expect(layer.pendingClients).toBe(0);
  });

  it('never retransmits on a reliable transport and times out with Timer F at 64·T1', async () => {
    const pending = layer.send(request('PUBLISH', 'z9hG4bKb'), connection);
    const failure = pending.catch((e: unknown) => e);
    await until(() => server.received().includes('\r\n\r\n'));
    clock.advance(64 * 500 - 1);
    await tick(20);
    expect(server.received().match(/^PUBLISH /gm)).toHaveLength(1);
    clock.advance(1);
    const error = await failure;
    expect(error).toBeInstanceOf(TransactionError);
    expect((error as TransactionError).code).toBe('TIMEOUT');
    expect((error as TransactionError).method).toBe('PUBLISH');
  });

  it('maps a lost connection to a TRANSPORT_ERROR of the transaction (RFC 3261 §17.1.4)', async () => {
    const pending = layer.send(request('SUBSCRIBE', 'z9hG4bKc'), connection);
    const failure = pending.catch((e: unknown) => e);
    (await peer()).destroy();
    const error = await failure;
    expect((error as TransactionError).code).toBe('TRANSPORT_ERROR');
    expect(layer.pendingClients).toBe(0);
  });

  it('fails at once when the connection is already closed', async () => {
    connection.close();
    const error = await layer.send(request('OPTIONS', 'z9hG4bKd'), connection).catch((e: unknown) => e);
    expect((error as TransactionError).code).toBe('TRANSPORT_ERROR');
    expect(layer.pendingClients).toBe(0);
  });
});

describe('non-INVITE server transaction (RFC 3261 §17.2.2)', () => {
  const NOTIFY =
    'NOTIFY sip:a@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 10.0.0.1:5060;branch=z9hG4bKn1\r\nFrom: <sip:b@x>;tag=9\r\n' +
    'To: <sip:a@x>;tag=1\r\nCall-ID: c9\r\nCSeq: 4 NOTIFY\r\nContent-Length: 0\r\n\r\n';

  it('hands a new request to the TU once and answers a retransmission with the last response', async () => {
    const seen: ServerTransaction[] = [];
    layer.on('request', (t) => seen.push(t));
    layer.receive(parseMessage(NOTIFY) as SipRequest, connection);
    expect(seen).toHaveLength(1);
    const t = seen[0];
    if (t === undefined) return;
    const sent = t.respond(200);
    expect(sent?.headers.get('to')).toBe('<sip:a@x>;tag=1');
    expect(sent?.headers.get('via')).toBe('SIP/2.0/TCP 10.0.0.1:5060;branch=z9hG4bKn1');
    expect(t.respond(500)).toBeUndefined();
    await until(() => /SIP\/2\.0 200 OK/.test(server.received()));
    expect(t.state).toBe('terminated');
  });

  it('adds a To tag to a response of a request that had none (RFC 3261 §8.2.6.2)', () => {
    let response: SipResponse | undefined;
    layer.on('request', (t) => {
      response = t.respond(405, { headers: [{ name: 'Allow', value: 'NOTIFY' }] });
    });
    layer.receive(parseMessage(NOTIFY.replace('To: <sip:a@x>;tag=1', 'To: <sip:a@x>')) as SipRequest, connection);
    expect(response?.headers.get('to')).toMatch(/^<sip:a@x>;tag=[0-9a-f]{16}$/);
    expect(response?.headers.get('allow')).toBe('NOTIFY');
    expect(response?.reason).toBe('Method Not Allowed');
  });

  it('tells RFC 2543 requests without the magic cookie apart by their identity, not by the branch (§17.2.3)', () => {
    const seen: ServerTransaction[] = [];
    layer.on('request', (t) => seen.push(t));
    const legacy = (cseq: number): SipRequest =>
      parseMessage(NOTIFY.replace(';branch=z9hG4bKn1', '').replace('CSeq: 4', `CSeq: ${cseq}`)) as SipRequest;
    layer.receive(legacy(4), connection);
    layer.receive(legacy(5), connection);
    expect(seen.map((t) => t.request.headers.cseq().seq)).toEqual([4, 5]);
    // The same request again, while its transaction waits for the TU, is a retransmission.
    layer.receive(legacy(5), connection);
    expect(seen).toHaveLength(2);
  });

  it('drops a message whose top Via sent-by does not parse (the parser leaves it to be checked when read)', () => {
    const stray: string[] = [];
    const seen: ServerTransaction[] = [];
    layer.on('stray', (_m, r) => stray.push(r));
    layer.on('request', (t) => seen.push(t));
    const request = parseMessage(NOTIFY.replace(/SIP\/2\.0\/TCP [^;]+;/, 'SIP/2.0/TCP bad_host:5060;')) as SipRequest;
    expect(request.headers.topVia().branch).toBe('z9hG4bKn1');
    layer.receive(request, connection);
    expect(stray).toEqual([expect.stringContaining('unusable Via or CSeq')]);
    expect(seen).toEqual([]);
  });

  it('drops a request whose CSeq method differs from its method', () => {
    const stray: string[] = [];
    layer.on('stray', (_m, r) => stray.push(r));
    const request = parseMessage(NOTIFY) as SipRequest;
    request.headers.set('CSeq', '4 INFO');
    layer.receive(request, connection);
    expect(stray).toEqual(['CSeq method differs from the request method']);
  });
});
