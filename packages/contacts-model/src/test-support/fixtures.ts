import { readFileSync } from 'node:fs';

/** A fixture document from `test/fixtures/`. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8');
}

export const ALICE = { xui: 'sip:alice@example.org', xcapRoot: 'https://xcap.example.org/xcap-root' } as const;
