import type { XmlElement } from '@simplekit/xml';

const PRISTINE = Symbol('contacts-model.pristine');

/**
 * Marks a value as read and unchanged since: a non-enumerable flag, so the `{ ...value }` copy an edit makes drops
 * it. The writer then emits the value's `source` exactly as read, without rebuilding it.
 */
export function markPristine<T extends { readonly source?: XmlElement | undefined }>(value: T): T {
  Object.defineProperty(value, PRISTINE, { value: true, enumerable: false });
  return value;
}

/** The element to write back as it is, when `value` is pristine. */
export function pristineElement(value: { readonly source?: XmlElement | undefined }): XmlElement | undefined {
  return isPristine(value) ? value.source : undefined;
}

/** True when `value` is marked pristine (without reading its `source`, which may be read lazily). */
export function isPristine(value: object): boolean {
  return (value as { [PRISTINE]?: unknown })[PRISTINE] === true;
}
