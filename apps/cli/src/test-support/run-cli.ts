import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root and the built binary. */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const binPath = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

function exec(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/**
 * Builds the binary the way the README says (`pnpm --filter @simplekit/cli build`, which builds the packages it
 * depends on first). While a dependency is mid-edit in a shared tree its build can fail; the CLI alone is then
 * compiled against the dependencies' last build so that its own tests still run.
 */
export async function buildCli(): Promise<void> {
  const full = await exec('pnpm', ['--filter', '@simplekit/cli', 'build'], repoRoot);
  if (full.code === 0 && existsSync(binPath)) return;
  const own = await exec('pnpm', ['exec', 'tsc', '-p', 'apps/cli/tsconfig.json'], repoRoot);
  if (own.code !== 0 || !existsSync(binPath)) throw new Error(`cannot build the CLI:\n${full.output}\n${own.output}`);
}

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly input?: string | Uint8Array;
  readonly cwd?: string;
  readonly timeoutMs?: number;
}

function childEnv(env: RunOptions['env']): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8' };
  for (const [k, v] of Object.entries(env ?? {})) if (v !== undefined) base[k] = v;
  return base;
}

/** A running binary: its output so far, a way to wait for a line, and its end. */
export interface RunningCli {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with stdout so far once `pattern` matches it. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves when the process ends (killed with SIGKILL after `timeoutMs`). */
  readonly done: Promise<CliResult>;
}

/** Starts the built binary; the caller owns the process. */
export function startCli(args: readonly string[], options: RunOptions = {}): RunningCli {
  const child = spawn(process.execPath, [binPath, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: childEnv(options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (options.input !== undefined) child.stdin?.end(options.input);
  else child.stdin?.end();
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString('utf8');
    for (const w of [...waiters]) w();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString('utf8');
  });
  const timeoutMs = options.timeoutMs ?? 60_000;
  const done = new Promise<CliResult>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ status: code ?? (signal === null ? 1 : 128), stdout: out, stderr: err });
    });
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    done,
    waitFor(pattern, waitMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!pattern.test(out)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(out);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${pattern} on stdout within ${waitMs} ms\nstdout: ${out}\nstderr: ${err}`));
        }, waitMs);
        waiters.add(check);
        check();
        void done.then(() => {
          if (!waiters.has(check)) return;
          waiters.delete(check);
          clearTimeout(timer);
          reject(new Error(`the CLI ended before ${pattern}\nstdout: ${out}\nstderr: ${err}`));
        });
      });
    },
  };
}

/** Runs the built binary to its end. */
export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  return startCli(args, options).done;
}
