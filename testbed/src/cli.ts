#!/usr/bin/env node
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlive, readTestbedInfo, startTestbed, stopTestbed } from './testbed.js';

/** `testbed/start` and `testbed/stop` work on this folder unless SIMPLEKIT_TESTBED_DIR names another. */
const runDir = process.env.SIMPLEKIT_TESTBED_DIR ?? join(fileURLToPath(new URL('.', import.meta.url)), '..', 'run');

async function main(command: string | undefined): Promise<number> {
  switch (command) {
    case 'start': {
      const algorithm = process.argv.includes('--sha256') ? 'SHA-256' : 'MD5';
      const info = await startTestbed({ runDir, digestAlgorithm: algorithm });
      process.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
      process.stderr.write(`testbed running (pid ${info.pid}); coordinates in ${join(runDir, 'testbed.json')}\n`);
      return 0;
    }
    case 'stop': {
      const stopped = await stopTestbed(runDir);
      process.stderr.write(stopped ? 'testbed stopped\n' : 'no testbed was running\n');
      return 0;
    }
    case 'status': {
      const info = await readTestbedInfo(runDir);
      if (info && isAlive(info.pid)) {
        process.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
        return 0;
      }
      process.stderr.write('no testbed is running\n');
      return 1;
    }
    default:
      process.stderr.write('usage: testbed/start [--sha256] | testbed/stop | testbed/status\n');
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
