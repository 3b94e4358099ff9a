// @simplekit/cli: public API. The `simplekit` binary is `dist/bin.js`; `main()` runs it in-process (tests, embedding).
export { commandTable } from './commands/table.js';
export type { CommandContext, CommandSpec, OptionSpec } from './frame/command.js';
export {
  CliError,
  type CliErrorCode,
  CliInputError,
  CliInterruptedError,
  CliNotFoundError,
  CliUnavailableError,
  CliUsageError,
  describeError,
} from './frame/errors.js';
export type { CliIo, OutputStream } from './frame/io.js';
export { processIo } from './frame/io.js';
export { type CliPaths, cliPaths } from './frame/paths.js';
export { main } from './main.js';
export { cliVersion } from './version.js';
