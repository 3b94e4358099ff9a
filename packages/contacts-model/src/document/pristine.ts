import type { XmlElement } from '@simplekit/xml';

const PRISTINE = Symbol('contacts-model.pristine');

/**
 * Marks a value as read from `element` and unchanged since: a non-enumerable property, so the `{ ...value }` copy an
 * edit makes drops it. The writer then emits the element exactly as read, without rebuilding it.
 */
export function markPristine<T extends object>(value: T, element: XmlElement): T {
  Object.defineProperty(value, PRISTINE, { value: element, enumerable: false });
  return value;
}

export function pristineElement(value: object): XmlElement | undefined {
  const element: unknown = (value as { [PRISTINE]?: unknown })[PRISTINE];
  return typeof element === 'object' && element !== null ? (element as XmlElement) : undefined;
}
