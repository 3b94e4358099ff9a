import { describe, expect, it } from 'vitest';
import { share, shareArray, shareByKey } from './sharing.js';
import { createStore } from './store.js';

describe('store', () => {
  it('hands listeners the new snapshot, the events and the previous snapshot', () => {
    const store = createStore<{ n: number }, string>({ n: 0 });
    const seen: unknown[] = [];
    store.subscribe((s, events, previous) => seen.push([s.n, events, previous.n]));
    store.update((s) => ({ n: s.n + 1 }), ['inc']);
    expect(seen).toEqual([[1, ['inc'], 0]]);
    expect(store.getSnapshot()).toEqual({ n: 1 });
  });

  it('keeps the same snapshot object and notifies nobody when nothing changed', () => {
    const store = createStore<{ n: number }, string>({ n: 0 });
    const before = store.getSnapshot();
    let calls = 0;
    store.subscribe(() => {
      calls += 1;
    });
    store.update((s) => s);
    expect(store.getSnapshot()).toBe(before);
    expect(calls).toBe(0);
  });

  it('delivers updates made by a listener after the current one, in order, to every listener', () => {
    const store = createStore<{ n: number }, string>({ n: 0 });
    const a: number[] = [];
    const b: number[] = [];
    store.subscribe((s) => {
      a.push(s.n);
      if (s.n === 1) store.update(() => ({ n: 2 }));
    });
    store.subscribe((s) => b.push(s.n));
    store.update(() => ({ n: 1 }));
    expect(a).toEqual([1, 2]);
    expect(b).toEqual([1, 2]);
  });

  it('reports a throwing listener and still tells the others', () => {
    const errors: unknown[] = [];
    const store = createStore<number, string>(0, (e) => errors.push(e));
    const seen: number[] = [];
    store.subscribe(() => {
      throw new Error('boom');
    });
    store.subscribe((s) => seen.push(s));
    store.update(() => 1);
    expect(seen).toEqual([1]);
    expect(errors).toHaveLength(1);
  });

  it('emits events without changing the snapshot, and stops after unsubscribe', () => {
    const store = createStore<number, string>(0);
    const events: string[] = [];
    const off = store.subscribe((_s, e) => events.push(...e));
    store.emit(['hello']);
    off();
    store.emit(['ignored']);
    expect(events).toEqual(['hello']);
  });
});

describe('structural sharing', () => {
  it('keeps the previous array when the elements are the same objects', () => {
    const x = { a: 1 };
    const prev = [x];
    expect(shareArray(prev, [x])).toBe(prev);
    expect(shareArray(prev, [{ a: 1 }])).not.toBe(prev);
  });

  it('keeps the previous value when it is deeply equal', () => {
    const prev = { a: [1, { b: 'c' }], d: undefined };
    expect(share(prev, { a: [1, { b: 'c' }] })).toBe(prev);
    expect(share(prev, { a: [1, { b: 'x' }] })).not.toBe(prev);
  });

  it('shares unchanged elements by key', () => {
    const a = { id: 'a', v: 1 };
    const b = { id: 'b', v: 1 };
    const next = shareByKey(
      [a, b],
      [
        { id: 'a', v: 1 },
        { id: 'b', v: 2 },
      ],
      (x) => x.id,
    );
    expect(next[0]).toBe(a);
    expect(next[1]).toEqual({ id: 'b', v: 2 });
  });
});
