// The fuzz harness shared by every campaign: one invariant checker, one runner for vitest, one regression replay.
// Each package's `*.fuzz.test.ts` hands its campaigns to `fuzzCampaigns`; `pnpm fuzz` runs them short,
// `pnpm fuzz:long` long (see fuzz/README.md for the knobs).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** JSON-shaped values, so that a found input can be written to a fixture and read back unchanged. */
export type FuzzValue = string | number | boolean | null | readonly FuzzValue[] | { readonly [key: string]: FuzzValue };

export interface Campaign<I extends FuzzValue, P> {
  /** `<package>/<parser>`; also the prefix of its regression fixtures. */
  readonly name: string;
  readonly input: fc.Arbitrary<I>;
  /** Runs the parser. Throwing is fine only when `isTypedError` accepts the error. */
  readonly parse: (input: I) => P;
  /** The package's own error class (its base class): the only thing a parser may throw. */
  readonly isTypedError: (error: unknown) => boolean;
  /**
   * Checks what the package promises about accepted input (usually `parse(serialise(parsed))` equals `parsed`).
   * Anything it throws is a finding, typed or not: the serialiser must take what the parser gave.
   */
  readonly roundTrip?: (parsed: P, input: I) => void;
}

/** A campaign with its types erased, ready for the runner. */
export interface FuzzCampaign {
  readonly name: string;
  readonly input: fc.Arbitrary<FuzzValue>;
  /**
   * Applies every invariant to one input; throws `FuzzViolation` on the first one broken. Returns whether the
   * parser accepted the input (the runner checks that a campaign reaches accepted input at all).
   */
  check(input: FuzzValue, maxMsPerInput: number): boolean;
}

export function defineCampaign<I extends FuzzValue, P>(campaign: Campaign<I, P>): FuzzCampaign {
  return {
    name: campaign.name,
    input: campaign.input,
    // Fixtures are written from this campaign's own inputs, so the stored value has type I.
    check: (input, maxMsPerInput) => checkInput(campaign, input as I, maxMsPerInput),
  };
}

/** A broken invariant; its message names the campaign and the input. */
export class FuzzViolation extends Error {
  override readonly name = 'FuzzViolation';
}

export interface FuzzSettings {
  readonly seed: number;
  /** Inputs per campaign. */
  readonly runs: number;
  /** Stop a campaign after this long (ms) even if `runs` is not reached; 0 = no time limit. */
  readonly timeMs: number;
  /** One input may take at most this long (ms), twice in a row, before it counts as a hang. */
  readonly maxMsPerInput: number;
  /** Write counterexamples to the package's fuzz-regressions folder. */
  readonly save: boolean;
}

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got ${raw}`);
  return value;
}

/** Short by default (part of `pnpm test`); `FUZZ_RUNS`, `FUZZ_TIME_MS`, `FUZZ_SEED`, `FUZZ_SAVE=1` override. */
export function fuzzSettings(defaultRuns = 150): FuzzSettings {
  return {
    seed: numberFromEnv('FUZZ_SEED', 42),
    runs: numberFromEnv('FUZZ_RUNS', defaultRuns),
    timeMs: numberFromEnv('FUZZ_TIME_MS', 0),
    maxMsPerInput: numberFromEnv('FUZZ_MAX_MS_PER_INPUT', 500),
    save: numberFromEnv('FUZZ_SAVE', 0) === 1,
  };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `non-Error value ${String(error)}`;
}

type Outcome<P> = { readonly parsed: P; readonly ms: number } | { readonly ms: number };

function parseOnce<I extends FuzzValue, P>(campaign: Campaign<I, P>, input: I): Outcome<P> {
  const started = performance.now();
  try {
    const parsed = campaign.parse(input);
    return { parsed, ms: performance.now() - started };
  } catch (error) {
    if (!campaign.isTypedError(error)) {
      throw new FuzzViolation(`${campaign.name} threw an untyped error: ${describeError(error)}`, { cause: error });
    }
    return { ms: performance.now() - started };
  }
}

/** Applies every invariant to one input; throws `FuzzViolation` on the first one broken. */
export function checkInput<I extends FuzzValue, P>(campaign: Campaign<I, P>, input: I, maxMsPerInput: number): boolean {
  let outcome = parseOnce(campaign, input);
  // A single slow run may be a GC pause or a busy neighbour; a hang is slow every time.
  if (outcome.ms > maxMsPerInput) outcome = parseOnce(campaign, input);
  if (outcome.ms > maxMsPerInput) {
    throw new FuzzViolation(`${campaign.name} took ${outcome.ms.toFixed(0)} ms on one input (limit ${maxMsPerInput})`);
  }
  if (!('parsed' in outcome)) return false;
  try {
    campaign.roundTrip?.(outcome.parsed as P, input);
  } catch (error) {
    throw new FuzzViolation(`${campaign.name}: accepted input does not round-trip: ${describeError(error)}`, {
      cause: error,
    });
  }
  return true;
}

interface RegressionFixture {
  readonly campaign: string;
  readonly input: FuzzValue;
  readonly note?: string;
}

function readRegressions(folder: string): { file: string; fixture: RegressionFixture }[] {
  let files: string[];
  try {
    files = readdirSync(folder).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files.sort().map((file) => ({
    file,
    fixture: JSON.parse(readFileSync(join(folder, file), 'utf8')) as RegressionFixture,
  }));
}

function saveRegression(folder: string, campaign: string, input: FuzzValue, message: string): string {
  mkdirSync(folder, { recursive: true });
  const file = `${campaign.replaceAll('/', '-')}-${Date.now().toString(36)}.json`;
  const fixture: RegressionFixture = { campaign, input, note: message.split('\n')[0] ?? '' };
  writeFileSync(join(folder, file), `${JSON.stringify(fixture, null, 2)}\n`);
  return file;
}

/**
 * Declares one vitest test per campaign plus one that replays the committed regression fixtures of
 * `regressionsDir` (each one must hold every invariant now).
 */
export function fuzzCampaigns(campaigns: readonly FuzzCampaign[], regressionsDir: string): void {
  const settings = fuzzSettings();
  const timeout = settings.timeMs > 0 ? settings.timeMs * 2 + 30_000 : Math.max(30_000, settings.runs * 50);
  describe('fuzz campaigns', () => {
    for (const campaign of campaigns) {
      it(
        `${campaign.name}: only typed errors, bounded time per input, accepted input round-trips`,
        () => {
          let accepted = 0;
          const property = fc.property(campaign.input, (input: FuzzValue) => {
            if (campaign.check(input, settings.maxMsPerInput)) accepted += 1;
          });
          const details = fc.check(property, {
            seed: settings.seed,
            numRuns: settings.runs,
            ...(settings.timeMs > 0 ? { interruptAfterTimeLimit: settings.timeMs, markInterruptAsFailure: false } : {}),
          });
          if (!details.failed) {
            // A campaign whose every input is rejected never reaches the round-trip check: its seeds are wrong.
            expect(accepted, `${campaign.name} never produced an accepted input`).toBeGreaterThan(0);
            return;
          }
          const example = details.counterexample?.[0] as FuzzValue | undefined;
          const message = details.errorInstance instanceof Error ? details.errorInstance.message : 'failed';
          const saved =
            settings.save && example !== undefined
              ? ` (saved as ${saveRegression(regressionsDir, campaign.name, example, message)})`
              : '';
          throw new FuzzViolation(
            `${message}\ninput: ${JSON.stringify(example)}\nseed ${settings.seed}, path ${details.counterexamplePath}${saved}`,
          );
        },
        timeout,
      );
    }
  });

  const regressions = readRegressions(regressionsDir);
  if (regressions.length === 0) return;
  describe('fuzz regressions', () => {
    const byName = new Map(campaigns.map((c) => [c.name, c]));
    for (const { file, fixture } of regressions) {
      it(`${file}: ${fixture.note ?? fixture.campaign}`, () => {
        const campaign = byName.get(fixture.campaign);
        expect(campaign, `no campaign named ${fixture.campaign}`).toBeDefined();
        campaign?.check(fixture.input, settings.maxMsPerInput);
      });
    }
  });
}
