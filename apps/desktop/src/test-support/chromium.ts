import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Runs a command to its end; rejects with its output when it fails. */
export type RunCommand = (command: string, args: readonly string[]) => Promise<void>;

const APT_ENV = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };

const runCommand: RunCommand = (command, args) =>
  new Promise((resolve, reject) => {
    execFile(command, [...args], { env: APT_ENV, timeout: 15 * 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, _o, e) =>
      error === null ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed: ${e || error.message}`)),
    );
  });

export interface EnsureChromiumOptions {
  readonly run?: RunCommand;
  readonly exists?: (path: string) => boolean;
  /** Whether we may run apt-get ourselves (root), else through `sudo -n`. */
  readonly root?: boolean;
}

/**
 * Makes sure Debian's Chromium is at `path`, installing the `chromium` package with apt-get when it is not (the
 * end-to-end test drives it with playwright-core, whose own browser download is not available here). Refreshes the
 * package lists once if the first install fails. Rejects when it still is not there.
 */
export async function ensureChromium(path: string, options: EnsureChromiumOptions = {}): Promise<void> {
  const exists = options.exists ?? existsSync;
  if (exists(path)) return;
  const run = options.run ?? runCommand;
  const root = options.root ?? process.getuid?.() === 0;
  const apt = (args: readonly string[]) => (root ? run('apt-get', args) : run('sudo', ['-n', 'apt-get', ...args]));
  const install = ['install', '-y', '--no-install-recommends', 'chromium'];
  try {
    await apt(install);
  } catch {
    await apt(['update']);
    await apt(install);
  }
  if (!exists(path)) throw new Error(`apt-get installed chromium, but ${path} is still missing`);
}
