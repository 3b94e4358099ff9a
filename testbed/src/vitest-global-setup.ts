import type { TestProject } from 'vitest/node';
import type { TestbedInfo } from './info.js';
import { startTestbed, stopTestbed } from './testbed.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testbed: TestbedInfo;
  }
}

/**
 * One Kamailio testbed for the whole integration run; tests read it with `inject('testbed')`. Each test file that
 * writes a user's documents or presence owns its users, so files cannot disturb each other through the shared server:
 * alice, bob: testbed smoke tests; carol, dave, erin: desktop e2e; frank, grace, heidi: cli (which also tries erin
 * with a wrong password);
 * user001–user008: sip-core; user009: xcap client; user010: xcap racing writes; user011: xcap trace security;
 * user012, user013: desktop e2e (deny).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const info = await startTestbed({ extraUsers: 14 });
  project.provide('testbed', info);
  return async () => {
    await stopTestbed(info.runDir);
  };
}
