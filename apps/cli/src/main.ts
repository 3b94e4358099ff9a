import { parseArgs } from 'node:util';
import { commandTable } from './commands/table.js';
import type { CommandContext, CommandSpec, OptionValues } from './frame/command.js';
import { dispatch } from './frame/dispatch.js';
import { CliUsageError, describeError, EXIT_OK, EXIT_USAGE, exitCodeOf } from './frame/errors.js';
import { commandHelp, groupHelp, optionsOf, PROGRAM, usageLine } from './frame/help.js';
import type { CliIo } from './frame/io.js';
import { createProgress } from './frame/progress.js';
import { colourEnabled, createStyle } from './frame/style.js';
import { cliVersion } from './version.js';

/** Options that may also come before the command (`simplekit -a alice@example.com watch`). */
const LEADING_WITH_VALUE = new Set(['-a', '--account', '--timeout']);
const LEADING_FLAGS = new Set(['--json']);

/** Moves options given before the command word to after it, where the command's parser reads them. */
export function hoistLeadingOptions(argv: readonly string[]): readonly string[] {
  const leading: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const word = argv[i] ?? '';
    const name = word.split('=')[0] ?? '';
    if (LEADING_FLAGS.has(word) || (word.startsWith('--') && word.includes('=') && LEADING_WITH_VALUE.has(name))) {
      leading.push(word);
      i += 1;
    } else if (LEADING_WITH_VALUE.has(word) && i + 1 < argv.length) {
      leading.push(word, argv[i + 1] ?? '');
      i += 2;
    } else break;
  }
  return leading.length === 0 ? argv : [...argv.slice(i), ...leading];
}

function parseCommandLine(command: CommandSpec, rest: readonly string[]) {
  const options = Object.fromEntries(
    Object.entries(optionsOf(command)).map(([name, spec]) => [
      name,
      { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) },
    ]),
  );
  try {
    return parseArgs({ args: [...rest], options, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for unknown options and missing values.
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new CliUsageError(message ?? 'invalid arguments', command.path.join(' '));
  }
}

function checkPositionals(command: CommandSpec, positionals: readonly string[]): void {
  const { min, max } = command.positionals ?? { min: 0, max: 0 };
  const name = command.path.join(' ');
  if (positionals.length < min) throw new CliUsageError(`${name}: missing argument`, name);
  if (positionals.length > max) {
    throw new CliUsageError(`${name}: unexpected argument ${JSON.stringify(positionals[max])}`, name);
  }
}

function reportError(io: CliIo, error: unknown, commands: readonly CommandSpec[]): number {
  const style = createStyle(colourEnabled(io.stderr, io.env));
  io.stderr.write(`${PROGRAM}: ${style.red(describeError(error))}\n`);
  if (error instanceof CliUsageError) {
    const command = commands.find((c) => c.path.join(' ') === error.command);
    const hint = command ? `usage: ${usageLine(command)}` : `run \`${PROGRAM} --help\` for the commands`;
    io.stderr.write(`${hint}\n`);
  }
  if (io.env.SIMPLEKIT_DEBUG === '1') {
    let current: unknown = error;
    while (current instanceof Error) {
      io.stderr.write(`${current.stack ?? current.message}\n`);
      current = current.cause;
      if (current !== undefined) io.stderr.write('caused by: ');
    }
  }
  return exitCodeOf(error);
}

/**
 * Runs the CLI: parses `argv` (without `node` and the script), runs one command, and resolves to the exit status
 * (0 ok, 1 failure, 2 usage). Never throws; errors are printed as one line on stderr.
 */
export async function main(
  givenArgv: readonly string[],
  io: CliIo,
  commands: readonly CommandSpec[] = commandTable(),
): Promise<number> {
  const version = cliVersion();
  const argv = hoistLeadingOptions(givenArgv);
  const controller = new AbortController();
  const unsubscribe = io.onSignal((signal) => {
    if (!controller.signal.aborted) controller.abort(signal);
  });
  try {
    if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
      io.stdout.write(`${version}\n`);
      return EXIT_OK;
    }
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      const stream = argv.length === 0 ? io.stderr : io.stdout;
      stream.write(groupHelp(commands, [], version));
      return argv.length === 0 ? EXIT_USAGE : EXIT_OK;
    }
    const chosen = dispatch(commands, argv);
    if (chosen.kind === 'unknown') {
      throw new CliUsageError(`unknown command ${JSON.stringify(chosen.words.join(' ') || argv[0])}`);
    }
    if (chosen.kind === 'group') {
      const wantsHelp = chosen.rest.length === 0 || chosen.rest[0] === '--help' || chosen.rest[0] === '-h';
      if (wantsHelp && chosen.rest.length > 0) {
        io.stdout.write(groupHelp(commands, chosen.prefix, version));
        return EXIT_OK;
      }
      if (chosen.rest.length === 0) {
        io.stderr.write(groupHelp(commands, chosen.prefix, version));
        return EXIT_USAGE;
      }
      throw new CliUsageError(`unknown command ${JSON.stringify([...chosen.prefix, chosen.rest[0]].join(' '))}`);
    }
    const { command, rest } = chosen;
    const parsed = parseCommandLine(command, rest);
    const values: OptionValues = parsed.values;
    if (values.help === true) {
      io.stdout.write(commandHelp(command));
      return EXIT_OK;
    }
    checkPositionals(command, parsed.positionals);
    const style = createStyle(colourEnabled(io.stdout, io.env));
    const context: CommandContext = {
      io,
      options: values,
      positionals: parsed.positionals,
      json: values.json === true,
      style,
      progress: createProgress({
        stream: io.stderr,
        signal: controller.signal,
        silent: values.json === true && !io.stderr.isTTY,
      }),
      signal: controller.signal,
      print: (line = '') => io.stdout.write(`${line}\n`),
      printJson: (value) => io.stdout.write(`${JSON.stringify(value, jsonReplacer, 2)}\n`),
    };
    return (await command.run(context)) ?? EXIT_OK;
  } catch (error) {
    return reportError(io, error, commands);
  } finally {
    unsubscribe();
  }
}

/** JSON for values the packages return: bytes as base64, Maps as objects, bigints as strings. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return { base64: Buffer.from(value).toString('base64') };
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  if (typeof value === 'bigint') return value.toString();
  return value;
}
