import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { type DesktopState, INITIAL_STATE } from '../bridge/api.js';
import type { DesktopHost } from '../host/desktop-host.js';
import { CALL_CHANNEL, STATE_CHANNEL, serveBridgeOverIpc } from './ipc.js';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

function fakes() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  } as unknown as IpcMain;
  const sentStates: [string, DesktopState][] = [];
  const window = {
    isDestroyed: () => false,
    send: (channel: string, state: DesktopState) => sentStates.push([channel, state]),
  } as unknown as WebContents;
  let listener: (s: DesktopState) => void = () => {};
  const host: DesktopHost = {
    getState: () => INITIAL_STATE,
    onState: (l) => {
      listener = l;
      return () => {
        listener = () => {};
      };
    },
    call: async (method) => ({ ok: true, value: `ran ${String(method)}` }),
    start: async () => {},
    stop: async () => {},
  };
  return { handlers, ipcMain, window, host, sentStates, push: (s: DesktopState) => listener(s) };
}

describe('serveBridgeOverIpc', () => {
  it("answers the app's own window and pushes states to it", async () => {
    const f = fakes();
    const close = serveBridgeOverIpc(f.ipcMain, f.host, f.window);
    const handler = f.handlers.get(CALL_CHANNEL);
    expect(await handler?.({ sender: f.window } as IpcMainInvokeEvent, 'setNote', ['hi'])).toEqual({
      ok: true,
      value: 'ran setNote',
    });
    f.push({ ...INITIAL_STATE, phase: 'ready' });
    expect(f.sentStates).toEqual([[STATE_CHANNEL, { ...INITIAL_STATE, phase: 'ready' }]]);
    close();
    expect(f.handlers.size).toBe(0);
    f.push(INITIAL_STATE);
    expect(f.sentStates).toHaveLength(1);
  });

  it('refuses calls from any other web contents', async () => {
    const f = fakes();
    serveBridgeOverIpc(f.ipcMain, f.host, f.window);
    const other = {} as WebContents;
    expect(await f.handlers.get(CALL_CHANNEL)?.({ sender: other } as IpcMainInvokeEvent, 'setNote', ['hi'])).toEqual({
      ok: false,
      error: { code: 'DESKTOP_UNAUTHORISED', message: 'not the app' },
    });
  });
});
