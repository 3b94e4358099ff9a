import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probeSipOverTcp } from './kamailio-process.js';
import { readTestbedInfo, startTestbed, stopTestbed } from './testbed.js';

/** Process ids of every process in a group (ps lists them by pgid). */
function groupMembers(pgid: number): number[] {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,pgid='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter(([, group]) => group === pgid)
    .map(([pid]) => pid ?? 0);
}

describe('testbed start and stop', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) {
      await stopTestbed(dir);
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('starting twice in the same folder leaves exactly one server, answering on fresh ports', async () => {
    const runDir = await mkdtemp(join(tmpdir(), 'simplekit-lifecycle-'));
    dirs.push(runDir);
    const first = await startTestbed({ runDir });
    const second = await startTestbed({ runDir });
    expect(groupMembers(first.pid)).toEqual([]);
    expect(groupMembers(second.pid).length).toBeGreaterThan(1);
    expect(await probeSipOverTcp(second.sip.tcpPort)).toMatch(/^SIP\/2\.0 200/);
    expect((await readTestbedInfo(runDir))?.pid).toBe(second.pid);
    await stopTestbed(runDir);
    expect(groupMembers(second.pid)).toEqual([]);
    expect(await readTestbedInfo(runDir)).toBeUndefined();
    expect(await stopTestbed(runDir)).toBe(false);
  });

  it('stop after a crash of the main process ends the orphaned workers too', async () => {
    const runDir = await mkdtemp(join(tmpdir(), 'simplekit-lifecycle-'));
    dirs.push(runDir);
    const info = await startTestbed({ runDir });
    process.kill(info.pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await stopTestbed(runDir)).toBe(true);
    expect(groupMembers(info.pid)).toEqual([]);
    const again = await startTestbed({ runDir });
    expect(await probeSipOverTcp(again.sip.tcpPort)).toMatch(/^SIP\/2\.0 200/);
  });

  it('a SHA-256 instance challenges with SHA-256', async () => {
    const runDir = await mkdtemp(join(tmpdir(), 'simplekit-lifecycle-'));
    dirs.push(runDir);
    const info = await startTestbed({ runDir, digestAlgorithm: 'SHA-256' });
    expect(info.digestAlgorithm).toBe('SHA-256');
    const response = await fetch(`${info.xcap.root}/xcap-caps/global/index`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('algorithm=SHA-256');
  });
});
