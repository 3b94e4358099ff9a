import type { XmlElement } from '@simplekit/xml';

/** `<policy>` of a contact's or policy element's `<presence>` / `<dialog>` (Blink: allow, block or default). */
export type PolicyValue = 'allow' | 'block' | 'default';

/** `<presence>` / `<dialog>`: who may watch us, and whether we subscribe to them. */
export interface EventHandling {
  readonly policy: PolicyValue;
  readonly subscribe: boolean;
}

/**
 * One `<attribute name="…">` of an `<attributes>` bag. `null` is `nil="true"` (present, no value), which is not the
 * same as the attribute being absent.
 */
export interface Attribute {
  readonly name: string;
  readonly value: string | null;
}

/** An attribute bag in document order. Names are unique within a bag. */
export type Attributes = readonly Attribute[];

/** Fields every stored item shares. */
interface StoredItem {
  readonly id: string;
  /** `urn:ag-projects:sipsimple:xml:ns:addressbook` `<attributes>`: the free attributes clients share. */
  readonly attributes: Attributes;
  /** `urn:ag-projects:blink:xml:ns:addressbook` `<attributes>`: Blink's own client data. */
  readonly blinkAttributes: Attributes;
  /**
   * The element this item was read from. Writing uses it as a template: attributes and children this package does
   * not own (other namespaces, other clients' markup) are written back unchanged. Absent for new items.
   */
  readonly source?: XmlElement | undefined;
}

/** `<uri id uri type>` of a contact. `type` is written as Blink's UI names it (`SIP`, `XMPP`, `Tel`, …). */
export interface ContactUri extends StoredItem {
  readonly uri: string;
  readonly type: string | null;
}

/** `<contact id>`: name, URIs with the default one, presence and dialog handling. */
export interface Contact extends StoredItem {
  readonly name: string;
  readonly uris: readonly ContactUri[];
  /** `<uris default>`: id of the default URI, `null` when not set. */
  readonly defaultUri: string | null;
  readonly presence: EventHandling;
  readonly dialog: EventHandling;
}

/** `<group id>`: a name and the ids of its member contacts (`<contacts><contact_id>`). */
export interface Group extends StoredItem {
  readonly name: string;
  readonly contactIds: readonly string[];
}

/** `<policy-element id uri>`: presence and dialog handling for an address that is not a contact. */
export interface PolicyElement extends StoredItem {
  readonly uri: string;
  readonly name: string;
  readonly presence: EventHandling;
  readonly dialog: EventHandling;
}

/**
 * The address book: the `sipsimple_addressbook` list of the resource-lists document. Maps keep document order.
 * Treat every value as immutable; operations return new books.
 */
export interface AddressBook {
  readonly groups: ReadonlyMap<string, Group>;
  readonly contacts: ReadonlyMap<string, Contact>;
  readonly policies: ReadonlyMap<string, PolicyElement>;
  /** The resource-lists document the book was read from; foreign lists and markup are written back from it. */
  readonly document?: XmlElement | undefined;
}

export const DEFAULT_HANDLING: EventHandling = { policy: 'default', subscribe: false };

/** An address book with nothing in it (an empty server). */
export function emptyAddressBook(): AddressBook {
  return { groups: new Map(), contacts: new Map(), policies: new Map() };
}

export function isPolicyValue(value: string): value is PolicyValue {
  return value === 'allow' || value === 'block' || value === 'default';
}
