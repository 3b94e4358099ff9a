// Server-side views of a private testbed instance, read through Kamailio's own control socket
// (kamcmd), so fault tests can count what piled up on the server, not only what the client thinks.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function kamcmd(runDir: string, ...args: string[]): Promise<string> {
  try {
    const { stdout } = await run('kamcmd', ['-s', `unix:${join(runDir, 'kamailio.ctl')}`, ...args], {
      timeout: 5_000,
    });
    return stdout;
  } catch (error) {
    // kamcmd exits non-zero with "500 - AOR not found" when there is nothing to show.
    const out = (error as { stdout?: string }).stdout ?? '';
    if (/not found/i.test(out)) return '';
    throw error;
  }
}

/**
 * Contacts the registrar holds for a user right now (usrloc `ul.lookup`). The testbed's usrloc keys records by the
 * user part alone (`use_domain` is off), so pass `alice`, not the AoR.
 */
export async function registeredContacts(runDir: string, username: string): Promise<string[]> {
  const out = await kamcmd(runDir, 'ul.lookup', 'location', username);
  return [...out.matchAll(/Address:\s*(\S+)/g)].map((m) => m[1] ?? '');
}

/** Kills the server's whole process group with SIGKILL: no shutdown handler runs, as in a crash. */
export function killServer(pid: number): void {
  process.kill(-pid, 'SIGKILL');
}
