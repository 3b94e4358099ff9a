import type { Attribute, Attributes } from './types.js';

/**
 * A change to one attribute of a bag: set a value (`null` writes `nil="true"`) or remove the attribute. Journal
 * operations carry these instead of whole bags so that concurrent edits of different attributes merge.
 */
export type AttributeChange =
  | { readonly name: string; readonly value: string | null }
  | { readonly name: string; readonly removed: true };

/** The value of `name` in a bag: `undefined` when absent, `null` for `nil`. */
export function attributeOf(bag: Attributes, name: string): string | null | undefined {
  for (const attribute of bag) if (attribute.name === name) return attribute.value;
  return undefined;
}

/** A bag from a plain record, in the record's key order. */
export function attributesFrom(record: Readonly<Record<string, string | null>> | undefined): Attributes {
  if (record === undefined) return [];
  return Object.entries(record).map(([name, value]) => ({ name, value }));
}

/** Applies changes in order: existing attributes keep their position, new ones are appended. */
export function applyAttributeChanges(bag: Attributes, changes: readonly AttributeChange[]): Attributes {
  let out: Attribute[] | undefined;
  for (const change of changes) {
    const current = out ?? bag;
    const index = current.findIndex((a) => a.name === change.name);
    if ('removed' in change) {
      if (index === -1) continue;
      out = current.filter((_, i) => i !== index);
    } else {
      const existing = index === -1 ? undefined : current[index];
      if (existing !== undefined && existing.value === change.value) continue;
      const next = [...current];
      if (index === -1) next.push({ name: change.name, value: change.value });
      else next[index] = { name: change.name, value: change.value };
      out = next;
    }
  }
  return out ?? bag;
}

/** The changes that turn bag `from` into bag `to` (order of `to` is not reproduced, only values). */
export function diffAttributes(from: Attributes, to: Attributes): AttributeChange[] {
  const changes: AttributeChange[] = [];
  for (const attribute of from) {
    if (attributeOf(to, attribute.name) === undefined) changes.push({ name: attribute.name, removed: true });
  }
  for (const attribute of to) {
    if (attributeOf(from, attribute.name) !== attribute.value) {
      changes.push({ name: attribute.name, value: attribute.value });
    }
  }
  return changes;
}

export function sameAttributes(a: Attributes, b: Attributes): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined || x.name !== y.name || x.value !== y.value) return false;
  }
  return true;
}
