import type { OutputStream } from './io.js';

const ESC = '\u001b[';

/** A block of lines redrawn in place on a terminal (plain ANSI: cursor up, erase below). */
export interface LiveView {
  /** Replaces the block with `lines`; redraws at most every `minIntervalMs`, always with the latest lines. */
  show(lines: readonly string[]): void;
  /** Draws what is pending and leaves the block on screen, cursor below it. */
  close(): void;
}

export interface LiveViewOptions {
  readonly stream: OutputStream;
  readonly minIntervalMs?: number;
  readonly now?: () => number;
}

/** Cuts a line to the terminal width so that a wrapped line never breaks the cursor arithmetic. */
function fit(line: string, columns: number | undefined): string {
  if (columns === undefined || columns <= 0) return line;
  let visible = 0;
  let out = '';
  // Walk the string, counting only printable characters; escape sequences pass through whole.
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] ?? '';
    if (ch === '\u001b') {
      const end = line.indexOf('m', i);
      if (end !== -1) {
        out += line.slice(i, end + 1);
        i = end;
        continue;
      }
    }
    if (visible >= columns - 1) break;
    out += ch;
    visible += 1;
  }
  return out;
}

export function createLiveView(options: LiveViewOptions): LiveView {
  const { stream } = options;
  const interval = options.minIntervalMs ?? 100;
  const now = options.now ?? Date.now;
  let drawn = 0;
  let last = 0;
  let pending: readonly string[] | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const draw = () => {
    timer = undefined;
    if (pending === undefined) return;
    const lines = pending.map((l) => fit(l, stream.columns));
    pending = undefined;
    last = now();
    const up = drawn > 0 ? `${ESC}${drawn}A\r` : '';
    stream.write(`${up}${ESC}J${lines.join('\n')}\n`);
    drawn = lines.length;
  };

  stream.write(`${ESC}?25l`);
  return {
    show(lines) {
      if (closed) return;
      pending = lines;
      if (timer !== undefined) return;
      const wait = Math.max(0, last + interval - now());
      if (wait === 0) draw();
      else timer = setTimeout(draw, wait);
    },
    close() {
      if (closed) return;
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      draw();
      stream.write(`${ESC}?25h`);
    },
  };
}
