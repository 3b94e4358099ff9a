import { readFileSync } from 'node:fs';

/** The bytes of a fixture under `packages/pidf/test/fixtures/`. */
export function fixture(name: string): Uint8Array {
  return readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url));
}

/** The text of a fixture. */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8');
}
