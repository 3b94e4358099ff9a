import { createFileStorage, createNodeHostInfo, simplekitDirectories } from '@simplekit/account';
import { createDesktopHost, type DesktopHost, type DesktopHostOptions } from './desktop-host.js';
import { loadFileTraceSink, sipFactory } from './sip-user-agents.js';

export const DESKTOP_USER_AGENT = 'SimpleKit-Desktop/0.0';

/**
 * The host as the Electron main process and `dev:web` run it: accounts and state under the XDG folders (the same
 * files the CLI uses), sip-core's user agent through the engine, and sip-core's redacting trace sink when loadable.
 */
export async function createNodeDesktopHost(
  shell: Pick<DesktopHostOptions, 'openExternal' | 'openPath'> & {
    readonly idleSeconds?: () => number | undefined;
    readonly env?: NodeJS.ProcessEnv;
  },
): Promise<DesktopHost> {
  const dirs = simplekitDirectories(shell.env === undefined ? {} : { env: shell.env });
  const fileSink = await loadFileTraceSink();
  return createDesktopHost({
    storage: createFileStorage(dirs),
    hostInfo: createNodeHostInfo({
      userAgent: DESKTOP_USER_AGENT,
      ...(shell.idleSeconds === undefined ? {} : { idleSeconds: shell.idleSeconds }),
    }),
    stateDir: dirs.state,
    sip: sipFactory(),
    traceWriter: (path) => fileSink({ path }),
    openExternal: shell.openExternal,
    openPath: shell.openPath,
  });
}
