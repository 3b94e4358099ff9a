import type { DesktopApi } from '../bridge/api.js';
import { type BridgePort, createBridgeClient } from '../bridge/client.js';
import { parseHostMessage } from '../bridge/protocol.js';
import { NOTE_ROTATION_MS } from './view/rotation.js';

declare global {
  interface Window {
    /** Set by the Electron preload script; absent in an ordinary browser. */
    readonly simplekit?: DesktopApi;
  }
}

/** What the page's URL fragment carries in `dev:web`: the session token and test knobs. */
export function fragmentSettings(hash: string): { readonly token: string | null; readonly noteRotationMs: number } {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const rotation = Number(params.get('noteRotationMs'));
  return {
    token: params.get('token'),
    noteRotationMs: Number.isInteger(rotation) && rotation >= 100 ? rotation : NOTE_ROTATION_MS,
  };
}

/** The bridge over a WebSocket to the `dev:web` server of this page's origin. */
export function webSocketApi(origin: string, token: string): DesktopApi {
  const url = `${origin.replace(/^http/, 'ws')}/bridge`;
  const socket = new WebSocket(url);
  const queue: string[] = [];
  const port: BridgePort = {
    send(message) {
      const text = JSON.stringify(message);
      if (socket.readyState === WebSocket.OPEN) socket.send(text);
      else queue.push(text);
    },
    listen(onMessage, onClose) {
      socket.addEventListener('open', () => {
        socket.send(JSON.stringify({ t: 'hello', token }));
        for (const text of queue.splice(0)) socket.send(text);
      });
      socket.addEventListener('message', (event) => {
        if (typeof event.data === 'string') onMessage(parseHostMessage(event.data));
      });
      socket.addEventListener('close', (event) => onClose(`bridge closed (${event.code} ${event.reason})`));
    },
  };
  return createBridgeClient(port);
}

/** The API the renderer uses: the preload's in Electron, the WebSocket bridge in a browser. */
export function connectDesktopApi(win: Window): DesktopApi {
  if (win.simplekit !== undefined) return win.simplekit;
  const { token } = fragmentSettings(win.location.hash);
  if (token === null) throw new Error('no bridge: open the address dev:web printed (it carries the token)');
  return webSocketApi(win.location.origin, token);
}
