// Runs in the sandboxed preload world: only `electron` can be required, so the channel names are repeated here
// (see ipc.ts). Exposes exactly the typed commands and a state subscription; `ipcRenderer` never reaches the page.
import electron = require('electron');

import type { DesktopApi, DesktopCommands, DesktopState } from '../bridge/api.js';
import type { CallOutcome } from '../bridge/protocol.js';

const { contextBridge, ipcRenderer } = electron;

async function call(method: keyof DesktopCommands, args: unknown[]): Promise<never> {
  const outcome = (await ipcRenderer.invoke('simplekit:call', method, args)) as CallOutcome;
  if (outcome.ok) return outcome.value as never;
  throw Object.assign(new Error(outcome.error.message), { code: 'DESKTOP_COMMAND', remoteCode: outcome.error.code });
}

const api: DesktopApi = {
  getState: () => call('getState', []),
  setupAccount: (input) => call('setupAccount', [input]),
  switchAccount: (id) => call('switchAccount', [id]),
  setStatus: (status, note) => call('setStatus', [status, note ?? null]),
  setNote: (note) => call('setNote', [note]),
  setLocation: (location) => call('setLocation', [location]),
  setHomepage: (url) => call('setHomepage', [url]),
  setPublishLocation: (on) => call('setPublishLocation', [on]),
  setIcon: (icon) => call('setIcon', [icon]),
  setOfflineStatus: (offline) => call('setOfflineStatus', [offline]),
  addContact: (contact) => call('addContact', [contact]),
  updateContact: (id, changes) => call('updateContact', [id, changes]),
  removeContact: (id) => call('removeContact', [id]),
  addContactUri: (contactId, uri) => call('addContactUri', [contactId, uri]),
  updateContactUri: (contactId, uriId, uri) => call('updateContactUri', [contactId, uriId, uri]),
  removeContactUri: (contactId, uriId) => call('removeContactUri', [contactId, uriId]),
  addGroup: (name) => call('addGroup', [name]),
  renameGroup: (id, name) => call('renameGroup', [id, name]),
  removeGroup: (id) => call('removeGroup', [id]),
  addToGroup: (groupId, contactId) => call('addToGroup', [groupId, contactId]),
  removeFromGroup: (groupId, contactId) => call('removeFromGroup', [groupId, contactId]),
  allowWatcher: (uri, name) => call('allowWatcher', [uri, name ?? null]),
  denyWatcher: (uri, name) => call('denyWatcher', [uri, name ?? null]),
  blockWatcher: (uri, name) => call('blockWatcher', [uri, name ?? null]),
  unblockWatcher: (uri) => call('unblockWatcher', [uri]),
  openDeviceAddress: (contactId, address) => call('openDeviceAddress', [contactId, address]),
  setTraceEnabled: (on) => call('setTraceEnabled', [on]),
  openTraceFile: () => call('openTraceFile', []),
  onState(listener) {
    const handler = (_event: unknown, state: DesktopState) => listener(state);
    ipcRenderer.on('simplekit:state', handler);
    return () => {
      ipcRenderer.removeListener('simplekit:state', handler);
    };
  },
};

contextBridge.exposeInMainWorld('simplekit', api);
