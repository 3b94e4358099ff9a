// A loopback TCP proxy that tests own, placed between a SIP client and the testbed to inject network faults:
// dropped connections, stalls, delays, messages cut mid-way, refused connects.
//
// It also behaves like a NAT with a SIP ALG: the client writes its own `127.0.0.1:<port>` into Via and Contact, and
// the testbed's Kamailio sends in-dialog NOTIFYs to the Contact's address, looking for a TCP connection from that
// address; behind the proxy the server's connection comes from the proxy's port instead. So `127.0.0.1:<client
// port>` is rewritten to `127.0.0.1:<proxy's upstream port>` towards the server and back towards the client (both
// ephemeral ports have five digits, so lengths and Content-Length stay right). This is the job a NAT-aware server
// does with fix_nated_contact or RFC 5626 flow tokens; the testbed does neither (see testbed/README.md).
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { AddressRewriter } from './address-rewriter.js';

export interface FaultyProxy {
  readonly port: number;
  /** Connections accepted so far (each client connect counts once). */
  readonly accepted: number;
  /** Connections currently open. */
  readonly open: number;
  /** Closes every open connection at once, both sides, with a RST (a crashed NAT, a pulled cable). */
  dropAll(): void;
  /** While stalled, bytes are held in both directions (a black-holed path); `false` releases them. */
  stall(on: boolean): void;
  /** Delays every chunk by `ms` in both directions (0 = none). */
  delay(ms: number): void;
  /**
   * The next chunk the server sends is forwarded only up to half, then both sides are closed: a message cut
   * mid-way by a dying connection.
   */
  cutNextFromServer(): void;
  /** While refusing, new connections are closed as soon as they are accepted. */
  refuse(on: boolean): void;
  close(): Promise<void>;
}

interface Pair {
  readonly client: Socket;
  readonly server: Socket;
}

export async function startFaultyProxy(target: { host: string; port: number }): Promise<FaultyProxy> {
  const pairs = new Set<Pair>();
  let accepted = 0;
  let stalled = false;
  let delayMs = 0;
  let cutNext = false;
  let refusing = false;
  const held: (() => void)[] = [];

  function forward(send: () => void): void {
    const go = (): void => {
      if (delayMs > 0) setTimeout(send, delayMs);
      else send();
    };
    if (stalled) held.push(go);
    else go();
  }

  function destroy(pair: Pair): void {
    pair.client.resetAndDestroy();
    pair.server.resetAndDestroy();
    pairs.delete(pair);
  }

  const proxy: Server = createServer((client) => {
    accepted += 1;
    client.on('error', () => undefined);
    if (refusing) {
      client.resetAndDestroy();
      return;
    }
    const server = createConnection({ host: target.host, port: target.port });
    server.on('error', () => undefined);
    const pair: Pair = { client, server };
    pairs.add(pair);
    client.pause();
    let up: AddressRewriter | undefined;
    let down: AddressRewriter | undefined;
    server.once('connect', () => {
      up = new AddressRewriter(`127.0.0.1:${client.remotePort}`, `127.0.0.1:${server.localPort}`);
      down = new AddressRewriter(`127.0.0.1:${server.localPort}`, `127.0.0.1:${client.remotePort}`);
      client.resume();
    });
    // Preserve order: chunks are queued per direction and written in sequence even when delayed.
    client.on('data', (raw: Buffer) => {
      const chunk = up?.push(raw) ?? raw;
      forward(() => server.destroyed || server.write(chunk));
    });
    server.on('data', (raw: Buffer) => {
      const chunk = down?.push(raw) ?? raw;
      if (cutNext) {
        cutNext = false;
        const half = chunk.subarray(0, Math.max(1, Math.floor(chunk.length / 2)));
        forward(() => {
          if (!client.destroyed) client.write(half, () => destroy(pair));
        });
        return;
      }
      forward(() => client.destroyed || client.write(chunk));
    });
    const end = (): void => {
      // One side went away: take the other down too, as a real path loss would.
      forward(() => destroy(pair));
    };
    client.on('close', end);
    server.on('close', end);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const address = proxy.address();
  if (typeof address !== 'object' || address === null) throw new Error('proxy has no address');

  return {
    port: address.port,
    get accepted() {
      return accepted;
    },
    get open() {
      return pairs.size;
    },
    dropAll() {
      for (const pair of [...pairs]) destroy(pair);
    },
    stall(on) {
      stalled = on;
      if (!on) for (const release of held.splice(0)) release();
    },
    delay(ms) {
      delayMs = ms;
    },
    cutNextFromServer() {
      cutNext = true;
    },
    refuse(on) {
      refusing = on;
    },
    close() {
      for (const pair of [...pairs]) destroy(pair);
      held.length = 0;
      return new Promise((resolve) => proxy.close(() => resolve()));
    },
  };
}
