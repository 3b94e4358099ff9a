import { CliInterruptedError, CliUsageError } from '../frame/errors.js';
import type { CliIo } from '../frame/io.js';

/** The environment variable a script sets instead of typing the password. */
export const PASSWORD_ENV = 'SIMPLEKIT_PASSWORD';

const CTRL_C = 0x03;
const CTRL_D = 0x04;
const BACKSPACE = 0x7f;
const CTRL_H = 0x08;

/** Reads a password from the terminal in raw mode, echoing nothing. */
function promptHidden(io: CliIo, prompt: string): Promise<string> {
  const stdin = io.stdin;
  return new Promise<string>((resolve, reject) => {
    let typed = '';
    io.stderr.write(prompt);
    stdin.setRawMode?.(true);
    stdin.resume();
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer | string) => {
      const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      for (const char of text) {
        const code = char.charCodeAt(0);
        if (code === CTRL_C) return finish(new CliInterruptedError('Ctrl-C'));
        if (char === '\r' || char === '\n' || code === CTRL_D) return finish();
        if (code === BACKSPACE || code === CTRL_H) typed = typed.slice(0, -1);
        else if (code >= 0x20) typed += char;
      }
    };
    stdin.on('data', onData);
  });
}

/** Reads the first line of stdin (`--password-stdin`). */
async function firstLine(io: CliIo): Promise<string> {
  let text = '';
  for await (const chunk of io.stdin) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    const end = text.indexOf('\n');
    if (end !== -1) return text.slice(0, end).replace(/\r$/, '');
  }
  return text;
}

/**
 * The password for a new account: `--password-stdin`, else `SIMPLEKIT_PASSWORD`, else a prompt without echo on a
 * terminal. It is never taken from the command line, where other users could read it in the process list.
 */
export async function readPassword(
  io: CliIo,
  options: { readonly fromStdin: boolean; readonly label: string },
): Promise<string> {
  let password: string;
  if (options.fromStdin) password = await firstLine(io);
  else if (io.env[PASSWORD_ENV] !== undefined) password = io.env[PASSWORD_ENV] ?? '';
  else if (io.stdin.isTTY === true) password = await promptHidden(io, `Password for ${options.label}: `);
  else {
    throw new CliUsageError(
      `no password: set ${PASSWORD_ENV}, use --password-stdin, or run on a terminal to be asked`,
      'account add',
    );
  }
  if (password === '') throw new CliUsageError('the password is empty', 'account add');
  return password;
}
