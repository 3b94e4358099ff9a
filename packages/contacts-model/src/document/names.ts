import { type QName, qname } from '@simplekit/xml';

/** RFC 4826 §3.2. */
export const RL = 'urn:ietf:params:xml:ns:resource-lists';
/** Blink's address book inside resource-lists (python-sipsimple `addressbook` payload). */
export const AB = 'urn:ag-projects:xml:ns:addressbook';
/** The shared `<attributes>` bag (python-sipsimple `ElementAttributes`). */
export const SIPSIMPLE = 'urn:ag-projects:sipsimple:xml:ns:addressbook';
/** Blink's own `<attributes>` bag. */
export const BLINK = 'urn:ag-projects:blink:xml:ns:addressbook';

/** The prefixes Blink's documents use (`rl:` for resource-lists, python-sipsimple's registered prefixes). */
export const PREFERRED_PREFIXES: Readonly<Record<string, string>> = {
  [RL]: 'rl',
  [AB]: 'addressbook',
  [SIPSIMPLE]: 'sipsimple',
  [BLINK]: 'blink',
};

export const N = {
  resourceLists: qname(RL, 'resource-lists'),
  list: qname(RL, 'list'),
  entry: qname(RL, 'entry'),
  external: qname(RL, 'external'),
  displayName: qname(RL, 'display-name'),
  group: qname(AB, 'group'),
  contact: qname(AB, 'contact'),
  policyElement: qname(AB, 'policy-element'),
  name: qname(AB, 'name'),
  contacts: qname(AB, 'contacts'),
  contactId: qname(AB, 'contact_id'),
  uris: qname(AB, 'uris'),
  uri: qname(AB, 'uri'),
  presence: qname(AB, 'presence'),
  dialog: qname(AB, 'dialog'),
  policy: qname(AB, 'policy'),
  subscribe: qname(AB, 'subscribe'),
  sipsimpleAttributes: qname(SIPSIMPLE, 'attributes'),
  sipsimpleAttribute: qname(SIPSIMPLE, 'attribute'),
  blinkAttributes: qname(BLINK, 'attributes'),
  blinkAttribute: qname(BLINK, 'attribute'),
} satisfies Record<string, QName>;

/** How new elements are written: URI escaping, and the prefix for each of our namespaces. */
export interface WriteContext {
  readonly uris: import('@simplekit/xcap').AnyUriStyle;
  readonly prefixes: Readonly<Record<string, string | null>>;
}

/** The prefix a new element of `name` gets: the document's own binding, else Blink's. */
export function prefixFor(ctx: WriteContext, name: QName): string | null {
  if (name.ns === null) return null;
  const prefix = ctx.prefixes[name.ns];
  return prefix === undefined ? (PREFERRED_PREFIXES[name.ns] ?? null) : prefix;
}
