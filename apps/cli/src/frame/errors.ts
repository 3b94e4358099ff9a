/** Stable error codes of the CLI itself; errors of the packages keep their own codes. */
export type CliErrorCode =
  | 'CLI_USAGE'
  | 'CLI_INPUT'
  | 'CLI_DECODE'
  | 'CLI_NOT_FOUND'
  | 'CLI_EXISTS'
  | 'CLI_UNAVAILABLE'
  | 'CLI_INTERRUPTED'
  | 'CLI_TIMEOUT'
  | 'CLI_NOT_STORED'
  | 'CLI_NOT_REGISTERED';

/** Exit statuses: 0 ok, 1 failure, 2 usage. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Base class of every error the CLI throws itself. */
export class CliError extends Error {
  readonly code: CliErrorCode;
  override readonly name: string = 'CliError';
  readonly exitCode: number;
  constructor(code: CliErrorCode, message: string, options?: { cause?: unknown; exitCode?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.exitCode = options?.exitCode ?? EXIT_FAILURE;
  }
}

/** The command line itself is wrong: unknown command or option, missing argument. Exit status 2. */
export class CliUsageError extends CliError {
  override readonly name = 'CliUsageError';
  /** The command whose usage line should follow the message, if known. */
  readonly command: string | undefined;
  constructor(message: string, command?: string) {
    super('CLI_USAGE', message, { exitCode: EXIT_USAGE });
    this.command = command;
  }
}

/** Input that cannot be read or decoded (a file that is missing, a document of no known kind). */
export class CliInputError extends CliError {
  override readonly name = 'CliInputError';
  constructor(code: 'CLI_INPUT' | 'CLI_DECODE', message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** Something the user named does not exist (an account, a contact, a watcher). */
export class CliNotFoundError extends CliError {
  override readonly name = 'CliNotFoundError';
  constructor(message: string) {
    super('CLI_NOT_FOUND', message);
  }
}

/** A feature needs a package API that is not available in this build. */
export class CliUnavailableError extends CliError {
  override readonly name = 'CliUnavailableError';
  constructor(message: string) {
    super('CLI_UNAVAILABLE', message);
  }
}

/** The user pressed Ctrl-C (or the process got SIGTERM) while a command was waiting. */
export class CliInterruptedError extends CliError {
  override readonly name = 'CliInterruptedError';
  constructor(signal: string) {
    super('CLI_INTERRUPTED', `interrupted by ${signal}`);
  }
}

interface CodedError {
  readonly code: string;
  readonly message: string;
}

function isCoded(value: unknown): value is CodedError {
  return (
    value instanceof Error &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof value.message === 'string'
  );
}

/** The exit status an error maps to: usage errors 2, everything else 1. */
export function exitCodeOf(error: unknown): number {
  return error instanceof CliError ? error.exitCode : EXIT_FAILURE;
}

/**
 * One line for any error: `<code>: <message>` for typed errors (ours and the packages'), the message otherwise.
 * Line breaks inside messages are folded so that the output stays one line.
 */
export function describeError(error: unknown): string {
  const fold = (s: string) => s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  if (isCoded(error)) return `${error.code}: ${fold(error.message)}`;
  if (error instanceof Error) return `${error.name}: ${fold(error.message)}`;
  return fold(String(error));
}
