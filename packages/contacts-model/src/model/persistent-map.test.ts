import { describe, expect, it } from 'vitest';
import { PersistentMap } from './persistent-map.js';

describe('PersistentMap', () => {
  it('keeps Map order: replaced keys stay in place, new keys come last', () => {
    const base = PersistentMap.from(
      new Map([
        ['a', 1],
        ['b', 2],
        ['c', 3],
      ]),
    );
    const next = base.with('b', 20).with('d', 4).without('a');
    expect([...next]).toEqual([
      ['b', 20],
      ['c', 3],
      ['d', 4],
    ]);
    expect(next.size).toBe(3);
    expect([...base]).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    expect(next.get('a')).toBeUndefined();
    expect(next.has('d')).toBe(true);
    expect(next.without('zz')).toBe(next);
  });

  it('agrees with a Map over a long random edit sequence, across compactions', () => {
    let persistent = PersistentMap.from(new Map<string, number>());
    const reference = new Map<string, number>();
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const key = `k${seed % 97}`;
      if (seed % 3 === 0) {
        persistent = persistent.without(key);
        reference.delete(key);
      } else {
        persistent = persistent.with(key, i);
        reference.set(key, i);
      }
      expect(persistent.size).toBe(reference.size);
    }
    expect(new Map(persistent)).toEqual(reference);
    const keys: string[] = [];
    persistent.forEach((_, key) => {
      keys.push(key);
    });
    expect(keys.sort()).toEqual([...reference.keys()].sort());
  });
});
