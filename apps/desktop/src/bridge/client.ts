import { type DesktopApi, type DesktopCommands, type DesktopState, INITIAL_STATE } from './api.js';
import { DesktopCommandError, DesktopError } from './errors.js';
import { type ClientMessage, DESKTOP_METHODS, type HostMessage } from './protocol.js';

/** A message channel to the host: a WebSocket in `dev:web`, anything else in tests. */
export interface BridgePort {
  send(message: ClientMessage): void;
  /** Registers the handler of host messages and of the channel's end. */
  listen(onMessage: (message: HostMessage) => void, onClose: (reason: string) => void): void;
}

/**
 * The renderer's side of the bridge: each command becomes a `call` with a fresh id and resolves with the matching
 * `result`; `state` pushes reach `onState` listeners. When the port closes, pending calls reject with
 * `DESKTOP_DISCONNECTED`.
 */
export function createBridgeClient(port: BridgePort): DesktopApi {
  let nextId = 1;
  let closed: string | undefined;
  let state: DesktopState = INITIAL_STATE;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const listeners = new Set<(state: DesktopState) => void>();

  port.listen(
    (message) => {
      if (message.t === 'state') {
        state = message.state;
        for (const listener of [...listeners]) listener(state);
      } else if (message.t === 'result') {
        const call = pending.get(message.id);
        if (call === undefined) return;
        pending.delete(message.id);
        if (message.ok) call.resolve(message.value);
        else call.reject(new DesktopCommandError(message.error.code, message.error.message));
      }
    },
    (reason) => {
      closed = reason;
      for (const call of pending.values()) call.reject(new DesktopError('DESKTOP_DISCONNECTED', reason));
      pending.clear();
    },
  );

  const call = (method: keyof DesktopCommands, args: readonly unknown[]): Promise<unknown> => {
    if (closed !== undefined) return Promise.reject(new DesktopError('DESKTOP_DISCONNECTED', closed));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      // JSON has no `undefined`: trailing missing optional arguments are dropped, inner ones become null.
      const trimmed = [...args];
      while (trimmed.length > 0 && trimmed[trimmed.length - 1] === undefined) trimmed.pop();
      port.send({ t: 'call', id, method, args: trimmed.map((a) => (a === undefined ? null : a)) });
    });
  };

  const commands = Object.fromEntries(
    DESKTOP_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)]),
  ) as unknown as DesktopCommands;

  return {
    ...commands,
    onState(listener) {
      listeners.add(listener);
      if (state !== INITIAL_STATE) listener(state);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
