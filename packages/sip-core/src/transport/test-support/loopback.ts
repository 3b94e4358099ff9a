import { createServer, type Server, type Socket } from 'node:net';

/** A raw TCP server on 127.0.0.1 that records what it receives and lets the test write back. */
export interface Loopback {
  readonly port: number;
  readonly sockets: Socket[];
  received(): string;
  nextSocket(): Promise<Socket>;
  close(): Promise<void>;
}

export async function startLoopback(onData?: (socket: Socket, chunk: string) => void): Promise<Loopback> {
  const sockets: Socket[] = [];
  const waiting: ((s: Socket) => void)[] = [];
  let text = '';
  const server: Server = createServer((socket) => {
    sockets.push(socket);
    socket.on('data', (chunk) => {
      text += chunk.toString('utf8');
      onData?.(socket, chunk.toString('utf8'));
    });
    socket.on('error', () => undefined);
    waiting.shift()?.(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    port,
    sockets,
    received: () => text,
    nextSocket: () => new Promise((resolve) => waiting.push(resolve)),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Resolves after pending I/O callbacks and microtasks have run. */
export function tick(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await tick(5);
  }
}
