import { describe, expect, it } from 'vitest';
import type { CommandSpec } from './frame/command.js';
import { CliInputError } from './frame/errors.js';
import { main } from './main.js';
import { memoryIo } from './test-support/memory-io.js';

const echo: CommandSpec = {
  path: ['echo'],
  summary: 'Prints its arguments',
  args: '<word>…',
  json: true,
  options: { upper: { type: 'boolean', short: 'u', description: 'in capitals' } },
  positionals: { min: 1, max: 3 },
  async run(context) {
    const words = context.positionals.map((w) => (context.options.upper === true ? w.toUpperCase() : w));
    if (context.json) context.printJson({ words });
    else context.print(context.style.bold(words.join(' ')));
    return 0;
  },
};

const failing: CommandSpec = {
  path: ['group', 'fail'],
  summary: 'Fails with a typed error',
  async run() {
    throw new CliInputError('CLI_DECODE', 'broken\ninput');
  },
};

const crashing: CommandSpec = {
  path: ['group', 'crash'],
  summary: 'Throws a plain error',
  async run() {
    throw new TypeError('boom');
  },
};

const waiting: CommandSpec = {
  path: ['wait'],
  summary: 'Waits on the "network" until interrupted',
  async run(context) {
    await context.progress.run('waiting for the server', () => new Promise(() => {}));
    return 0;
  },
};

const commands = [echo, failing, crashing, waiting];

async function run(argv: string[], options: Parameters<typeof memoryIo>[0] = {}) {
  const io = memoryIo(options);
  const status = await main(argv, io, commands);
  return { status, stdout: io.stdout.text(), stderr: io.stderr.text(), io };
}

describe('main', () => {
  it('prints the command list with --help and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('echo');
    expect(r.stdout).toContain('group fail');
  });

  it('prints the command list on stderr and exits 2 without arguments', async () => {
    const r = await run([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: simplekit <command>');
  });

  it('exits 2 with a one-line error for an unknown command', async () => {
    const r = await run(['nope']);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('simplekit: CLI_USAGE: unknown command "nope"');
  });

  it('exits 2 for an unknown option and shows the usage line', async () => {
    const r = await run(['echo', '--loud', 'x']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^simplekit: CLI_USAGE: .*--loud/);
    expect(r.stderr).toContain('usage: simplekit echo [options] <word>…');
  });

  it('exits 2 when a required argument is missing or one too many is given', async () => {
    expect((await run(['echo'])).status).toBe(2);
    expect((await run(['echo', 'a', 'b', 'c', 'd'])).stderr).toContain('unexpected argument "d"');
  });

  it('shows per-command help with its options and --json', async () => {
    const r = await run(['echo', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: simplekit echo [options] <word>…');
    expect(r.stdout).toContain('-u, --upper');
    expect(r.stdout).toContain('--json');
  });

  it('shows a group help for a group word with --help, and exits 2 for a group word alone', async () => {
    const help = await run(['group', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('group crash');
    expect((await run(['group'])).status).toBe(2);
    const unknown = await run(['group', 'explode']);
    expect(unknown.stderr).toContain('unknown command "group explode"');
  });

  it('refuses --json on a command that prints no data', async () => {
    expect((await run(['group', 'fail', '--json'])).status).toBe(2);
  });

  it('runs a command with its options and positionals', async () => {
    const r = await run(['echo', '-u', 'hello', 'there']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('HELLO THERE\n');
  });

  it('prints JSON with --json', async () => {
    const r = await run(['echo', '--json', 'a']);
    expect(JSON.parse(r.stdout)).toEqual({ words: ['a'] });
  });

  it('prints a typed error as one line with its code and exits 1', async () => {
    const r = await run(['group', 'fail']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('simplekit: CLI_DECODE: broken input\n');
  });

  it('never prints a stack trace unless SIMPLEKIT_DEBUG=1', async () => {
    const plain = await run(['group', 'crash']);
    expect(plain.status).toBe(1);
    expect(plain.stderr).toBe('simplekit: TypeError: boom\n');
    const debug = await run(['group', 'crash'], { env: { SIMPLEKIT_DEBUG: '1' } });
    expect(debug.stderr).toContain('at ');
  });

  it('colours only on a terminal and never with NO_COLOR', async () => {
    expect((await run(['echo', 'x'], { tty: true, env: {} })).stdout).toBe('\u001b[1mx\u001b[22m\n');
    expect((await run(['echo', 'x'], { tty: true, env: { NO_COLOR: '1' } })).stdout).toBe('x\n');
    expect((await run(['echo', 'x'], { tty: false, env: {} })).stdout).toBe('x\n');
  });

  it('shows progress on stderr and ends a waiting command on SIGINT with exit 1', async () => {
    const io = memoryIo();
    const pending = main(['wait'], io, commands);
    await new Promise((r) => setTimeout(r, 20));
    io.signal('SIGINT');
    expect(await pending).toBe(1);
    expect(io.stderr.text()).toBe('waiting for the server…\nsimplekit: CLI_INTERRUPTED: interrupted by SIGINT\n');
    expect(io.stdout.text()).toBe('');
  });

  it('draws a spinner on a terminal and erases it', async () => {
    const io = memoryIo({ tty: true, env: {} });
    const pending = main(['wait'], io, commands);
    await new Promise((r) => setTimeout(r, 20));
    io.signal('SIGTERM');
    expect(await pending).toBe(1);
    expect(io.stderr.text()).toContain('waiting for the server');
    expect(io.stderr.text()).toContain('\r\u001b[2K');
  });

  it('accepts --json and --account before the command word', async () => {
    const r = await run(['--json', 'echo', 'a']);
    expect(JSON.parse(r.stdout)).toEqual({ words: ['a'] });
    const moved = await run(['-a', 'x', 'echo', 'a']);
    expect(moved.status).toBe(2);
    expect(moved.stderr).toMatch(/^simplekit: CLI_USAGE: Unknown option '-a'/);
  });

  it('prints the version', async () => {
    expect((await run(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});
