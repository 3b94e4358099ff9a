import { describe, expect, it } from 'vitest';
import { ensureChromium } from './chromium.js';

function fakeSystem(installWorksAfter: number) {
  const calls: string[] = [];
  let installed = false;
  let attempts = 0;
  return {
    calls,
    exists: () => installed,
    run: async (command: string, args: readonly string[]) => {
      calls.push([command, ...args].join(' '));
      if (!args.includes('install')) return;
      attempts += 1;
      if (attempts < installWorksAfter) throw new Error('E: Unable to locate package chromium');
      installed = true;
    },
  };
}

describe('ensureChromium', () => {
  it('does nothing when the browser is there', async () => {
    const system = fakeSystem(1);
    await ensureChromium('/usr/bin/chromium', { ...system, exists: () => true, root: true });
    expect(system.calls).toEqual([]);
  });

  it('installs Debian’s chromium with apt-get as root, through sudo -n otherwise', async () => {
    const asRoot = fakeSystem(1);
    await ensureChromium('/usr/bin/chromium', { ...asRoot, root: true });
    expect(asRoot.calls).toEqual(['apt-get install -y --no-install-recommends chromium']);
    const asUser = fakeSystem(1);
    await ensureChromium('/usr/bin/chromium', { ...asUser, root: false });
    expect(asUser.calls).toEqual(['sudo -n apt-get install -y --no-install-recommends chromium']);
  });

  it('refreshes the package lists once when the first install fails', async () => {
    const system = fakeSystem(2);
    await ensureChromium('/usr/bin/chromium', { ...system, root: true });
    expect(system.calls).toEqual([
      'apt-get install -y --no-install-recommends chromium',
      'apt-get update',
      'apt-get install -y --no-install-recommends chromium',
    ]);
  });

  it('fails when apt-get cannot install it', async () => {
    const system = fakeSystem(3);
    await expect(ensureChromium('/usr/bin/chromium', { ...system, root: true })).rejects.toThrow(/Unable to locate/);
  });
});
