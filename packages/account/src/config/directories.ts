import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** Where SimpleKit keeps its files: settings (with secrets) and state (caches, journals, history). */
export interface SimplekitDirectories {
  /** `$XDG_CONFIG_HOME/simplekit`, default `~/.config/simplekit`. */
  readonly config: string;
  /** `$XDG_STATE_HOME/simplekit`, default `~/.local/state/simplekit`. */
  readonly state: string;
}

export interface DirectoryEnvironment {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly home?: string;
}

// XDG Base Directory Specification: a relative path in these variables is invalid and must be ignored.
function xdg(env: Readonly<Record<string, string | undefined>>, name: string, fallback: string): string {
  const value = env[name];
  return value !== undefined && value !== '' && isAbsolute(value) ? value : fallback;
}

/** Resolves the XDG directories from the environment (injectable for tests). */
export function simplekitDirectories(options: DirectoryEnvironment = {}): SimplekitDirectories {
  const env = options.env ?? process.env;
  const home = options.home ?? homedir();
  return Object.freeze({
    config: join(xdg(env, 'XDG_CONFIG_HOME', join(home, '.config')), 'simplekit'),
    state: join(xdg(env, 'XDG_STATE_HOME', join(home, '.local', 'state')), 'simplekit'),
  });
}
