import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountJournalError } from '../errors.js';
import { createFileStorage, createMemoryStorage, type StateFiles } from '../storage/account-storage.js';
import { openJournal } from './journal.js';

const validate = (v: unknown): { op: string } => {
  if (typeof v === 'object' && v !== null && 'op' in v && typeof v.op === 'string') return { op: v.op };
  throw new Error('bad edit');
};

describe('journal', () => {
  let files: StateFiles;
  beforeEach(() => {
    files = createMemoryStorage().stateOf('alice@example.com');
  });

  it('keeps appended edits in order until they are acknowledged', async () => {
    const journal = await openJournal({ files, validate, now: () => 5 });
    const a = await journal.append({ op: 'a' });
    const b = await journal.append({ op: 'b' });
    expect(journal.pending()).toEqual([
      { seq: 1, at: 5, edit: { op: 'a' } },
      { seq: 2, at: 5, edit: { op: 'b' } },
    ]);
    await journal.ack([a.seq]);
    expect(journal.pending().map((e) => e.seq)).toEqual([b.seq]);
  });

  it('replays what is on disk when opened again, and continues the numbering', async () => {
    const first = await openJournal({ files, validate, now: () => 1 });
    await first.append({ op: 'a' });
    await first.append({ op: 'b' });
    await first.ack([1]);
    const second = await openJournal({ files, validate, now: () => 2 });
    expect(second.pending()).toEqual([{ seq: 2, at: 1, edit: { op: 'b' } }]);
    expect((await second.append({ op: 'c' })).seq).toBe(3);
  });

  it('never reuses a sequence number after every entry was acknowledged', async () => {
    const first = await openJournal({ files, validate, now: () => 1 });
    await first.append({ op: 'a' });
    await first.ack([1]);
    const second = await openJournal({ files, validate, now: () => 1 });
    expect((await second.append({ op: 'b' })).seq).toBe(2);
  });

  it('rejects a corrupt journal with a typed error instead of dropping edits', async () => {
    await files.write('journal.json', '{"version":1,"nextSeq":3,"entries":[{"seq":1,"at":1,"edit":{"nope":1}}]}');
    await expect(openJournal({ files, validate, now: () => 1 })).rejects.toMatchObject({
      code: 'ACCOUNT_JOURNAL',
    });
    await files.write('journal.json', 'not json');
    await expect(openJournal({ files, validate, now: () => 1 })).rejects.toBeInstanceOf(AccountJournalError);
  });

  it('does not keep an edit that could not be written, so it is never sent unrecorded', async () => {
    let fail = false;
    const flaky: StateFiles = {
      read: (n) => files.read(n),
      remove: (n) => files.remove(n),
      write: async (n, d) => {
        if (fail) throw new Error('disk full');
        await files.write(n, d);
      },
    };
    const journal = await openJournal({ files: flaky, validate, now: () => 1 });
    await journal.append({ op: 'a' });
    fail = true;
    await expect(journal.append({ op: 'b' })).rejects.toMatchObject({ code: 'ACCOUNT_JOURNAL' });
    expect(journal.pending().map((e) => e.edit.op)).toEqual(['a']);
  });

  it('keeps an acknowledged edit pending while the acknowledgement cannot reach the disk (a read-only disk)', async () => {
    let fail = false;
    const flaky: StateFiles = {
      read: (n) => files.read(n),
      remove: (n) => files.remove(n),
      write: async (n, d) => {
        if (fail) throw Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
        await files.write(n, d);
      },
    };
    const journal = await openJournal({ files: flaky, validate, now: () => 1 });
    await journal.append({ op: 'a' });
    await journal.append({ op: 'b' });
    fail = true;
    await expect(journal.ack([1])).rejects.toMatchObject({ code: 'ACCOUNT_JOURNAL' });
    // Memory and disk agree: both still hold `a`, which a restart would replay.
    expect(journal.pending().map((e) => e.edit.op)).toEqual(['a', 'b']);
    const reopened = await openJournal({ files, validate, now: () => 2 });
    expect(reopened.pending().map((e) => e.edit.op)).toEqual(['a', 'b']);
    fail = false;
    await journal.ack([1]);
    expect(journal.pending().map((e) => e.edit.op)).toEqual(['b']);
    const after = await openJournal({ files, validate, now: () => 3 });
    expect(after.pending().map((e) => e.edit.op)).toEqual(['b']);
  });
});

describe('journal on disk', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'simplekit-journal-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('survives kill -9 of the process right after the journal write', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        fileURLToPath(new URL('../test-support/register-ts-loader.mjs', import.meta.url)),
        fileURLToPath(new URL('../test-support/journal-child.ts', import.meta.url)),
        join(dir, 'config'),
        join(dir, 'state'),
        'carol',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('journaled')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`child exited early (${code}): ${stderr}`)));
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_c, signal) => resolve(signal)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const files = createFileStorage({ config: join(dir, 'config'), state: join(dir, 'state') }).stateOf(
      'alice@example.com',
    );
    const journal = await openJournal({ files, validate: (v) => v, now: () => 2 });
    expect(journal.pending()).toEqual([{ seq: 1, at: 1, edit: { op: 'addContact', label: 'carol' } }]);
    const raw = await readFile(join(dir, 'state', 'accounts', 'alice@example.com', 'journal.json'), 'utf8');
    expect(JSON.parse(raw).entries).toHaveLength(1);
  }, 20_000);
});
