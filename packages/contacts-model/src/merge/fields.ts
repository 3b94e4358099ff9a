import { type AttributeChange, attributeOf } from '../model/attributes.js';
import type { Attributes, EventHandling } from '../model/types.js';

/**
 * Field-level view of items and update operations, for the three-way merge. A field key is a plain property
 * (`name`, `uri`, `type`, `defaultUri`), a handling field (`presencePolicy`, `presenceSubscribe`, `dialogPolicy`,
 * `dialogSubscribe`) or one attribute of a bag (`attributes.<name>`, `blinkAttributes.<name>`). An absent attribute
 * reads as `undefined`, so removing one is setting it to `undefined`.
 */
export type FieldValue = string | boolean | null | undefined;

export type FieldItem = {
  readonly attributes: Attributes;
  readonly blinkAttributes: Attributes;
  readonly presence?: EventHandling;
  readonly dialog?: EventHandling;
} & Readonly<Record<string, unknown>>;

const HANDLING: Readonly<Record<string, readonly ['presence' | 'dialog', 'policy' | 'subscribe']>> = {
  presencePolicy: ['presence', 'policy'],
  presenceSubscribe: ['presence', 'subscribe'],
  dialogPolicy: ['dialog', 'policy'],
  dialogSubscribe: ['dialog', 'subscribe'],
};

const BAGS = ['attributes', 'blinkAttributes'] as const;

/** The value of one field of an item. */
export function fieldOf(target: object, key: string): FieldValue {
  const item = target as FieldItem;
  for (const bag of BAGS) {
    if (key.startsWith(`${bag}.`)) return attributeOf(item[bag], key.slice(bag.length + 1));
  }
  const handling = HANDLING[key];
  if (handling !== undefined) return item[handling[0]]?.[handling[1]];
  const value = item[key];
  return typeof value === 'string' || typeof value === 'boolean' || value === null ? value : undefined;
}

/** The fields an update operation sets, in a stable order. */
export function flattenChanges(changes: object): [string, FieldValue][] {
  const out: [string, FieldValue][] = [];
  for (const [key, value] of Object.entries(changes as Readonly<Record<string, unknown>>)) {
    if (key === 'attributes' || key === 'blinkAttributes') {
      for (const change of value as readonly AttributeChange[]) {
        out.push([`${key}.${change.name}`, 'removed' in change ? undefined : change.value]);
      }
    } else if (typeof value === 'string' || typeof value === 'boolean' || value === null) {
      out.push([key, value]);
    }
  }
  return out;
}

/** Rebuilds update changes from (a subset of) the flattened fields. */
export function unflattenChanges<T>(fields: readonly [string, FieldValue][]): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of fields) {
    const bag = BAGS.find((b) => key.startsWith(`${b}.`));
    if (bag !== undefined) {
      const name = key.slice(bag.length + 1);
      const list = (out[bag] ?? []) as AttributeChange[];
      out[bag] = list;
      list.push(value === undefined ? { name, removed: true } : { name, value: value as string | null });
    } else {
      out[key] = value;
    }
  }
  return out as T;
}

/** True when two items hold the same values in every field this package models (`source` is ignored). */
export function sameFields(a: FieldItem, b: FieldItem): boolean {
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (key === 'source') continue;
    if (!sameValue(a[key], b[key])) return false;
  }
  return true;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    return sameFields(a as FieldItem, b as FieldItem);
  }
  return false;
}
