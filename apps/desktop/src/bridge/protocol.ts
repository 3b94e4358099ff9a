import type { DesktopMethod, DesktopState } from './api.js';
import { DesktopError } from './errors.js';

// The bridge protocol: one tiny RPC with request ids plus a state push, shared by the Electron IPC server, the
// WebSocket server of `dev:web` and the renderer's client. Messages are plain JSON objects told apart by `t`.

/** Renderer → host. `hello` must come first on a WebSocket and carry the session token. */
export type ClientMessage =
  | { readonly t: 'hello'; readonly token: string }
  | { readonly t: 'call'; readonly id: number; readonly method: DesktopMethod; readonly args: readonly unknown[] };

/** A command's outcome, as both transports carry it (IPC `invoke` returns it; the WebSocket sends it). */
export type CallOutcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

/** Host → renderer. */
export type HostMessage =
  | { readonly t: 'welcome' }
  | ({ readonly t: 'result'; readonly id: number } & CallOutcome)
  | { readonly t: 'state'; readonly state: DesktopState };

/** Argument kinds the host checks before a command reaches the engine (`?` = may be missing or null). */
type ArgKind = 'string' | 'string?' | 'boolean' | 'object' | 'object?' | 'availability';

/** Every method the bridge carries, with the kinds of its arguments. Anything else is refused. */
export const METHOD_ARGS: Readonly<Record<DesktopMethod, readonly ArgKind[]>> = Object.freeze({
  getState: [],
  setupAccount: ['object'],
  switchAccount: ['string'],
  setStatus: ['availability', 'string?'],
  setNote: ['string'],
  setLocation: ['string?'],
  setHomepage: ['string?'],
  setPublishLocation: ['boolean'],
  setIcon: ['object?'],
  setOfflineStatus: ['object?'],
  addContact: ['object'],
  updateContact: ['string', 'object'],
  removeContact: ['string'],
  addContactUri: ['string', 'object'],
  updateContactUri: ['string', 'string', 'object'],
  removeContactUri: ['string', 'string'],
  addGroup: ['string'],
  renameGroup: ['string', 'string'],
  removeGroup: ['string'],
  addToGroup: ['string', 'string'],
  removeFromGroup: ['string', 'string'],
  allowWatcher: ['string', 'string?'],
  denyWatcher: ['string', 'string?'],
  blockWatcher: ['string', 'string?'],
  unblockWatcher: ['string'],
  openDeviceAddress: ['string', 'string'],
  setTraceEnabled: ['boolean'],
  openTraceFile: [],
});

export const DESKTOP_METHODS = Object.freeze(Object.keys(METHOD_ARGS)) as readonly DesktopMethod[];

const AVAILABILITY = new Set(['available', 'away', 'busy', 'extended-away', 'offline']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isDesktopMethod(value: unknown): value is DesktopMethod {
  return typeof value === 'string' && Object.hasOwn(METHOD_ARGS, value);
}

function fits(kind: ArgKind, value: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'string?':
      return value === undefined || value === null || typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return isRecord(value);
    case 'object?':
      return value === undefined || value === null || isRecord(value);
    case 'availability':
      return typeof value === 'string' && AVAILABILITY.has(value);
  }
}

/** Checks a call's method and argument kinds; throws `DESKTOP_BAD_REQUEST` naming the first wrong argument. */
export function checkCall(method: unknown, args: unknown): { method: DesktopMethod; args: readonly unknown[] } {
  if (!isDesktopMethod(method)) throw new DesktopError('DESKTOP_BAD_REQUEST', `unknown method ${String(method)}`);
  if (!Array.isArray(args)) throw new DesktopError('DESKTOP_BAD_REQUEST', `${method}: arguments must be an array`);
  const kinds = METHOD_ARGS[method];
  if (args.length > kinds.length) {
    throw new DesktopError('DESKTOP_BAD_REQUEST', `${method}: at most ${kinds.length} arguments, got ${args.length}`);
  }
  kinds.forEach((kind, i) => {
    if (!fits(kind, args[i]))
      throw new DesktopError('DESKTOP_BAD_REQUEST', `${method}: argument ${i + 1} must be ${kind}`);
  });
  return { method, args };
}

/** Parses one client message (a WebSocket text frame); throws `DESKTOP_BAD_MESSAGE` for anything else. */
export function parseClientMessage(text: string): ClientMessage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new DesktopError('DESKTOP_BAD_MESSAGE', 'not JSON', { cause });
  }
  if (!isRecord(value)) throw new DesktopError('DESKTOP_BAD_MESSAGE', 'expected an object');
  if (value.t === 'hello' && typeof value.token === 'string') return { t: 'hello', token: value.token };
  if (value.t === 'call' && Number.isSafeInteger(value.id) && typeof value.id === 'number') {
    const { method, args } = checkCall(value.method, value.args);
    return { t: 'call', id: value.id, method, args };
  }
  throw new DesktopError('DESKTOP_BAD_MESSAGE', 'expected a hello or a call');
}

/** Parses one host message; throws `DESKTOP_BAD_MESSAGE` for anything else. */
export function parseHostMessage(text: string): HostMessage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new DesktopError('DESKTOP_BAD_MESSAGE', 'not JSON', { cause });
  }
  if (!isRecord(value)) throw new DesktopError('DESKTOP_BAD_MESSAGE', 'expected an object');
  if (value.t === 'welcome') return { t: 'welcome' };
  if (value.t === 'state' && isRecord(value.state))
    return { t: 'state', state: value.state as unknown as DesktopState };
  if (value.t === 'result' && typeof value.id === 'number') {
    if (value.ok === true) return { t: 'result', id: value.id, ok: true, value: value.value };
    const error = value.error;
    if (value.ok === false && isRecord(error) && typeof error.code === 'string' && typeof error.message === 'string') {
      return { t: 'result', id: value.id, ok: false, error: { code: error.code, message: error.message } };
    }
  }
  throw new DesktopError('DESKTOP_BAD_MESSAGE', 'expected a welcome, a state or a result');
}

/** Turns anything a command threw into the outcome both transports carry (the engine's `code` survives). */
export function failureOf(error: unknown): CallOutcome {
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : 'DESKTOP_COMMAND';
    return { ok: false, error: { code, message: error.message } };
  }
  return { ok: false, error: { code: 'DESKTOP_COMMAND', message: String(error) } };
}

/** Compares two tokens in time independent of where they differ. */
export function sameToken(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
