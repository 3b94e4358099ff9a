import { createServer, type Server } from 'node:net';

function listenOnAnyPort(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('no TCP address for the probe socket'));
        return;
      }
      resolve(address.port);
    });
  });
}

/**
 * Picks `count` distinct free TCP ports on 127.0.0.1 by holding them all open at once, then releasing them just
 * before the server binds. Another process could take one in between; the caller retries start-up on a bind error.
 */
export async function findFreePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  try {
    return await Promise.all(servers.map(listenOnAnyPort));
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}
