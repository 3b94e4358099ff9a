/**
 * Structural sharing helpers: return the previous value when the new one is equal, so identity tells a view what
 * did not change.
 */

/** Shallow equality of two arrays by identity of their elements. */
export function sameElements<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

/** `next` unless it holds exactly the elements of `previous` (by identity), in which case `previous`. */
export function shareArray<T>(previous: readonly T[], next: readonly T[]): readonly T[] {
  return sameElements(previous, next) ? previous : Object.freeze([...next]);
}

/** Deep structural equality for plain JSON-like values (objects, arrays, primitives). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** `next` unless it is deeply equal to `previous`, in which case `previous` (keeping its identity). */
export function share<T>(previous: T | undefined, next: T): T {
  return previous !== undefined && deepEqual(previous, next) ? previous : next;
}

/** Shares every element of `next` with the element of `previous` that has the same key and equal content. */
export function shareByKey<T>(previous: readonly T[], next: readonly T[], key: (item: T) => string): readonly T[] {
  const old = new Map(previous.map((item) => [key(item), item]));
  const merged = next.map((item) => share(old.get(key(item)), item));
  return shareArray(previous, merged);
}
