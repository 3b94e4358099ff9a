import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountStorageError } from '../errors.js';
import { accountFolderName, checkStateName, createFileStorage, createMemoryStorage } from './account-storage.js';
import { writeFileAtomic } from './atomic-file.js';

describe('file storage', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'simplekit-storage-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes accounts.json mode 0600 because it holds passwords, and reads it back', async () => {
    const storage = createFileStorage({ config: join(dir, 'config'), state: join(dir, 'state') });
    expect(await storage.loadAccounts()).toEqual([]);
    await storage.saveAccounts([{ address: 'sip:alice@example.com', password: 's3cret', transport: 'tcp' }]);
    const info = await stat(join(dir, 'config', 'accounts.json'));
    expect(info.mode & 0o777).toBe(0o600);
    expect(await storage.loadAccounts()).toEqual([
      { address: 'sip:alice@example.com', password: 's3cret', transport: 'tcp' },
    ]);
  });

  it('tightens an accounts.json that others can read to 0600', async () => {
    const storage = createFileStorage({ config: dir, state: dir });
    await writeFileAtomic(join(dir, 'accounts.json'), '{"version":1,"accounts":[]}', { mode: 0o644 });
    expect(await storage.loadAccounts()).toEqual([]);
    expect((await stat(join(dir, 'accounts.json'))).mode & 0o777).toBe(0o600);
  });

  it('creates secret state files mode 0600 and others 0644', async () => {
    const files = createFileStorage({ config: join(dir, 'c'), state: join(dir, 's') }).stateOf('bob@example.com');
    await files.write('token', 'x', { secret: true });
    await files.write('xcap/resource-lists.xml', '<x/>');
    const base = join(dir, 's', 'accounts', 'bob@example.com');
    expect((await stat(join(base, 'token'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(base, 'xcap', 'resource-lists.xml'))).mode & 0o777).toBe(0o644);
    expect(new TextDecoder().decode(await files.read('xcap/resource-lists.xml'))).toBe('<x/>');
    await files.remove('token');
    expect(await files.read('token')).toBeUndefined();
  });

  it('leaves no temporary file behind and replaces the content whole', async () => {
    const path = join(dir, 'f.json');
    await writeFileAtomic(path, 'one');
    await writeFileAtomic(path, 'two');
    expect(await readFile(path, 'utf8')).toBe('two');
    expect(await readdir(dir)).toEqual(['f.json']);
  });

  it('rejects a malformed accounts.json with a typed error', async () => {
    const storage = createFileStorage({ config: dir, state: dir });
    await writeFileAtomic(join(dir, 'accounts.json'), '{"version":1,"accounts":[{"address":5}]}');
    await expect(storage.loadAccounts()).rejects.toBeInstanceOf(AccountStorageError);
    await writeFileAtomic(join(dir, 'accounts.json'), '[');
    await expect(storage.loadAccounts()).rejects.toMatchObject({ code: 'ACCOUNT_STORAGE' });
  });
});

describe('state names', () => {
  it('refuses names that would leave the account folder', () => {
    for (const bad of ['../x', 'a/../../b', '/etc/passwd', '', 'a//b', '.hidden']) {
      expect(() => checkStateName(bad)).toThrow(AccountStorageError);
    }
    expect(checkStateName('icons/ab12.png')).toEqual(['icons', 'ab12.png']);
  });

  it('turns an account id into one safe folder name', () => {
    expect(accountFolderName('alice@example.com')).toBe('alice@example.com');
    expect(accountFolderName('a/b@x')).toBe('a%2Fb@x');
    expect(() => accountFolderName('..')).toThrow(AccountStorageError);
  });

  it('memory storage keeps files per account', async () => {
    const storage = createMemoryStorage();
    await storage.stateOf('a').write('x', '1');
    expect(await storage.stateOf('b').read('x')).toBeUndefined();
    expect([...storage.files.keys()]).toEqual(['a/x']);
  });
});
