// The assertion every XML entry point must pass: each bomb is refused with the package's own error, quickly.
import { performance } from 'node:perf_hooks';
import { expect, it } from 'vitest';
import { type EntryPointLimits, type XmlRoot, xmlBombs } from './xml-bombs.js';

/**
 * Generous enough for a loaded 2-core machine, far below what expanding or walking any of the bombs would take
 * (the billion laughs alone is 3 GB of text).
 */
export const HOSTILE_INPUT_BUDGET_MS = 2_000;

export interface EntryPoint {
  /** `parsePresence`, `readAddressBook`, … */
  readonly name: string;
  readonly root: XmlRoot;
  readonly limits: EntryPointLimits;
  readonly parse: (document: string) => unknown;
  /** The package's base error class. */
  readonly isTypedError: (error: unknown) => boolean;
  /**
   * Time allowed per refusal when the entry point's own limits are large (the address book reads up to 2,000,000
   * elements before it can refuse one more). Default {@link HOSTILE_INPUT_BUDGET_MS}.
   */
  readonly budgetMs?: number;
  /** Also feed the bombs as UTF-8 bytes (entry points taking `string | Uint8Array`). */
  readonly bytes?: (document: Uint8Array) => unknown;
}

function refusal(parse: () => unknown): { error: unknown; ms: number } {
  const started = performance.now();
  try {
    parse();
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
  return { error: undefined, ms: performance.now() - started };
}

/** Declares one test per bomb (and per input form) for an entry point. */
export function itRefusesXmlBombs(entry: EntryPoint): void {
  for (const bomb of xmlBombs(entry.root, entry.limits)) {
    it(`${entry.name} refuses ${bomb.name} with its own error, fast`, { timeout: 60_000 }, () => {
      const forms: [string, () => unknown][] = [['string', () => entry.parse(bomb.document)]];
      const bytes = entry.bytes;
      if (bytes !== undefined) {
        const encoded = new TextEncoder().encode(bomb.document);
        forms.push(['bytes', () => bytes(encoded)]);
      }
      for (const [form, parse] of forms) {
        const { error, ms } = refusal(parse);
        expect(error, `${form}: accepted`).toBeDefined();
        expect(entry.isTypedError(error), `${form}: threw ${String(error)}`).toBe(true);
        expect(ms, `${form}: took ${ms.toFixed(0)} ms`).toBeLessThan(entry.budgetMs ?? HOSTILE_INPUT_BUDGET_MS);
      }
    });
  }
}
