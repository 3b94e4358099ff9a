import { afterEach, describe, expect, it } from 'vitest';
import { parseAuthChallenges } from '../auth/challenge.js';
import { createDigestCredentials, parseAuthorization } from '../auth/digest.js';
import { createRequest, createResponse } from '../message/build.js';
import type { SipRequest, SipResponse } from '../message/types.js';
import { createStaticResolver } from '../resolver/resolver.js';
import { AuthenticationError } from '../transaction/errors.js';
import { until } from '../transport/test-support/loopback.js';
import { type FakeServer, ok, startFakeServer } from './test-support/fake-server.js';
import { createUserAgent, type RecoveryReport, type UserAgent } from './user-agent.js';

const servers: FakeServer[] = [];
const agents: UserAgent[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(handler: Parameters<typeof startFakeServer>[0]): Promise<FakeServer> {
  const s = await startFakeServer(handler);
  servers.push(s);
  return s;
}

function agent(ports: number[], password = 'secret'): UserAgent {
  const ua = createUserAgent({
    aor: 'sip:alice@example.com',
    credentials: { password },
    transport: 'tcp',
    resolver: createStaticResolver(ports.map((port) => ({ transport: 'tcp' as const, address: '127.0.0.1', port }))),
    reconnect: { baseMs: 20, maxMs: 100 },
    keepAlive: false,
  });
  agents.push(ua);
  return ua;
}

const CHALLENGE = 'Digest realm="example.com", nonce="abc", qop="auth", algorithm=MD5';

/** A registrar that checks Digest credentials for alice / secret. */
function digestRegistrar(request: SipRequest): SipResponse {
  const authorization = request.headers.get('authorization');
  if (authorization === undefined) {
    return createResponse(request, 401, { headers: [{ name: 'WWW-Authenticate', value: CHALLENGE }] });
  }
  const creds = parseAuthorization(authorization);
  const [challenge] = parseAuthChallenges(CHALLENGE);
  if (creds.kind !== 'digest' || challenge?.kind !== 'digest') throw new Error('bad test');
  const expected = createDigestCredentials({
    challenge,
    method: request.method,
    uri: creds.uri,
    username: 'alice',
    password: 'secret',
    nonceCount: Number.parseInt(creds.nc ?? '1', 16),
    cnonce: creds.cnonce ?? '',
  });
  if (creds.response !== expected.response) {
    return createResponse(request, 401, { headers: [{ name: 'WWW-Authenticate', value: CHALLENGE }] });
  }
  return ok(request, 300);
}

describe('UserAgent', () => {
  it('registers through a Digest challenge', async () => {
    const s = await server(digestRegistrar);
    const info = await agent([s.port]).register();
    expect(info.expires).toBe(300);
    expect(s.requests.map((r) => r.headers.get('cseq'))).toEqual(['1 REGISTER', '2 REGISTER']);
  });

  it('gives up on a wrong password after one answer, with a typed error', async () => {
    const s = await server(digestRegistrar);
    const error = await agent([s.port], 'wrong')
      .register()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).code).toBe('REJECTED_CREDENTIALS');
    expect(s.requests).toHaveLength(2);
  });

  it('fails over to the next server when the first answers 503 (RFC 3263 §4.3)', async () => {
    const busy = await server((request) => createResponse(request, 503));
    const good = await server((request) => ok(request));
    const ua = agent([busy.port, good.port]);
    const recovered = new Promise<RecoveryReport>((resolve) => ua.once('recovered', resolve));
    await ua.register();
    expect(busy.requests).toHaveLength(1);
    // The flow moved to another server: the retried REGISTER, then one more for the new flow, one at a time.
    expect((await recovered).registered).toBe(true);
    expect(good.requests.map((r) => r.headers.get('cseq'))).toEqual(['2 REGISTER', '3 REGISTER']);
  });

  it('returns a 503 as it is when there is no other server to try', async () => {
    const busy = await server((request) => createResponse(request, 503));
    const ua = agent([busy.port]);
    const error = await ua.register().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SIP_503', status: 503 });
    expect(busy.requests).toHaveLength(1);
    expect(busy.sockets).toHaveLength(1);
  });

  it('answers requests that match nothing: NOTIFY 481, OPTIONS 200, MESSAGE 405', async () => {
    const s = await server((request) => ok(request));
    const ua = agent([s.port]);
    await ua.register();
    const socket = s.sockets[0];
    if (socket === undefined) throw new Error('no connection');
    for (const method of ['NOTIFY', 'OPTIONS', 'MESSAGE']) {
      s.send(
        socket,
        createRequest({
          method,
          uri: 'sip:alice@127.0.0.1',
          from: { uri: 'sip:server@example.com' },
          to: { uri: 'sip:alice@example.com' },
          cseq: 1,
          via: { transport: 'TCP', host: '127.0.0.1', port: s.port },
          headers:
            method === 'NOTIFY'
              ? [
                  { name: 'Event', value: 'presence' },
                  { name: 'Subscription-State', value: 'active' },
                ]
              : [],
        }),
      );
    }
    await until(() => s.responses.length === 3);
    expect(s.responses.map((r) => r.status)).toEqual([481, 200, 405]);
    expect(s.responses[2]?.headers.get('allow')).toBe('NOTIFY, OPTIONS');
  });

  it('after the server drops the connection, reconnects and registers again, and says so', async () => {
    const s = await server((request) => ok(request, 300));
    const ua = agent([s.port]);
    const events: string[] = [];
    ua.on('connected', () => events.push('connected'));
    ua.on('disconnected', () => events.push('disconnected'));
    ua.on('reconnected', () => events.push('reconnected'));
    ua.on('registered', (i) => events.push(`registered:${i.cause}`));
    const recovered = new Promise<RecoveryReport>((resolve) => ua.once('recovered', resolve));
    await ua.register();
    s.sockets[0]?.destroy();
    expect(await recovered).toEqual({ registered: true, republished: 0, resubscribed: 0, failures: [] });
    expect(events).toEqual(['connected', 'registered:initial', 'disconnected', 'reconnected', 'registered:reconnect']);
    expect(s.sockets).toHaveLength(2);
  });
});

describe('UserAgent keep-alive', () => {
  it('pings as often as the Flow-Timer of the REGISTER 2xx asks, not on its own slower schedule', async () => {
    let pings = 0;
    const s = await server((request, socket) => {
      if (request.headers.get('cseq') === '1 REGISTER') {
        socket.on('data', (chunk) => {
          if (chunk.toString('utf8') === '\r\n\r\n') pings++;
        });
      }
      const response = ok(request, 300);
      response.headers.append('Flow-Timer', '1');
      return response;
    });
    const ua = createUserAgent({
      aor: 'sip:alice@example.com',
      credentials: { password: 'secret' },
      transport: 'tcp',
      resolver: createStaticResolver([{ transport: 'tcp', address: '127.0.0.1', port: s.port }]),
      keepAlive: { intervalMs: 60_000, pongTimeoutMs: 5_000 },
    });
    agents.push(ua);
    expect((await ua.register()).flowTimer).toBe(1);
    await until(() => pings >= 1, 3000);
  });
});

describe('UserAgent options', () => {
  it('refuses an address of record that is not a sip: URI with a user', () => {
    expect(() => createUserAgent({ aor: 'tel:+123', credentials: { password: 'x' } })).toThrow(
      expect.objectContaining({ code: 'BAD_AOR' }),
    );
    expect(() => createUserAgent({ aor: 'sip:example.com', credentials: { password: 'x' } })).toThrow(
      expect.objectContaining({ code: 'BAD_AOR' }),
    );
  });

  it('sends requests through an outbound proxy as a loose route', async () => {
    const s = await server((request) => ok(request));
    const ua = createUserAgent({
      aor: 'sip:alice@example.com',
      credentials: [{ username: 'alice', password: 'secret', realm: 'example.com' }],
      transport: 'tcp',
      outboundProxy: `sip:127.0.0.1:${s.port};transport=tcp`,
      resolver: createStaticResolver([{ transport: 'tcp', address: '127.0.0.1', port: s.port }]),
      keepAlive: false,
    });
    agents.push(ua);
    await ua.register();
    expect(s.requests[0]?.headers.get('route')).toBe(`<sip:127.0.0.1:${s.port};transport=tcp;lr>`);
    expect(s.requests[0]?.rawUri).toBe('sip:example.com');
  });
});

describe('UserAgent robustness', () => {
  it('answers 400 to a NOTIFY of its subscription whose Contact does not parse, and keeps working', async () => {
    const s = await server((request) =>
      createResponse(request, 200, {
        toTag: 'n1',
        headers: [{ name: 'Contact', value: '<sip:bob@127.0.0.1>' }],
      }),
    );
    const ua = agent([s.port]);
    const subscription = await ua.subscribe('sip:bob@example.com', 'presence');
    const socket = s.sockets[0];
    const subscribe = s.requests[0];
    if (socket === undefined || subscribe === undefined) throw new Error('no SUBSCRIBE');
    const notify = createRequest({
      method: 'NOTIFY',
      uri: 'sip:alice@127.0.0.1',
      from: { uri: 'sip:bob@example.com', tag: 'n1' },
      to: { uri: 'sip:alice@example.com', tag: subscribe.headers.from().tag ?? '' },
      callId: subscribe.headers.callId(),
      cseq: 1,
      via: { transport: 'TCP', host: '127.0.0.1', port: s.port },
      headers: [
        { name: 'Event', value: 'presence' },
        { name: 'Subscription-State', value: 'active' },
        { name: 'Contact', value: '<sip:broken' },
      ],
    });
    s.send(socket, notify);
    await until(() => s.responses.length === 1);
    expect(s.responses[0]?.status).toBe(400);
    expect(subscription.status).toBe('pending');
  });

  it('answers 400 to a NOTIFY of its subscription whose Request-URI does not parse, 416 to one with a tel: URI', async () => {
    const contact = { name: 'Contact', value: '<sip:bob@127.0.0.1>' };
    const s = await server((request) => createResponse(request, 200, { toTag: 'n1', headers: [contact] }));
    const ua = agent([s.port]);
    const subscription = await ua.subscribe('sip:bob@example.com', 'presence');
    const socket = s.sockets[0];
    const subscribe = s.requests[0];
    if (socket === undefined || subscribe === undefined) throw new Error('no SUBSCRIBE');
    const notify = (cseq: number): SipRequest =>
      createRequest({
        method: 'NOTIFY',
        uri: 'sip:alice@127.0.0.1',
        from: { uri: 'sip:bob@example.com', tag: 'n1' },
        to: { uri: 'sip:alice@example.com', tag: subscribe.headers.from().tag ?? '' },
        callId: subscribe.headers.callId(),
        cseq,
        via: { transport: 'TCP', host: '127.0.0.1', port: s.port },
        headers: [{ name: 'Event', value: 'presence' }, { name: 'Subscription-State', value: 'active' }, contact],
      });
    // The parser takes the message (the URI's grammar is checked when it is read); the UA reads it first.
    s.send(socket, { ...notify(1), rawUri: 'sip:alice@127.0.0.1:notaport' });
    await until(() => s.responses.length === 1);
    s.send(socket, { ...notify(2), rawUri: 'tel:+1-201-555-0123' });
    await until(() => s.responses.length === 2);
    expect(s.responses.map((r) => [r.status, r.reason])).toEqual([
      [400, 'Bad Request-URI'],
      [416, 'Unsupported URI Scheme'],
    ]);
    expect(subscription.status).toBe('pending');
    // A good one is still handled by the subscription.
    s.send(socket, notify(3));
    await until(() => s.responses.length === 3);
    expect(s.responses[2]?.status).toBe(200);
  });
});
