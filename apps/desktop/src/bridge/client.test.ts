import { describe, expect, it } from 'vitest';
import { type DesktopState, INITIAL_STATE } from './api.js';
import { type BridgePort, createBridgeClient } from './client.js';
import { DesktopCommandError, DesktopError } from './errors.js';
import type { ClientMessage, HostMessage } from './protocol.js';

function memoryPort() {
  const sent: ClientMessage[] = [];
  let deliver: (m: HostMessage) => void = () => {};
  let close: (reason: string) => void = () => {};
  const port: BridgePort = {
    send: (m) => sent.push(m),
    listen(onMessage, onClose) {
      deliver = onMessage;
      close = onClose;
    },
  };
  return { port, sent, deliver: (m: HostMessage) => deliver(m), close: (r: string) => close(r) };
}

describe('createBridgeClient', () => {
  it('sends each command as a call with a fresh id and resolves with its result', async () => {
    const p = memoryPort();
    const api = createBridgeClient(p.port);
    const first = api.addGroup('Friends');
    const second = api.setStatus('away');
    expect(p.sent).toEqual([
      { t: 'call', id: 1, method: 'addGroup', args: ['Friends'] },
      { t: 'call', id: 2, method: 'setStatus', args: ['away'] },
    ]);
    p.deliver({ t: 'result', id: 2, ok: true, value: null });
    p.deliver({ t: 'result', id: 1, ok: true, value: 'g1' });
    await expect(first).resolves.toBe('g1');
    await expect(second).resolves.toBeNull();
  });

  it('drops trailing missing arguments and sends inner ones as null', () => {
    const p = memoryPort();
    const api = createBridgeClient(p.port);
    void api.allowWatcher('sip:bob@example.com', undefined);
    void api.setStatus('busy', undefined);
    expect(p.sent.map((m) => (m.t === 'call' ? m.args : []))).toEqual([['sip:bob@example.com'], ['busy']]);
  });

  it("rejects with the host's error code", async () => {
    const p = memoryPort();
    const api = createBridgeClient(p.port);
    const call = api.removeContact('nobody');
    p.deliver({ t: 'result', id: 1, ok: false, error: { code: 'ACCOUNT_STATE', message: 'unknown contact' } });
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DesktopCommandError);
    expect(error).toMatchObject({ code: 'DESKTOP_COMMAND', remoteCode: 'ACCOUNT_STATE', message: 'unknown contact' });
  });

  it('hands state pushes to listeners, the latest one to a new listener, and stops after unsubscribe', () => {
    const p = memoryPort();
    const api = createBridgeClient(p.port);
    const seen: DesktopState[] = [];
    const off = api.onState((s) => seen.push(s));
    const state: DesktopState = { ...INITIAL_STATE, phase: 'starting' };
    p.deliver({ t: 'state', state });
    off();
    p.deliver({ t: 'state', state: { ...state, phase: 'ready' } });
    expect(seen.map((s) => s.phase)).toEqual(['starting']);
    const late: string[] = [];
    api.onState((s) => late.push(s.phase));
    expect(late).toEqual(['ready']);
  });

  it('rejects pending and later calls once the channel closes', async () => {
    const p = memoryPort();
    const api = createBridgeClient(p.port);
    const pending = api.setNote('x');
    p.close('bridge closed (1006 )');
    await expect(pending).rejects.toMatchObject({ code: 'DESKTOP_DISCONNECTED' });
    await expect(api.setNote('y')).rejects.toBeInstanceOf(DesktopError);
  });
});
