import type { OutputStream } from '../frame/io.js';
import type { Style } from '../frame/style.js';

/** Who is speaking in the demo's output. */
export type Speaker = 'demo' | 'alice' | 'bob';

/** Prints the demo's story: scenario steps, and what each side sees, one line each, prefixed with the side. */
export interface Narrator {
  step(text: string): void;
  sees(who: Exclude<Speaker, 'demo'>, text: string): void;
  note(text: string): void;
}

export function createNarrator(out: OutputStream, style: Style, now: () => number = Date.now): Narrator {
  const started = now();
  const stamp = () => style.dim(`+${((now() - started) / 1000).toFixed(1).padStart(5)}s`);
  const label: Record<Exclude<Speaker, 'demo'>, string> = {
    alice: style.magenta('alice'),
    bob: style.cyan('  bob'),
  };
  return {
    step: (text) => out.write(`${stamp()} ${style.bold(`▶ ${text}`)}\n`),
    sees: (who, text) => out.write(`${stamp()} ${label[who]} sees ${text}\n`),
    note: (text) => out.write(`${stamp()} ${style.dim(text)}\n`),
  };
}
