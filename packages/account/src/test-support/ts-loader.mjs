// A Node module loader hook for child processes spawned by tests: transpiles this repository's TypeScript sources
// with the esbuild that vite ships, and maps `./x.js` imports to `./x.ts` (NodeNext style). Tests only.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { transform } = createRequire(require.resolve('vite'))('esbuild');

const packages = new URL('../../../', import.meta.url);

export async function resolve(specifier, context, next) {
  // Like vitest's alias: another SimpleKit package resolves to its TypeScript source, never to its build.
  const scoped = /^@simplekit\/([a-z-]+)$/.exec(specifier);
  if (scoped) {
    const source = new URL(`${scoped[1]}/src/index.ts`, packages);
    if (existsSync(fileURLToPath(source))) return { url: source.href, shortCircuit: true };
  }
  if (specifier.endsWith('.js') && context.parentURL?.startsWith('file:') && specifier.startsWith('.')) {
    const ts = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
    if (existsSync(fileURLToPath(ts))) return { url: ts.href, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (url.endsWith('.ts')) {
    const source = await readFile(fileURLToPath(url), 'utf8');
    const out = await transform(source, { loader: 'ts', format: 'esm', target: 'node20', sourcefile: url });
    return { format: 'module', source: out.code, shortCircuit: true };
  }
  return next(url, context);
}
