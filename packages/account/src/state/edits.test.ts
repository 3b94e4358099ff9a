import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateEdit } from './edits.js';

describe('validateEdit', () => {
  it('accepts the three kinds of edit', () => {
    const edits = [
      { op: 'address-book', ops: [{ op: 'remove-contact', id: 'x' }] },
      { op: 'set-icon', mimeType: 'image/png', data: 'AAAA', hash: 'h' },
      { op: 'set-icon', mimeType: 'image/png', hash: 'h' },
      { op: 'set-offline-status', offline: { status: 'offline', note: 'away' } },
      { op: 'set-offline-status' },
    ];
    for (const e of edits) expect(validateEdit(e)).toEqual(e);
  });

  it('rejects malformed edits with a TypeError', () => {
    for (const bad of [null, 1, [], { op: 'nope' }, { op: 'address-book', ops: [1] }, { op: 'set-icon', hash: 1 }]) {
      expect(() => validateEdit(bad)).toThrow(TypeError);
    }
  });

  it('never throws anything but a TypeError on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        try {
          validateEdit(v);
        } catch (error) {
          expect(error).toBeInstanceOf(TypeError);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
