import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { CliIo } from './io.js';

/** Where the CLI keeps its files (XDG Base Directory Specification). */
export interface CliPaths {
  /** `$XDG_CONFIG_HOME/simplekit`, default `~/.config/simplekit`: settings, with secrets. */
  readonly config: string;
  /** `$XDG_STATE_HOME/simplekit`, default `~/.local/state/simplekit`: caches, journals, traces. */
  readonly state: string;
}

// SEAM: `@simplekit/account` has `simplekitDirectories()` in its tree but does not export it yet; this mirrors its
// rule (relative XDG values are ignored) until it does.
function xdg(env: CliIo['env'], name: string, fallback: string): string {
  const value = env[name];
  return value !== undefined && value !== '' && isAbsolute(value) ? value : fallback;
}

export function cliPaths(env: CliIo['env']): CliPaths {
  const home = env.HOME !== undefined && isAbsolute(env.HOME) ? env.HOME : homedir();
  return {
    config: join(xdg(env, 'XDG_CONFIG_HOME', join(home, '.config')), 'simplekit'),
    state: join(xdg(env, 'XDG_STATE_HOME', join(home, '.local', 'state')), 'simplekit'),
  };
}
