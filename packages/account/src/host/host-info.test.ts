import { describe, expect, it } from 'vitest';
import { createNodeHostInfo, createStaticHostInfo } from './host-info.js';

describe('host info', () => {
  it('gives the time offset as minutes east of UTC, the opposite sign of getTimezoneOffset', () => {
    const at = Date.UTC(2026, 6, 1);
    const info = createNodeHostInfo({ userAgent: 'UA', description: 'box', idleSeconds: () => 42 });
    expect(info.timeOffsetMinutes(at)).toBe(-new Date(at).getTimezoneOffset());
    expect(info).toMatchObject({ userAgent: 'UA', description: 'box' });
    expect(info.idleSeconds()).toBe(42);
  });

  it('defaults the description to the host name and the idle time to unknown', () => {
    const info = createNodeHostInfo({ userAgent: 'UA' });
    expect(info.description.length).toBeGreaterThan(0);
    expect(info.idleSeconds()).toBeUndefined();
  });

  it('returns fixed values for tests', () => {
    const info = createStaticHostInfo({ description: 'd', userAgent: 'u', timeOffsetMinutes: 120, idleSeconds: 5 });
    expect([info.timeOffsetMinutes(0), info.idleSeconds()]).toEqual([120, 5]);
  });
});
