import { fileURLToPath } from 'node:url';
import { createNodeDesktopHost } from '../host/node-host.js';
import { startDevWebServer } from './server.js';

// `pnpm --filter @simplekit/desktop dev:web`: the renderer in an ordinary browser, over the WebSocket bridge.
// Nothing is opened for real: device addresses and the trace file are printed instead.
const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
const port = Number(process.env.SIMPLEKIT_DEV_WEB_PORT ?? '0');

const host = await createNodeDesktopHost({
  openExternal: async (uri) => {
    process.stdout.write(`open device address: ${uri}\n`);
  },
  openPath: async (path) => {
    process.stdout.write(`trace file: ${path}\n`);
  },
});
const server = await startDevWebServer({ host, rendererDir, port: Number.isInteger(port) ? port : 0 });
process.stdout.write(`SimpleKit desktop (dev:web) on ${server.url}\n`);
await host.start();

let stopping = false;
const stop = async () => {
  if (stopping) process.exit(130);
  stopping = true;
  await server.close();
  await host.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
