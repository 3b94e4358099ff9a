import type { CommandSpec } from '../frame/command.js';
import { accountCommands } from './account.js';
import { contactsCommands } from './contacts.js';
import { decodeCommand } from './decode.js';
import { demoCommand } from './demo.js';
import { infoCommand } from './info.js';
import { presenceCommands } from './presence.js';
import { traceCommand } from './trace.js';
import { watchCommand } from './watch.js';
import { watchersCommands } from './watchers.js';

/** Every command of `simplekit`, in the order `--help` lists them. */
export function commandTable(): readonly CommandSpec[] {
  return [
    ...accountCommands,
    ...presenceCommands,
    ...contactsCommands,
    ...watchersCommands,
    watchCommand,
    infoCommand,
    traceCommand,
    decodeCommand,
    demoCommand,
  ];
}
