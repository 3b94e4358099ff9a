import type { CliIo } from './io.js';
import type { Progress } from './progress.js';
import type { Style } from './style.js';

/** One option of a command, as `node:util` parseArgs takes it, plus what `--help` says about it. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  readonly description: string;
  /** The placeholder shown in help, e.g. `type` for `--content-type <type>`. */
  readonly valueName?: string;
}

export type OptionValues = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

/** What a running command receives. */
export interface CommandContext {
  readonly io: CliIo;
  readonly options: OptionValues;
  readonly positionals: readonly string[];
  /** `--json` was given: print one JSON document on stdout and nothing else there. */
  readonly json: boolean;
  /** Styling for stdout (colours only on a TTY, never with NO_COLOR). */
  readonly style: Style;
  readonly progress: Progress;
  /** Aborts on SIGINT/SIGTERM: long-running commands stop their engine cleanly when it fires. */
  readonly signal: AbortSignal;
  /** Writes one line to stdout. */
  print(line?: string): void;
  /** Writes a JSON document to stdout. */
  printJson(value: unknown): void;
}

/** An entry of the command table: `path` is the words that select it (`['contacts', 'add']`). */
export interface CommandSpec {
  readonly path: readonly string[];
  readonly summary: string;
  /** Positional part of the usage line, e.g. `[file|-]`. */
  readonly args?: string;
  /** Longer help text shown by `--help`. */
  readonly description?: string;
  readonly options?: Readonly<Record<string, OptionSpec>>;
  /** The command prints data and accepts `--json`. */
  readonly json?: boolean;
  readonly positionals?: { readonly min: number; readonly max: number };
  readonly examples?: readonly string[];
  /** Returns the exit status (0 when nothing is returned). */
  run(context: CommandContext): Promise<number | undefined>;
}

/** Reads a string option. */
export function stringOption(context: CommandContext, name: string): string | undefined {
  const value = context.options[name];
  return typeof value === 'string' ? value : undefined;
}

/** Reads a repeatable string option. */
export function stringsOption(context: CommandContext, name: string): string[] {
  const value = context.options[name];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** Reads a boolean option. */
export function flagOption(context: CommandContext, name: string): boolean {
  return context.options[name] === true;
}
