#!/usr/bin/env node
import { processIo } from './frame/io.js';
import { main } from './main.js';

// A second Ctrl-C while the engine is still stopping ends the process at once (130 = 128 + SIGINT).
let signals = 0;
const onSignal = () => {
  signals += 1;
  if (signals > 1) process.exit(130);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

process.exitCode = await main(process.argv.slice(2), processIo());

// Everything should be closed by now; a handle some library left open must not keep the terminal waiting.
setTimeout(() => process.exit(), 1000).unref();
