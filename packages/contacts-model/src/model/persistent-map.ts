const GONE: unique symbol = Symbol('gone');
type Slot<V> = V | typeof GONE;

/** Flatten when the overlay holds this many changes: keeps copies small while bounding lookups through it. */
const MAX_DELTA = 64;

/**
 * An immutable, insertion-ordered map with cheap single-key updates: a shared base map plus a small overlay of
 * changes, folded into a new base once it grows. An edit of one contact in a 10,000-contact book copies the overlay
 * (at most 64 entries), not the whole map. Iteration order is a Map's: replaced keys keep their place, new keys come
 * last.
 */
export class PersistentMap<V> implements ReadonlyMap<string, V> {
  private constructor(
    private readonly base: ReadonlyMap<string, V>,
    private readonly delta: ReadonlyMap<string, Slot<V>>,
    /** Keys of `delta` that `base` lacks, in insertion order (some may be GONE again). */
    private readonly added: readonly string[],
    readonly size: number,
  ) {}

  static from<V>(map: ReadonlyMap<string, V>): PersistentMap<V> {
    return map instanceof PersistentMap ? (map as PersistentMap<V>) : new PersistentMap(map, new Map(), [], map.size);
  }

  get(key: string): V | undefined {
    const slot = this.delta.get(key);
    if (slot === GONE) return undefined;
    return slot !== undefined ? slot : this.base.get(key);
  }

  has(key: string): boolean {
    const slot = this.delta.get(key);
    if (slot === GONE) return false;
    return slot !== undefined || this.base.has(key);
  }

  /** A map with `key` set to `value`. */
  with(key: string, value: V): PersistentMap<V> {
    const present = this.has(key);
    const delta = new Map(this.delta);
    delta.set(key, value);
    const added = this.base.has(key) || this.added.includes(key) ? this.added : [...this.added, key];
    return new PersistentMap(this.base, delta, added, present ? this.size : this.size + 1).compact();
  }

  /** A map without `key`. */
  without(key: string): PersistentMap<V> {
    if (!this.has(key)) return this;
    const delta = new Map(this.delta);
    delta.set(key, GONE);
    return new PersistentMap(this.base, delta, this.added, this.size - 1).compact();
  }

  private compact(): PersistentMap<V> {
    if (this.delta.size <= MAX_DELTA) return this;
    // A native copy of the base, then the overlay: set() on an existing key keeps its position, as entries() does.
    const flat = new Map(this.base);
    for (const [key, slot] of this.delta) {
      if (slot === GONE) flat.delete(key);
      else if (flat.has(key)) flat.set(key, slot);
    }
    for (const key of this.added) {
      const slot = this.delta.get(key);
      if (slot !== undefined && slot !== GONE) flat.set(key, slot);
    }
    return new PersistentMap(flat, new Map(), [], this.size);
  }

  *entries(): MapIterator<[string, V]> {
    for (const [key, value] of this.base) {
      const slot = this.delta.get(key);
      if (slot === undefined) yield [key, value];
      else if (slot !== GONE) yield [key, slot];
    }
    for (const key of this.added) {
      const slot = this.delta.get(key);
      if (slot !== undefined && slot !== GONE) yield [key, slot];
    }
  }

  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}
