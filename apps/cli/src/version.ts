import { readFileSync } from 'node:fs';

/** The version of this package, read from its package.json next to `dist/`. */
export function cliVersion(): string {
  try {
    const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string') {
      return parsed.version;
    }
  } catch {
    // A missing package.json (bundled build) only loses the version string.
  }
  return '0.0.0';
}
