import type { CommandSpec } from '../frame/command.js';
import { accountCommands } from './account.js';
import { decodeCommand } from './decode.js';

/** Every command of `simplekit`, in the order `--help` lists them. */
export function commandTable(): readonly CommandSpec[] {
  return [...accountCommands, decodeCommand];
}
