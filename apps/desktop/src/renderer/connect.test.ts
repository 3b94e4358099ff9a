import { describe, expect, it } from 'vitest';
import { fragmentSettings } from './connect.js';

describe('fragmentSettings', () => {
  it('reads the token and keeps the 10 s rotation unless the page asks for another', () => {
    expect(fragmentSettings('#token=abc')).toEqual({ token: 'abc', noteRotationMs: 10_000 });
    expect(fragmentSettings('#token=abc&noteRotationMs=1500')).toEqual({ token: 'abc', noteRotationMs: 1500 });
    expect(fragmentSettings('#noteRotationMs=5')).toEqual({ token: null, noteRotationMs: 10_000 });
    expect(fragmentSettings('')).toEqual({ token: null, noteRotationMs: 10_000 });
  });
});
