import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type AccountDependencies,
  type SipCoreUserAgentLike,
  type SipCoreUserAgentOptionsLike,
  sipCoreUserAgents,
} from '@simplekit/account';
import type { TraceWriter } from './trace-file.js';

/** The two things the app takes from `@simplekit/sip-core`: its user agent and its redacting file trace sink. */
export interface SipCoreParts {
  createUserAgent(options: SipCoreUserAgentOptionsLike & { readonly trace?: TraceWriter }): SipCoreUserAgentLike;
  createFileTraceSink?(options: { readonly path: string }): TraceWriter;
}

/** Builds the engine's `sip` dependency with the trace switch's sink; `undefined` runs XCAP storage only. */
export type SipFactory = (trace: TraceWriter) => AccountDependencies['sip'];

/** The `sip` dependency over sip-core's user agent (the engine's own `sipCoreUserAgents` helper). */
export function sipFactoryOf(parts: SipCoreParts): SipFactory {
  return (trace) => sipCoreUserAgents(parts.createUserAgent, { trace });
}

function isSipCore(value: unknown): value is SipCoreParts {
  return typeof value === 'object' && value !== null && 'createUserAgent' in value;
}

/**
 * SEAM: `apps/desktop` depends on `@simplekit/account` only, so `@simplekit/sip-core` is not resolvable from here
 * under pnpm. Until `"@simplekit/sip-core": "workspace:^"` is added to this package's dependencies (then replace
 * this with a static import), it is loaded at run time, first by name and then from the account package's own
 * dependencies. When neither works the engine runs XCAP storage only and its health says "no SIP user agent".
 */
export async function loadSipCore(): Promise<SipCoreParts | undefined> {
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
      const loaded = await attempt();
      if (isSipCore(loaded)) return loaded;
    } catch {
      // Not resolvable this way; try the next one (and fall back to XCAP only, which the health shows).
    }
  }
  return undefined;
}
