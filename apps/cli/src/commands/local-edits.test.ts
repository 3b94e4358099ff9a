import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { memoryIo } from '../test-support/memory-io.js';
import { commandTable } from './table.js';

// The commands the testbed tests do not reach, run without a server: `--local` records an edit in the engine's
// journal only, and the next run (`--cached`) shows it, as the engine shows pending edits before it is started.

let home: string;
let env: Record<string, string>;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'simplekit-cli-local-'));
  env = { HOME: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_STATE_HOME: join(home, 'state') };
  const added = await run(['account', 'add', 'sip:alice@example.com', '--xcap-root', 'https://xcap.example.com/x'], {
    SIMPLEKIT_PASSWORD: 's3cret',
  });
  expect(added.status).toBe(0);
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

async function run(argv: string[], extra: Record<string, string> = {}) {
  const io = memoryIo({ env: { ...env, ...extra } });
  const status = await main(argv, io);
  return { status, stdout: io.stdout.text(), stderr: io.stderr.text() };
}

async function ok(argv: string[]): Promise<string> {
  const r = await run(argv);
  expect({ argv, status: r.status, stderr: r.stderr }).toEqual({ argv, status: 0, stderr: '' });
  return r.stdout;
}

interface Book {
  groups: { name: string; contactIds: string[] }[];
  contacts: { id: string; name: string }[];
  policies: { uri: string; presence: { policy: string } }[];
}

const book = async (): Promise<Book> => JSON.parse(await ok(['contacts', 'list', '--cached', '--json'])) as Book;

describe('simplekit commands recorded locally', () => {
  it('answers --help for every command with exit 0 and its usage', async () => {
    for (const command of commandTable()) {
      const r = await run([...command.path, '--help']);
      expect({ path: command.path, status: r.status }).toEqual({ path: command.path, status: 0 });
      expect(r.stdout).toContain(`simplekit ${command.path.join(' ')}`);
    }
  });

  it('sets and switches off the location and the home page', async () => {
    await ok(['location', 'Amsterdam']);
    await ok(['homepage', 'https://alice.example.com/']);
    expect(JSON.parse(await ok(['status', '--json']))).toMatchObject({
      location: 'Amsterdam',
      homepage: 'https://alice.example.com/',
    });
    await ok(['location', '--off']);
    await ok(['homepage', '--off']);
    const own = JSON.parse(await ok(['status', '--json'])) as Record<string, unknown>;
    expect(own.location).toBeUndefined();
    expect(own.homepage).toBeUndefined();
    expect((await run(['location'])).status).toBe(2);
    expect((await run(['homepage', 'not a url'])).status).toBe(2);
  });

  it('clears the icon and the offline status', async () => {
    const png = join(home, 'me.png');
    await writeFile(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    await ok(['icon', 'set', png, '--local']);
    expect(JSON.parse(await ok(['icon', 'clear', '--local', '--json']))).toEqual({ icon: null });
    expect(await ok(['offline-status', 'away', '--note', 'Back on Monday', '--local'])).toBe(
      'while offline, watchers see: away “Back on Monday”\n',
    );
    expect(JSON.parse(await ok(['offline-status', '--clear', '--local', '--json']))).toEqual({ offline: null });
    expect((await run(['offline-status', 'away', '--clear', '--local'])).status).toBe(2);
  });

  it('renames groups, puts contacts in and takes them out, and removes a group', async () => {
    await ok(['contacts', 'add', 'sip:bob@example.com', '--name', 'Bob', '--group', 'Work', '--local']);
    await ok(['contacts', 'add', 'xmpp:carol@jabber.example', '--name', 'Carol', '--local']);
    await ok(['contacts', 'group', 'rename', 'Work', 'Office', '--local']);
    await ok(['contacts', 'group', 'put', 'Office', 'Carol', '--local']);
    const byName = (b: Book, name: string) => b.contacts.find((c) => c.name === name)?.id;
    let now = await book();
    expect(now.groups.map((g) => g.name)).toEqual(['Office']);
    expect(now.groups[0]?.contactIds.sort()).toEqual([byName(now, 'Bob'), byName(now, 'Carol')].sort());
    await ok(['contacts', 'group', 'take', 'Office', 'Bob', '--local']);
    now = await book();
    expect(now.groups[0]?.contactIds).toEqual([byName(now, 'Carol')]);
    await ok(['contacts', 'group', 'remove', 'Office', '--local']);
    now = await book();
    expect(now.groups).toEqual([]);
    expect(now.contacts.map((c) => c.name).sort()).toEqual(['Bob', 'Carol']);
  });

  it('denies a watcher as a polite block and unblocks it', async () => {
    expect(await ok(['watchers', 'deny', 'sip:mallory@example.com', '--local'])).toBe(
      'denied sip:mallory@example.com\n',
    );
    const mallory = () => book().then((b) => b.policies.find((p) => p.uri === 'sip:mallory@example.com'));
    expect((await mallory())?.presence.policy).toBe('block');
    await ok(['watchers', 'unblock', 'sip:mallory@example.com', '--local']);
    expect((await mallory())?.presence.policy).not.toBe('block');
  });
});
