import { readFile } from 'node:fs/promises';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DESKTOP_METHODS } from '../bridge/protocol.js';

// The preload script (its source, compiled to CommonJS as tsc does) run in a fresh context whose only module is a
// fake `electron`, as in Electron's sandboxed preload world: what it hands the page through contextBridge.

function fakeElectron() {
  const exposed = new Map<string, unknown>();
  const invoked: unknown[][] = [];
  const listeners = new Map<string, (event: unknown, state: unknown) => void>();
  const ipcRenderer = {
    invoke: async (...args: unknown[]) => {
      invoked.push(args);
      return args[1] === 'setNote'
        ? { ok: true, value: null }
        : { ok: false, error: { code: 'X_CODE', message: 'no' } };
    },
    on: (channel: string, listener: (event: unknown, state: unknown) => void) => listeners.set(channel, listener),
    removeListener: (channel: string) => listeners.delete(channel),
  };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
    ipcRenderer,
  };
  return { exposed, invoked, listeners, ipcRenderer, electron };
}

let fake = fakeElectron();

async function exposedApi(): Promise<Record<string, unknown>> {
  fake = fakeElectron();
  const source = await readFile(new URL('./preload.cts', import.meta.url), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const module = { exports: {} };
  const require = (id: string) => {
    if (id === 'electron') return fake.electron;
    throw new Error(`the preload may require only electron, not ${id}`);
  };
  runInNewContext(outputText, { require, module, exports: module.exports, Object, Error, Promise });
  const api = fake.exposed.get('simplekit');
  if (typeof api !== 'object' || api === null) throw new Error('nothing exposed as window.simplekit');
  return api as Record<string, unknown>;
}

describe('the preload script', () => {
  it('exposes exactly the typed commands and onState, and never ipcRenderer', async () => {
    const api = await exposedApi();
    expect([...fake.exposed.keys()]).toEqual(['simplekit']);
    expect(Object.keys(api).sort()).toEqual([...DESKTOP_METHODS, 'onState'].sort());
    for (const value of Object.values(api)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(fake.ipcRenderer);
    }
  });

  it('sends commands over the call channel and hands back typed errors', async () => {
    const api = await exposedApi();
    const setNote = api.setNote as (note: string) => Promise<unknown>;
    const removeContact = api.removeContact as (id: string) => Promise<unknown>;
    await expect(setNote('hi')).resolves.toBeNull();
    expect(fake.invoked.at(-1)).toEqual(['simplekit:call', 'setNote', ['hi']]);
    await expect(removeContact('c1')).rejects.toMatchObject({ code: 'DESKTOP_COMMAND', remoteCode: 'X_CODE' });
  });

  it('subscribes to states on the state channel and unsubscribes', async () => {
    const api = await exposedApi();
    const states: unknown[] = [];
    const off = (api.onState as (l: (s: unknown) => void) => () => void)((s) => states.push(s));
    fake.listeners.get('simplekit:state')?.({}, { phase: 'ready' });
    expect(states).toEqual([{ phase: 'ready' }]);
    off();
    expect(fake.listeners.has('simplekit:state')).toBe(false);
  });
});
