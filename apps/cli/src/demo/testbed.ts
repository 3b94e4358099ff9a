import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestbed, stopTestbed, type TestbedInfo } from '@simplekit/testbed';
import { CliNotFoundError } from '../frame/errors.js';

/** A private testbed in a temporary folder, and the folders the demo's accounts keep their files in. */
export interface DemoWorld {
  readonly testbed: TestbedInfo;
  readonly root: string;
  /** XDG config/state folders of one demo user (each side has its own, like two machines). */
  homeOf(user: string): { readonly config: string; readonly state: string };
  /** Stops Kamailio and removes every file; safe to call twice. */
  dispose(): Promise<void>;
}

/** Starts Kamailio on loopback in a fresh temporary folder (see `@simplekit/testbed`). */
export async function createDemoWorld(): Promise<DemoWorld> {
  const root = await mkdtemp(join(tmpdir(), 'simplekit-demo-'));
  const runDir = join(root, 'testbed');
  let disposed = false;
  const dispose = async () => {
    if (disposed) return;
    disposed = true;
    try {
      await stopTestbed(runDir);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  };
  let testbed: TestbedInfo;
  try {
    testbed = await startTestbed({ runDir });
  } catch (error) {
    await dispose();
    throw error;
  }
  return {
    testbed,
    root,
    homeOf: (user) => ({ config: join(root, user, 'config'), state: join(root, user, 'state') }),
    dispose,
  };
}

/** The testbed's provisioned user of that name (alice, bob, …). */
export function testbedUser(info: TestbedInfo, name: string): { username: string; password: string; aor: string } {
  const user = info.users.find((u) => u.username === name);
  if (user === undefined) throw new CliNotFoundError(`the testbed has no user ${name}`);
  return user;
}
