import type { Account } from '@simplekit/account';
import type { CommandContext } from '../frame/command.js';
import type { Session, SessionOptions } from './session.js';

/*
 * The engine (and with it XCAP, contacts-model, sip-core) is loaded only by the commands that run it, so that
 * `--help`, usage errors and `decode` start fast. These wrappers have the signatures of `session.ts` and `edit.ts`.
 */

/** `withSession` of `session.ts`, loaded on first use. */
export async function withSession<T>(
  context: CommandContext,
  command: string,
  options: SessionOptions,
  work: (session: Session) => Promise<T>,
): Promise<T> {
  const session = await import('./session.js');
  return session.withSession(context, command, options, work);
}

/** `runEdit` of `edit.ts`, loaded on first use. */
export async function runEdit<T>(
  context: CommandContext,
  command: string,
  edit: (account: Account, session: Session) => Promise<T>,
): Promise<T> {
  const edits = await import('./edit.js');
  return edits.runEdit(context, command, edit);
}

/** The account registry (`accounts.json`), loaded on first use. */
export function loadRegistry(): Promise<typeof import('./registry.js')> {
  return import('./registry.js');
}
