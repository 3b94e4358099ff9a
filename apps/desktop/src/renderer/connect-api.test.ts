import { describe, expect, it } from 'vitest';
import type { DesktopApi } from '../bridge/api.js';
import { connectDesktopApi } from './connect.js';

describe('connectDesktopApi', () => {
  it("uses the preload's API inside Electron", () => {
    const api = { onState: () => () => {} } as unknown as DesktopApi;
    const win = { simplekit: api, location: { hash: '', origin: 'file://' } } as unknown as Window;
    expect(connectDesktopApi(win)).toBe(api);
  });

  it('needs the token from the URL in a browser', () => {
    const win = { location: { hash: '', origin: 'http://127.0.0.1:1' } } as unknown as Window;
    expect(() => connectDesktopApi(win)).toThrow(/open the address dev:web printed/);
  });
});
