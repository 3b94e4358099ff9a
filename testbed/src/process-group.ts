import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { TestbedError } from './run-command.js';

/** Whether a process exists (EPERM: it exists but belongs to someone else). */
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

/**
 * Starts a server in a new session (its own process group, which stopping signals as a whole), appending its output
 * to `logFile`; the caller does not wait for it.
 */
export function spawnDetached(binary: string, args: readonly string[], logFile: string): number {
  const log = openSync(logFile, 'a');
  try {
    const child = spawn(binary, [...args], { detached: true, stdio: ['ignore', log, log] });
    if (child.pid === undefined) throw new TestbedError('TESTBED_SPAWN_FAILED', `cannot start ${binary}`);
    child.unref();
    return child.pid;
  } finally {
    closeSync(log);
  }
}
