import type { Account } from '@simplekit/account';
import { type CommandContext, flagOption } from '../frame/command.js';
import { CliError } from '../frame/errors.js';
import { type Session, withSession } from './session.js';

/**
 * Runs an edit the way every storage-changing command does: the engine records it in its journal (so nothing is
 * lost), then — unless `--local` — starts, stores it on the XCAP server and stops. A server that refuses or cannot
 * be reached is a failure (exit 1), and the journal keeps the edit for the next run.
 */
export async function runEdit<T>(
  context: CommandContext,
  command: string,
  edit: (account: Account, session: Session) => Promise<T>,
): Promise<T> {
  const local = flagOption(context, 'local');
  return withSession(context, command, { online: !local, sip: false }, async (session) => {
    const result = await edit(session.account, session);
    if (!local) {
      await context.progress.run('storing on the server', () => session.account.settled());
      const storage = session.snapshot().health.storage;
      if (storage.state === 'failed') {
        throw new CliError(
          'CLI_NOT_STORED',
          `recorded locally, but the server could not store it (${storage.reason ?? 'failed'}); it is retried next time`,
        );
      }
    }
    return result;
  });
}
