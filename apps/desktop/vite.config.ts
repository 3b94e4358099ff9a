import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The renderer bundle: React through esbuild's automatic JSX runtime, relative asset paths so the same files load
// from Electron's file:// and from the dev:web server.
export default defineConfig({
  root: fileURLToPath(new URL('./src/renderer', import.meta.url)),
  base: './',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  logLevel: 'warn',
});
