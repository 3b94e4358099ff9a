import { open, stat } from 'node:fs/promises';
import { loadRegistry } from '../account/lazy.js';
import { ACCOUNT_OPTIONS } from '../account/options.js';
import { type CommandContext, type CommandSpec, flagOption, stringOption } from '../frame/command.js';
import { untilInterrupted } from '../frame/wait.js';

const POLL_MS = 250;

async function readFrom(path: string, offset: number): Promise<{ bytes: Buffer; size: number }> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return { bytes: Buffer.alloc(0), size: 0 };
  }
  if (size <= offset) return { bytes: Buffer.alloc(0), size };
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(size - offset);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
    return { bytes: buffer.subarray(0, bytesRead), size: offset + bytesRead };
  } finally {
    await handle.close();
  }
}

/** The trace reader and the body decoders, loaded when the command runs. */
interface TraceReading {
  readonly trace: typeof import('../decode/trace.js');
  readonly decodeBody: typeof import('../decode/document.js')['decodeBody'];
}

/** Prints the complete records in `bytes` and returns the bytes of a record still being written. */
function emit(context: CommandContext, reading: TraceReading, bytes: Buffer, full: boolean): Buffer {
  const { readRecords, renderTraceRecords, splitTraceRecords, traceRecordJson } = reading.trace;
  const { records, rest } = splitTraceRecords(bytes);
  const read = readRecords(records, reading.decodeBody);
  if (context.json) for (const r of read) context.io.stdout.write(`${JSON.stringify(traceRecordJson(r))}\n`);
  else for (const line of renderTraceRecords(read, context.style, full)) context.print(line);
  return rest;
}

export const traceCommand: CommandSpec = {
  path: ['trace'],
  summary: "The account's SIP and XCAP protocol trace, readable (credentials are never written to it)",
  description:
    'Each message is one line; --full adds its headers and decoded body. With --json each record is one JSON line.',
  json: true,
  options: {
    ...ACCOUNT_OPTIONS,
    follow: { type: 'boolean', short: 'f', description: 'keep printing records as they are written (Ctrl-C to quit)' },
    full: { type: 'boolean', description: 'show headers and decoded bodies' },
    path: { type: 'boolean', description: 'print where the trace file is and quit' },
  },
  async run(context) {
    const [{ accountIdOf, chooseAccount, storageOf }, { traceFileOf }, { cliPaths }, trace, { decodeBody }] =
      await Promise.all([
        loadRegistry(),
        import('../account/trace-file.js'),
        import('../frame/paths.js'),
        import('../decode/trace.js'),
        import('../decode/document.js'),
      ]);
    const reading: TraceReading = { trace, decodeBody };
    const accounts = await storageOf(context.io).loadAccounts();
    const stored = chooseAccount(accounts, stringOption(context, 'account'), context.io, 'trace');
    const file = traceFileOf(cliPaths(context.io.env).state, accountIdOf(stored));
    if (flagOption(context, 'path')) {
      context.print(file);
      return 0;
    }
    const full = flagOption(context, 'full');
    const first = await readFrom(file, 0);
    let size = first.size;
    let pending = emit(context, reading, first.bytes, full);
    if (!flagOption(context, 'follow')) {
      if (size === 0 && !context.json) context.print(context.style.dim(`no trace yet (${file})`));
      return 0;
    }
    while (!context.signal.aborted) {
      await untilInterrupted(context.signal, POLL_MS);
      const next = await readFrom(file, size);
      // A file that shrank was rotated or removed: start again from its beginning.
      if (next.size < size) {
        size = 0;
        pending = Buffer.alloc(0);
        continue;
      }
      size = next.size;
      if (next.bytes.length > 0) pending = emit(context, reading, Buffer.concat([pending, next.bytes]), full);
    }
    return 0;
  },
};
