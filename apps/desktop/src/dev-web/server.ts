import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { DesktopError } from '../bridge/errors.js';
import { type HostMessage, parseClientMessage, sameToken } from '../bridge/protocol.js';
import { contentSecurityPolicy } from '../host/csp.js';
import type { DesktopHost } from '../host/desktop-host.js';
import { readStatic } from './static-files.js';

export interface DevWebServerOptions {
  readonly host: DesktopHost;
  /** The built renderer (`vite build` output). */
  readonly rendererDir: string;
  /** Port on 127.0.0.1; 0 picks a free one. */
  readonly port?: number;
  /** The session token; a random 32-byte one by default. */
  readonly token?: string;
}

export interface DevWebServer {
  /** `http://127.0.0.1:<port>/#token=…`: open it in a browser. The token sits in the fragment, never sent. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  close(): Promise<void>;
}

const HELLO_TIMEOUT_MS = 5000;

/**
 * `dev:web`: serves the renderer and the bridge to an ordinary browser on loopback. The WebSocket at `/bridge`
 * accepts only a page of this origin, and only after a `hello` with the session token; until then nothing is sent.
 */
export async function startDevWebServer(options: DevWebServerOptions): Promise<DevWebServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const csp = contentSecurityPolicy('self');
  let origin = '';

  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    void readStatic(options.rendererDir, req.url ?? '/').then((file) => {
      if (file === undefined) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res
        .writeHead(200, {
          'content-type': file.type,
          'content-security-policy': csp,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
        })
        .end(req.method === 'HEAD' ? undefined : file.body);
    });
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 2 * 1024 * 1024,
  });
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    // Browsers always send Origin on WebSocket handshakes: a page of another site cannot reach the bridge.
    if (req.url !== '/bridge' || req.headers.origin !== origin) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws) => {
    let authorised = false;
    let off = () => {};
    const send = (message: HostMessage) => ws.send(JSON.stringify(message));
    const helloTimer = setTimeout(() => ws.close(4401, 'no hello'), HELLO_TIMEOUT_MS);
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        ws.close(4400, 'binary frames are not part of the bridge');
        return;
      }
      let message: ReturnType<typeof parseClientMessage>;
      try {
        message = parseClientMessage(data.toString());
      } catch (error) {
        ws.close(4400, error instanceof DesktopError ? error.message.slice(0, 100) : 'bad message');
        return;
      }
      if (message.t === 'hello') {
        if (authorised || !sameToken(message.token, token)) {
          ws.close(4401, 'unauthorised');
          return;
        }
        authorised = true;
        clearTimeout(helloTimer);
        send({ t: 'welcome' });
        send({ t: 'state', state: options.host.getState() });
        off = options.host.onState((state) => send({ t: 'state', state }));
        return;
      }
      if (!authorised) {
        ws.close(4401, 'unauthorised');
        return;
      }
      const { id } = message;
      void options.host.call(message.method, message.args).then((outcome) => {
        if (ws.readyState === ws.OPEN) send({ t: 'result', id, ...outcome });
      });
    });
    ws.on('close', () => {
      clearTimeout(helloTimer);
      off();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
