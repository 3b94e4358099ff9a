import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type AccountDependencies, type SipCoreExtraOptions, sipCoreUserAgents } from '@simplekit/account';
import type { TraceWriter } from './trace-file.js';

/** Builds the engine's `sip` dependency with the trace switch's sink; `undefined` runs XCAP storage only. */
export type SipFactory = (trace: TraceWriter) => AccountDependencies['sip'];

/**
 * The `sip` dependency over sip-core's user agent, through the engine's own `sipCoreUserAgents`; `extra` adds what
 * only the app knows (TLS trust, reconnect backoff). The trace switch's sink receives every SIP message.
 */
export function sipFactory(extra: Omit<SipCoreExtraOptions, 'trace'> = {}): SipFactory {
  return (trace) => sipCoreUserAgents({ ...extra, trace });
}

/** sip-core's redacting file sink, as `createFileTraceSink({ path })` builds it. */
export type FileTraceSinkFactory = (options: { readonly path: string }) => TraceWriter;

function fileSinkOf(value: unknown): FileTraceSinkFactory | undefined {
  if (typeof value !== 'object' || value === null || !('createFileTraceSink' in value)) return undefined;
  const create = value.createFileTraceSink;
  return typeof create === 'function' ? (options) => create(options) as TraceWriter : undefined;
}

/**
 * SEAM: `apps/desktop` depends on `@simplekit/account` only, so `@simplekit/sip-core` (whose `createFileTraceSink`
 * writes the trace layout the CLI reads) is not resolvable from here under pnpm. Until
 * `"@simplekit/sip-core": "workspace:^"` is added to this package's dependencies (then import it statically), it is
 * loaded at run time, by name and then from the account package's own dependencies; without it traces go through
 * `appendingTraceWriter`.
 */
export async function loadFileTraceSink(): Promise<FileTraceSinkFactory | undefined> {
  const name = '@simplekit/sip-core';
  const attempts: (() => Promise<unknown>)[] = [
    () => import(name),
    async () => {
      const accountDir = dirname(dirname(fileURLToPath(import.meta.resolve('@simplekit/account'))));
      const dir = join(accountDir, 'node_modules', name);
      const manifest: unknown = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
      const main =
        typeof manifest === 'object' && manifest !== null && 'main' in manifest && typeof manifest.main === 'string'
          ? manifest.main
          : 'dist/index.js';
      return import(pathToFileURL(join(dir, main)).href);
    },
  ];
  for (const attempt of attempts) {
    try {
      const sink = fileSinkOf(await attempt());
      if (sink !== undefined) return sink;
    } catch {
      // Not resolvable this way; the next attempt, then the app's own appending writer, take over.
    }
  }
  return undefined;
}
