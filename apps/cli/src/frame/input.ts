import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliInputError, CliUsageError } from './errors.js';
import type { CliIo } from './io.js';

/** Inputs larger than this are refused rather than buffered. */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;

async function readStream(io: CliIo): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > MAX_INPUT_BYTES) throw new CliInputError('CLI_INPUT', `stdin: more than ${MAX_INPUT_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Reads a file argument, or stdin for `-` or no argument (refused when stdin is a terminal). */
export async function readInput(io: CliIo, path: string | undefined, command: string): Promise<Uint8Array> {
  if (path === undefined || path === '-') {
    if (path === undefined && io.stdin.isTTY === true) {
      throw new CliUsageError(`${command}: give a file, or pipe the input and use -`, command);
    }
    return readStream(io);
  }
  try {
    const bytes = await readFile(resolve(io.cwd, path));
    if (bytes.length > MAX_INPUT_BYTES)
      throw new CliInputError('CLI_INPUT', `${path}: more than ${MAX_INPUT_BYTES} bytes`);
    return bytes;
  } catch (cause) {
    if (cause instanceof CliInputError) throw cause;
    const why = (cause as { code?: unknown }).code === 'ENOENT' ? 'no such file' : 'cannot be read';
    throw new CliInputError('CLI_INPUT', `${path}: ${why}`, { cause });
  }
}
