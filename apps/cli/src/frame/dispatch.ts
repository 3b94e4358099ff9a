import type { CommandSpec } from './command.js';

export type Dispatch =
  | { readonly kind: 'command'; readonly command: CommandSpec; readonly rest: readonly string[] }
  | { readonly kind: 'group'; readonly prefix: readonly string[]; readonly rest: readonly string[] }
  | { readonly kind: 'unknown'; readonly words: readonly string[] };

/**
 * Chooses the command whose path is the longest prefix of the leading words of `argv` (`status history` wins over
 * `status`). Words that only name a group (`account`) select the group, so that its help can be shown.
 */
export function dispatch(commands: readonly CommandSpec[], argv: readonly string[]): Dispatch {
  let best: CommandSpec | undefined;
  for (const command of commands) {
    const matches = command.path.every((word, i) => argv[i] === word);
    if (matches && (best === undefined || command.path.length > best.path.length)) best = command;
  }
  if (best) return { kind: 'command', command: best, rest: argv.slice(best.path.length) };
  const words: string[] = [];
  for (const word of argv) {
    if (word.startsWith('-')) break;
    const prefix = [...words, word];
    if (!commands.some((c) => prefix.every((w, i) => c.path[i] === w))) break;
    words.push(word);
  }
  if (words.length > 0) return { kind: 'group', prefix: words, rest: argv.slice(words.length) };
  return { kind: 'unknown', words: argv.filter((w) => !w.startsWith('-')).slice(0, 2) };
}
