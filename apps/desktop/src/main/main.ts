import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, powerMonitor, session, shell } from 'electron';
import { contentSecurityPolicy } from '../host/csp.js';
import { createNodeDesktopHost } from '../host/node-host.js';
import { serveBridgeOverIpc } from './ipc.js';

// The Electron main process: runs the engine through the bridge host and shows the renderer in a locked-down
// window (context isolation, no Node integration, sandbox, strict CSP, no navigation, no new windows).
const rendererIndex = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
const preload = fileURLToPath(new URL('./preload.cjs', import.meta.url));

async function main(): Promise<void> {
  await app.whenReady();
  const host = await createNodeDesktopHost({
    openExternal: (uri) => shell.openExternal(uri),
    openPath: async (path) => {
      const problem = await shell.openPath(path);
      if (problem !== '') throw new Error(problem);
    },
    idleSeconds: () => powerMonitor.getSystemIdleTime(),
  });

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy('none')] },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  const window = new BrowserWindow({
    width: 380,
    height: 720,
    minWidth: 320,
    title: 'SimpleKit',
    webPreferences: { contextIsolation: true, nodeIntegration: false, sandbox: true, preload },
  });
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  const closeBridge = serveBridgeOverIpc(ipcMain, host, window.webContents);
  await window.loadFile(rendererIndex);
  await host.start();

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    event.preventDefault();
    closeBridge();
    void host.stop().finally(() => app.exit(0));
  });
}

void main();
