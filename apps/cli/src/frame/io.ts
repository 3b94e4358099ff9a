import type { Readable } from 'node:stream';

/** A text sink: the CLI writes whole strings and asks whether it is a terminal. */
export interface OutputStream {
  write(text: string): void;
  readonly isTTY: boolean;
  /** Terminal width when known. */
  readonly columns?: number;
}

/** Everything the CLI touches in the outside world, injected so that unit tests run `main()` in memory. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly stdin: Readable & { readonly isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Subscribes to SIGINT/SIGTERM; returns the unsubscribe function. */
  onSignal(listener: (signal: 'SIGINT' | 'SIGTERM') => void): () => void;
}

function streamOf(stream: NodeJS.WriteStream): OutputStream {
  // A reader that goes away (`simplekit decode x | head`) is a normal end, not a crash.
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  return {
    write: (text) => {
      stream.write(text);
    },
    get isTTY() {
      return stream.isTTY === true;
    },
    get columns() {
      return stream.columns;
    },
  };
}

/** The real process: stdio, environment, signals. */
export function processIo(): CliIo {
  return {
    stdout: streamOf(process.stdout),
    stderr: streamOf(process.stderr),
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    onSignal(listener) {
      const onInt = () => listener('SIGINT');
      const onTerm = () => listener('SIGTERM');
      process.on('SIGINT', onInt);
      process.on('SIGTERM', onTerm);
      return () => {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
      };
    },
  };
}
