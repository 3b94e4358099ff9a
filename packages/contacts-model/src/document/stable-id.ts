/**
 * Ids for items a document holds without one (written by hand or by another client). The id is a hash of the item's
 * kind, position and content, so reading the same document twice gives the same ids until the next write stores
 * them. FNV-1a (64 bits from two 32-bit lanes) is enough: ids only need to be unique within one document, and a
 * clash falls back to a counter.
 */
export function stableId(seed: string, taken: { has(id: string): boolean }): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < seed.length; i++) {
    const c = seed.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c ^ (a & 0xff), 0x01000193) >>> 0;
  }
  const base = `id${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}`;
  let id = base;
  for (let n = 1; taken.has(id); n++) id = `${base}_${n}`;
  return id;
}
