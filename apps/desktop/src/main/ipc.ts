import type { IpcMain, WebContents } from 'electron';
import type { DesktopHost } from '../host/desktop-host.js';

/** IPC channel names shared with the preload script (which cannot import this module in its sandbox). */
export const CALL_CHANNEL = 'simplekit:call';
export const STATE_CHANNEL = 'simplekit:state';

/**
 * The bridge over Electron IPC: `invoke(CALL_CHANNEL, method, args)` resolves with the same outcome the WebSocket
 * carries, and every new state is sent on `STATE_CHANNEL`. Only the app's own window may call.
 */
export function serveBridgeOverIpc(ipcMain: IpcMain, host: DesktopHost, window: WebContents): () => void {
  ipcMain.handle(CALL_CHANNEL, (event, method: unknown, args: unknown) => {
    if (event.sender !== window) return { ok: false, error: { code: 'DESKTOP_UNAUTHORISED', message: 'not the app' } };
    return host.call(method, args);
  });
  const off = host.onState((state) => {
    if (!window.isDestroyed()) window.send(STATE_CHANNEL, state);
  });
  return () => {
    off();
    ipcMain.removeHandler(CALL_CHANNEL);
  };
}
