import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { memoryIo } from '../test-support/memory-io.js';

let home: string;
let env: Record<string, string>;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'simplekit-cli-account-'));
  env = { HOME: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_STATE_HOME: join(home, 'state') };
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

async function run(argv: string[], extra: Record<string, string> = {}, stdin?: string) {
  const io = memoryIo({ env: { ...env, ...extra }, ...(stdin === undefined ? {} : { stdin }) });
  const status = await main(argv, io);
  return { status, stdout: io.stdout.text(), stderr: io.stderr.text() };
}

describe('simplekit account', () => {
  it('adds an account with the password from SIMPLEKIT_PASSWORD and stores it 0600 under XDG_CONFIG_HOME', async () => {
    const r = await run(
      ['account', 'add', 'sip:alice@example.com', '--transport', 'tcp', '--proxy', '127.0.0.1:5060', '-n', 'Alice'],
      { SIMPLEKIT_PASSWORD: 's3cret' },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('added account alice@example.com\n');
    const file = join(env.XDG_CONFIG_HOME ?? '', 'simplekit', 'accounts.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).toContain('s3cret');
  });

  it('reads the password from stdin with --password-stdin', async () => {
    const r = await run(['account', 'add', 'sip:bob@example.com', '--password-stdin', '--json'], {}, 'pw-from-stdin\n');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      id: 'bob@example.com',
      address: 'sip:bob@example.com',
      password: 'stored',
    });
  });

  it('refuses to add without a password source when stdin is no terminal', async () => {
    const r = await run(['account', 'add', 'sip:bob@example.com']);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toContain('SIMPLEKIT_PASSWORD');
  });

  it('refuses a bad address with the engine config error, before asking for a password', async () => {
    const r = await run(['account', 'add', 'alice'], { SIMPLEKIT_PASSWORD: 'x' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^simplekit: ACCOUNT_CONFIG: address: /);
  });

  it('refuses a duplicate account', async () => {
    await run(['account', 'add', 'sip:alice@example.com'], { SIMPLEKIT_PASSWORD: 'x' });
    const r = await run(['account', 'add', 'sip:alice@example.com'], { SIMPLEKIT_PASSWORD: 'y' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^simplekit: CLI_EXISTS: /);
  });

  it('lists, shows (without the password) and removes accounts', async () => {
    await run(['account', 'add', 'sip:alice@example.com', '--xcap-root', 'http://127.0.0.1:1/xcap-root/'], {
      SIMPLEKIT_PASSWORD: 'x',
    });
    await run(['account', 'add', 'sip:bob@example.com', '--no-xcap'], { SIMPLEKIT_PASSWORD: 'y' });
    const list = await run(['account', 'list', '--json']);
    const accounts = JSON.parse(list.stdout) as { id: string }[];
    expect(accounts.map((a) => a.id)).toEqual(['alice@example.com', 'bob@example.com']);
    const show = await run(['account', 'show', 'sip:bob@example.com', '--json']);
    expect(JSON.parse(show.stdout)).toMatchObject({
      id: 'bob@example.com',
      switches: { xcapStorage: false },
      password: 'stored',
    });
    expect(show.stdout).not.toContain('"y"');
    expect((await run(['account', 'remove', 'alice@example.com'])).status).toBe(0);
    const after = JSON.parse((await run(['account', 'list', '--json'])).stdout) as { id: string }[];
    expect(after.map((a) => a.id)).toEqual(['bob@example.com']);
  });

  it('fails with CLI_NOT_FOUND for an unknown account', async () => {
    const r = await run(['account', 'show', 'nobody@example.com']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^simplekit: CLI_NOT_FOUND: /);
  });
});
