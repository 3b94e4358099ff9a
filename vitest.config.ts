import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

// Tests run against each package's TypeScript source, never against build output: every @simplekit/* import
// resolves to the package's src/index.ts.
const alias = Object.fromEntries([
  ['@simplekit/testbed', `${root}testbed/src/index.ts`],
  ...readdirSync(`${root}packages`).map((name) => [`@simplekit/${name}`, `${root}packages/${name}/src/index.ts`]),
]);

const sources = ['packages/*/src/**', 'apps/*/src/**', 'testbed/src/**'];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          root,
          include: sources.map((s) => `${s}/*.test.{ts,tsx}`),
          exclude: ['**/node_modules/**', '**/dist/**', '**/*.integration.test.{ts,tsx}'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          root,
          include: sources.map((s) => `${s}/*.integration.test.{ts,tsx}`),
          exclude: ['**/node_modules/**', '**/dist/**'],
          // One Kamailio testbed per test run; its coordinates reach the tests through `inject('testbed')`.
          globalSetup: [`${root}testbed/src/vitest-global-setup.ts`],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Integration files share one server; running them one at a time keeps the 2-core machines honest.
          fileParallelism: false,
          // These tests wait on a real server and real processes on 2 busy cores; one retry absorbs a deadline missed
          // under load (a real failure fails twice). The retried tests are listed in the run's output, and the
          // testbed no longer loses writes (it moved from SQLite to MariaDB), so a retry is rare.
          retry: 1,
        },
      },
    ],
  },
});
