import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli } from './test-support/run-cli.js';

beforeAll(async () => {
  await buildCli();
}, 180_000);

describe('simplekit demo', () => {
  it('plays the scenario end to end, ends by itself and leaves no testbed behind', async () => {
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
    expect(r.stdout).toMatch(/bob sees blocked: Alice/);
    expect(r.stdout).not.toContain('\u001b[');
  }, 180_000);
});
