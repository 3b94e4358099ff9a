import { execFile } from 'node:child_process';

export class TestbedError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TestbedError';
    this.code = code;
  }
}

/** Runs a program to completion; rejects with its stderr on a non-zero exit. */
export function runCommand(file: string, args: readonly string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(
          new TestbedError('TESTBED_COMMAND_FAILED', `${file} ${args.join(' ')} failed: ${stderr || error.message}`, {
            cause: error,
          }),
        );
        return;
      }
      resolve(stdout);
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}
