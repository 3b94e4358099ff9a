import { Readable } from 'node:stream';
import type { CliIo, OutputStream } from '../frame/io.js';

export interface MemoryStream extends OutputStream {
  readonly text: () => string;
}

export function memoryStream(isTTY = false): MemoryStream {
  let text = '';
  return {
    isTTY,
    columns: 100,
    write(chunk) {
      text += chunk;
    },
    text: () => text,
  };
}

export interface MemoryIo extends CliIo {
  readonly stdout: MemoryStream;
  readonly stderr: MemoryStream;
  /** Delivers a signal to the CLI as the process would. */
  signal(name: 'SIGINT' | 'SIGTERM'): void;
}

export interface MemoryIoOptions {
  readonly stdin?: string | Uint8Array;
  readonly env?: Record<string, string | undefined>;
  readonly tty?: boolean;
  readonly cwd?: string;
}

/** An in-memory CliIo: captured stdout/stderr, a fixed stdin, an environment with private XDG folders. */
export function memoryIo(options: MemoryIoOptions = {}): MemoryIo {
  const listeners = new Set<(signal: 'SIGINT' | 'SIGTERM') => void>();
  const stdin = Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]) as CliIo['stdin'];
  return {
    stdout: memoryStream(options.tty ?? false),
    stderr: memoryStream(options.tty ?? false),
    stdin,
    env: options.env ?? { HOME: '/nonexistent-home' },
    cwd: options.cwd ?? process.cwd(),
    onSignal(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    signal(name) {
      for (const l of listeners) l(name);
    },
  };
}
