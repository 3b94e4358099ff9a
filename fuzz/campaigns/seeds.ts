// Seed documents for the XML campaigns: the packages' own fixtures (real Blink documents and RFC examples).
import { fileURLToPath } from 'node:url';
import { seedTexts } from '../mutate.js';

const packages = fileURLToPath(new URL('../../packages/', import.meta.url));

export function fixtureTexts(pkg: string, suffix = '.xml'): string[] {
  return seedTexts(`${packages}${pkg}/test/fixtures`, suffix);
}

export function fixtureText(pkg: string, file: string): string {
  const all = seedTexts(`${packages}${pkg}/test/fixtures`, file);
  const first = all[0];
  if (first === undefined) throw new Error(`no fixture ${pkg}/${file}`);
  return first;
}

/** Asserts that a serialiser is stable: writing what was read from its own output gives the same text. */
export function expectStable(first: string, second: string, what: string): void {
  if (first !== second) throw new Error(`${what} is not stable:\n${first}\n---\n${second}`);
}
