import type { Style } from '../frame/style.js';
import type { DocumentKind } from './kinds.js';

/** A decoded input: the package's model for `--json`, and a readable rendering. */
export interface Decoded {
  readonly kind: DocumentKind;
  /** JSON-ready value: `{ kind, ... }` is printed with `--json`. */
  readonly json: Readonly<Record<string, unknown>>;
  render(style: Style): string[];
}

/** Indents every line of a block. */
export function indent(lines: readonly string[], by = '  '): string[] {
  return lines.map((line) => `${by}${line}`);
}
