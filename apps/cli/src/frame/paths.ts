import { simplekitDirectories } from '@simplekit/account';
import type { CliIo } from './io.js';

/** Where the CLI keeps its files: the engine's XDG directories (`@simplekit/account`'s `simplekitDirectories`). */
export interface CliPaths {
  /** `$XDG_CONFIG_HOME/simplekit`, default `~/.config/simplekit`: settings, with secrets. */
  readonly config: string;
  /** `$XDG_STATE_HOME/simplekit`, default `~/.local/state/simplekit`: caches, journals, traces. */
  readonly state: string;
}

export function cliPaths(env: CliIo['env']): CliPaths {
  const home = env.HOME;
  return simplekitDirectories({ env, ...(home !== undefined && home !== '' ? { home } : {}) });
}
