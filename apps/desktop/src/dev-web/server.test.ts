import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type DesktopState, INITIAL_STATE } from '../bridge/api.js';
import type { HostMessage } from '../bridge/protocol.js';
import type { DesktopHost } from '../host/desktop-host.js';
import { type DevWebServer, startDevWebServer } from './server.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A host that answers every call with its method name and can push states. */
function fakeHost() {
  const listeners = new Set<(s: DesktopState) => void>();
  const calls: [unknown, unknown][] = [];
  const host: DesktopHost = {
    getState: () => INITIAL_STATE,
    onState(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async call(method, args) {
      calls.push([method, args]);
      return { ok: true, value: `did ${String(method)}` };
    },
    start: async () => {},
    stop: async () => {},
  };
  return {
    host,
    calls,
    push: (s: DesktopState) => {
      for (const l of listeners) l(s);
    },
    listeners,
  };
}

async function serve(): Promise<{ server: DevWebServer; fake: ReturnType<typeof fakeHost> }> {
  const dir = await mkdtemp(join(tmpdir(), 'simplekit-devweb-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  const fake = fakeHost();
  const server = await startDevWebServer({ host: fake.host, rendererDir: dir, token: 'secret-token' });
  cleanups.push(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { server, fake };
}

function connect(server: DevWebServer, origin = server.origin) {
  const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/bridge`, { origin });
  const received: HostMessage[] = [];
  ws.on('message', (data) => received.push(JSON.parse(data.toString()) as HostMessage));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  const opened = new Promise<void>((resolve, reject) => {
    ws.on('open', () => resolve());
    ws.on('error', reject);
  });
  return { ws, received, closed, opened };
}

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe('startDevWebServer', () => {
  it('listens on loopback only and serves the renderer with its CSP', async () => {
    const { server } = await serve();
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/#token=secret-token`);
    const res = await fetch(`${server.origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('<title>t</title>');
    expect((await fetch(`${server.origin}/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect((await fetch(`${server.origin}/missing.js`)).status).toBe(404);
  });

  it('runs calls and pushes states after a hello with the token', async () => {
    const { server, fake } = await serve();
    const c = connect(server);
    await c.opened;
    c.ws.send(JSON.stringify({ t: 'hello', token: 'secret-token' }));
    c.ws.send(JSON.stringify({ t: 'call', id: 5, method: 'setNote', args: ['hi'] }));
    await waitFor(() => c.received.some((m) => m.t === 'result'));
    expect(c.received).toEqual([
      { t: 'welcome' },
      { t: 'state', state: INITIAL_STATE },
      { t: 'result', id: 5, ok: true, value: 'did setNote' },
    ]);
    expect(fake.calls).toEqual([['setNote', ['hi']]]);
    fake.push({ ...INITIAL_STATE, phase: 'ready' });
    await waitFor(() => c.received.length === 4);
    expect(c.received[3]).toMatchObject({ t: 'state', state: { phase: 'ready' } });
    c.ws.close();
    await c.closed;
    await waitFor(() => fake.listeners.size === 0);
  });

  it('closes the socket on a wrong token, and on a call before the hello', async () => {
    const { server, fake } = await serve();
    const wrong = connect(server);
    await wrong.opened;
    wrong.ws.send(JSON.stringify({ t: 'hello', token: 'guess' }));
    expect(await wrong.closed).toBe(4401);
    const early = connect(server);
    await early.opened;
    early.ws.send(JSON.stringify({ t: 'call', id: 1, method: 'getState', args: [] }));
    expect(await early.closed).toBe(4401);
    expect(fake.calls).toEqual([]);
    expect([...wrong.received, ...early.received]).toEqual([]);
  });

  it('refuses WebSocket handshakes from another origin', async () => {
    const { server } = await serve();
    const c = connect(server, 'https://evil.example');
    await expect(c.opened).rejects.toThrow(/403/);
  });

  it('closes the socket on a malformed message', async () => {
    const { server } = await serve();
    const c = connect(server);
    await c.opened;
    c.ws.send('{"t":"hello"');
    expect(await c.closed).toBe(4400);
  });
});
