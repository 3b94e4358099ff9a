import { describe, expect, it, vi } from 'vitest';
import { INITIAL_STATE } from '../bridge/api.js';
import type { DesktopHost } from '../host/desktop-host.js';

// Electron's binary cannot be downloaded here, so the main process runs against fakes of the Electron objects it
// touches; what is checked is how it configures them (the security requirements).

const seen = vi.hoisted(() => ({
  windowOptions: undefined as unknown,
  openHandler: undefined as (() => unknown) | undefined,
  navigate: undefined as ((event: { preventDefault(): void }) => void) | undefined,
  headers: undefined as
    | ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void)
    | undefined,
  permission: undefined as ((c: unknown, p: string, cb: (allow: boolean) => void) => void) | undefined,
  loaded: undefined as string | undefined,
  channels: [] as string[],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    readonly webContents = {
      setWindowOpenHandler: (handler: () => unknown) => {
        seen.openHandler = handler;
      },
      on: (name: string, listener: (event: { preventDefault(): void }) => void) => {
        if (name === 'will-navigate') seen.navigate = listener;
      },
      isDestroyed: () => false,
      send: () => {},
    };
    constructor(options: unknown) {
      seen.windowOptions = options;
    }
    async loadFile(path: string) {
      seen.loaded = path;
    }
  }
  return {
    app: { whenReady: async () => {}, on: () => {}, quit: () => {}, exit: () => {} },
    BrowserWindow,
    ipcMain: { handle: (channel: string) => seen.channels.push(channel), removeHandler: () => {} },
    powerMonitor: { getSystemIdleTime: () => 0 },
    shell: { openExternal: async () => {}, openPath: async () => '' },
    session: {
      defaultSession: {
        webRequest: {
          onHeadersReceived: (listener: NonNullable<typeof seen.headers>) => {
            seen.headers = listener;
          },
        },
        setPermissionRequestHandler: (handler: NonNullable<typeof seen.permission>) => {
          seen.permission = handler;
        },
      },
    },
  };
});

vi.mock('../host/node-host.js', () => ({
  createNodeDesktopHost: async (): Promise<DesktopHost> => ({
    getState: () => INITIAL_STATE,
    onState: () => () => {},
    call: async () => ({ ok: true, value: null }),
    start: async () => {},
    stop: async () => {},
  }),
}));

describe('the Electron main process', () => {
  it('opens a sandboxed, context-isolated window without Node, that cannot navigate or open windows', async () => {
    await import('./main.js');
    await vi.waitFor(() => expect(seen.loaded).toMatch(/renderer[/\\]index\.html$/));
    expect(seen.windowOptions).toMatchObject({
      webPreferences: { contextIsolation: true, nodeIntegration: false, sandbox: true },
    });
    const { webPreferences } = seen.windowOptions as { webPreferences: { preload: string } };
    expect(webPreferences.preload).toMatch(/preload\.cjs$/);
    expect(seen.openHandler?.()).toEqual({ action: 'deny' });
    const prevent = vi.fn();
    seen.navigate?.({ preventDefault: prevent });
    expect(prevent).toHaveBeenCalledOnce();
    const allowed: boolean[] = [];
    seen.permission?.({}, 'media', (allow) => allowed.push(allow));
    expect(allowed).toEqual([false]);
    expect(seen.channels).toEqual(['simplekit:call']);
  });

  it('sends a strict Content-Security-Policy with every response, with no network at all', () => {
    let result: unknown;
    seen.headers?.({ responseHeaders: { 'X-Other': ['kept'] } }, (r) => {
      result = r;
    });
    const headers = (result as { responseHeaders: Record<string, string[]> }).responseHeaders;
    expect(headers['X-Other']).toEqual(['kept']);
    const csp = headers['Content-Security-Policy']?.[0] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
  });
});
