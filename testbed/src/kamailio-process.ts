import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { TestbedError } from './run-command.js';

export const KAMAILIO_BINARY = process.env.SIMPLEKIT_KAMAILIO ?? '/usr/sbin/kamailio';

/**
 * Starts Kamailio in the foreground of a new session (its own process group), logging to `logFile`. Stopping signals
 * the whole group, so worker processes cannot outlive a crashed main process.
 */
export function spawnKamailio(configFile: string, logFile: string): number {
  const log = openSync(logFile, 'a');
  try {
    const child = spawn(KAMAILIO_BINARY, ['-DD', '-E', '-f', configFile, '-m', '1024', '-M', '64'], {
      detached: true,
      stdio: ['ignore', log, log],
    });
    if (child.pid === undefined) throw new TestbedError('TESTBED_SPAWN_FAILED', `cannot start ${KAMAILIO_BINARY}`);
    child.unref();
    return child.pid;
  } finally {
    closeSync(log);
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

function groupAlive(pgid: number): boolean {
  return signalGroup(pgid, 0);
}

/** Ends every process of the group: SIGTERM, then SIGKILL for whatever is left after `graceMs`. */
export async function stopProcessGroup(pgid: number, graceMs = 3000): Promise<void> {
  if (!signalGroup(pgid, 'SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!groupAlive(pgid)) return;
    await sleep(50);
  }
  signalGroup(pgid, 'SIGKILL');
  while (groupAlive(pgid)) await sleep(20);
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
export async function waitUntilReady(pid: number, sipTcpPort: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) throw new TestbedError('TESTBED_EXITED', 'Kamailio exited during start-up');
    try {
      await probeSipOverTcp(sipTcpPort, 500);
      return;
    } catch (error) {
      lastError = error;
      await sleep(100);
    }
  }
  throw new TestbedError('TESTBED_START_TIMEOUT', `Kamailio did not answer within ${timeoutMs} ms`, {
    cause: lastError,
  });
}
