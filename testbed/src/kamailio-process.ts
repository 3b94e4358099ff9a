import { connect } from 'node:net';
import { spawnDetached } from './process-group.js';
import { TestbedError } from './run-command.js';
import { waitUntilAnswering } from './wait-ready.js';

export const KAMAILIO_BINARY = process.env.SIMPLEKIT_KAMAILIO ?? '/usr/sbin/kamailio';

/**
 * Starts Kamailio in the foreground of a new session (its own process group), logging to `logFile`. Stopping signals
 * the whole group, so worker processes cannot outlive a crashed main process.
 */
export function spawnKamailio(configFile: string, logFile: string): number {
  return spawnDetached(KAMAILIO_BINARY, ['-DD', '-E', '-f', configFile, '-m', '1024', '-M', '64'], logFile);
}

/** Sends one OPTIONS on a fresh TCP connection and resolves with the status line of the answer. */
export function probeSipOverTcp(port: number, timeoutMs = 1000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new TestbedError('TESTBED_PROBE_TIMEOUT', `no SIP answer on 127.0.0.1:${port}`));
    }, timeoutMs);
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('connect', () => {
      const { port: localPort } = socket.address() as { port: number };
      const branch = `z9hG4bK-probe-${Date.now().toString(36)}`;
      socket.write(
        [
          `OPTIONS sip:127.0.0.1:${port};transport=tcp SIP/2.0`,
          `Via: SIP/2.0/TCP 127.0.0.1:${localPort};branch=${branch}`,
          'Max-Forwards: 70',
          `From: <sip:probe@127.0.0.1>;tag=${branch}`,
          `To: <sip:127.0.0.1:${port}>`,
          `Call-ID: ${branch}@127.0.0.1`,
          'CSeq: 1 OPTIONS',
          'Content-Length: 0',
          '',
          '',
        ].join('\r\n'),
      );
    });
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const end = received.indexOf('\r\n');
      if (end >= 0) {
        clearTimeout(timer);
        socket.destroy();
        resolve(received.slice(0, end));
      }
    });
  });
}

/** Waits until the SIP listener answers, or the process dies, or time runs out. */
export function waitUntilReady(pid: number, sipTcpPort: number, timeoutMs: number): Promise<void> {
  return waitUntilAnswering(pid, () => probeSipOverTcp(sipTcpPort, 500), { name: 'Kamailio', timeoutMs });
}
