import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../frame/io.js';
import { memoryIo } from '../test-support/memory-io.js';
import { readPassword } from './password.js';

function terminalIo(): { io: CliIo; keys: PassThrough; raw: boolean[]; stderr: () => string } {
  const base = memoryIo({ tty: true });
  const keys = new PassThrough();
  const raw: boolean[] = [];
  const stdin = Object.assign(keys, {
    isTTY: true,
    setRawMode: (on: boolean) => {
      raw.push(on);
      return keys;
    },
  });
  return { io: { ...base, stdin }, keys, raw, stderr: () => base.stderr.text() };
}

describe('readPassword', () => {
  it('prompts on a terminal in raw mode without echoing, honouring backspace', async () => {
    const t = terminalIo();
    const pending = readPassword(t.io, { fromStdin: false, label: 'alice@example.com' });
    t.keys.write('se');
    t.keys.write('x\u007fcret\r');
    expect(await pending).toBe('secret');
    expect(t.raw).toEqual([true, false]);
    expect(t.stderr()).toBe('Password for alice@example.com: \n');
  });

  it('is interrupted by Ctrl-C at the prompt', async () => {
    const t = terminalIo();
    const pending = readPassword(t.io, { fromStdin: false, label: 'x' });
    t.keys.write('ab\u0003');
    await expect(pending).rejects.toMatchObject({ code: 'CLI_INTERRUPTED' });
    expect(t.raw).toEqual([true, false]);
  });

  it('prefers --password-stdin, then SIMPLEKIT_PASSWORD', async () => {
    expect(await readPassword(memoryIo({ stdin: 'one\ntwo\n' }), { fromStdin: true, label: 'x' })).toBe('one');
    expect(await readPassword(memoryIo({ env: { SIMPLEKIT_PASSWORD: 'env' } }), { fromStdin: false, label: 'x' })).toBe(
      'env',
    );
  });

  it('refuses an empty password and a missing source as usage errors', async () => {
    await expect(
      readPassword(memoryIo({ env: { SIMPLEKIT_PASSWORD: '' } }), { fromStdin: false, label: 'x' }),
    ).rejects.toMatchObject({
      code: 'CLI_USAGE',
    });
    await expect(readPassword(memoryIo(), { fromStdin: false, label: 'x' })).rejects.toMatchObject({
      code: 'CLI_USAGE',
    });
  });
});
