import type { CommandSpec, OptionSpec } from './command.js';

export const PROGRAM = 'simplekit';

const COMMON_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

const JSON_OPTION: OptionSpec = { type: 'boolean', description: 'print JSON instead of text' };

/** Every option a command accepts, including `--help` and (when it prints data) `--json`. */
export function optionsOf(command: CommandSpec): Record<string, OptionSpec> {
  return { ...COMMON_OPTIONS, ...(command.json ? { json: JSON_OPTION } : {}), ...command.options };
}

export function usageLine(command: CommandSpec): string {
  const opts = Object.keys(optionsOf(command)).length > 1 ? ' [options]' : '';
  return `${PROGRAM} ${command.path.join(' ')}${opts}${command.args ? ` ${command.args}` : ''}`;
}

function optionLabel(name: string, spec: OptionSpec): string {
  const short = spec.short ? `-${spec.short}, ` : '    ';
  const value = spec.type === 'string' ? ` <${spec.valueName ?? 'value'}>` : '';
  return `${short}--${name}${value}`;
}

/** The `--help` text of one command. */
export function commandHelp(command: CommandSpec): string {
  const lines = [`Usage: ${usageLine(command)}`, '', command.summary];
  if (command.description) lines.push('', command.description);
  const options = Object.entries(optionsOf(command));
  const labels = options.map(([name, spec]) => optionLabel(name, spec));
  const width = Math.max(...labels.map((l) => l.length));
  lines.push('', 'Options:');
  options.forEach(([, spec], i) => {
    lines.push(`  ${(labels[i] ?? '').padEnd(width)}  ${spec.description}`);
  });
  if (command.examples && command.examples.length > 0) {
    lines.push('', 'Examples:', ...command.examples.map((e) => `  ${e}`));
  }
  return `${lines.join('\n')}\n`;
}

/** The help of a command group (`simplekit account`) or of the whole program (prefix `[]`). */
export function groupHelp(commands: readonly CommandSpec[], prefix: readonly string[], version: string): string {
  const chosen = commands.filter((c) => prefix.every((word, i) => c.path[i] === word));
  const names = chosen.map((c) => c.path.join(' '));
  const width = Math.max(...names.map((n) => n.length));
  const head =
    prefix.length === 0
      ? [
          `${PROGRAM} ${version} — a SIP SIMPLE presence client in the terminal`,
          '',
          `Usage: ${PROGRAM} <command> [options]`,
        ]
      : [`Usage: ${PROGRAM} ${prefix.join(' ')} <command> [options]`];
  const lines = [
    ...head,
    '',
    'Commands:',
    ...chosen.map((c, i) => `  ${(names[i] ?? '').padEnd(width)}  ${c.summary}`),
  ];
  lines.push(
    '',
    `Run \`${PROGRAM} <command> --help\` for a command's options.`,
    'Exit status: 0 ok, 1 failure, 2 usage error. SIMPLEKIT_DEBUG=1 prints stack traces; NO_COLOR disables colours.',
  );
  return `${lines.join('\n')}\n`;
}
