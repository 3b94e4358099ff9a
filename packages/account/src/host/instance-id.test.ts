import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../storage/account-storage.js';
import { loadInstanceId } from './instance-id.js';

describe('instance id', () => {
  it('is created once and then kept', async () => {
    const files = createMemoryStorage().stateOf('a');
    const first = await loadInstanceId(files);
    expect(first).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(await loadInstanceId(files)).toBe(first);
  });

  it('replaces a damaged one', async () => {
    const files = createMemoryStorage().stateOf('a');
    await files.write('instance-id', 'garbage');
    expect(await loadInstanceId(files)).toMatch(/^urn:uuid:/);
  });
});
