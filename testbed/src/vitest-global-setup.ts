import type { TestProject } from 'vitest/node';
import type { TestbedInfo } from './info.js';
import { startTestbed, stopTestbed } from './testbed.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testbed: TestbedInfo;
  }
}

/** One Kamailio testbed for the whole integration run; tests read it with `inject('testbed')`. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const info = await startTestbed();
  project.provide('testbed', info);
  return async () => {
    await stopTestbed(info.runDir);
  };
}
