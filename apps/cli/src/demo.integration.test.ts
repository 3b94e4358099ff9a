import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli, startCli } from './test-support/run-cli.js';

beforeAll(async () => {
  await buildCli();
}, 180_000);

describe('simplekit demo', () => {
  it('plays the scenario end to end, ends by itself and leaves no testbed behind', async () => {
    const demoDirs = async () => (await readdir(tmpdir())).filter((d) => d.startsWith('simplekit-demo-'));
    const before = await demoDirs();
    const r = await runCli(['demo'], { timeoutMs: 170_000 });
    expect(r.stderr).not.toMatch(/simplekit: /);
    expect(r.status).toBe(0);
    for (const step of [
      'alice adds bob',
      'bob allows alice',
      'bob is busy',
      'alice sets an icon',
      'bob blocks alice',
      'done',
    ]) {
      expect(r.stdout).toContain(step);
    }
    // What each side sees, in the order the scenario makes it happen.
    const seen = [
      /bob sees new contact request: sip:alice@/,
      /alice sees ● available {2}Bob/,
      /alice sees ● busy {2}Bob .*“In a meeting until 3”/,
      /bob sees ◐ away {2}Alice .*“Lunch”/,
      /bob sees .*Alice .*\[icon\]/,
      /bob sees blocked: Alice/,
      // Polite block through the RLS: alice's list shows bob offline, without his note, devices or icon.
      /alice sees ○ offline {2}Bob {2}sip:[^\s“]+\n/,
    ];
    let from = 0;
    for (const pattern of seen) {
      const rest = r.stdout.slice(from);
      const match = pattern.exec(rest);
      expect(match, `${pattern} after offset ${from}`).not.toBeNull();
      from += (match?.index ?? 0) + (match?.[0].length ?? 0);
    }
    expect(r.stdout).not.toContain('\u001b[');
    // The temporary folder (testbed databases, certificates, both accounts' files) is gone with the testbed.
    expect((await demoDirs()).filter((d) => !before.includes(d))).toEqual([]);
  }, 180_000);

  it('cleans up after Ctrl-C: the testbed stops and its folder goes', async () => {
    const demoDirs = async () => (await readdir(tmpdir())).filter((d) => d.startsWith('simplekit-demo-'));
    const before = await demoDirs();
    const demo = startCli(['demo'], { timeoutMs: 120_000 });
    await demo.waitFor(/alice and bob sign in/, 90_000);
    demo.child.kill('SIGINT');
    const r = await demo.done;
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^simplekit: CLI_INTERRUPTED: interrupted by SIGINT$/m);
    expect((await demoDirs()).filter((d) => !before.includes(d))).toEqual([]);
  }, 180_000);
});
