import { firstChildElement, type XmlElement } from '@simplekit/xml';
import type { Attributes, Contact, ContactUri, EventHandling, Group, PolicyElement } from '../model/types.js';
import { N } from './names.js';

/**
 * Items exactly as read from a document are instances of these classes; the writer emits their `source` as it is,
 * without rebuilding it. Every edit makes a copy (`{ ...item, … }`), which is a plain object: the mark goes with it.
 * (A class costs nothing per item, where a hidden property would cost a property store on every one.)
 */
abstract class Pristine {
  abstract readonly source: XmlElement | undefined;
}

export function isPristine(value: object): boolean {
  return value instanceof Pristine;
}

/** The element to write back as it is, when `value` is pristine. */
export function pristineElement(value: { readonly source?: XmlElement | undefined }): XmlElement | undefined {
  return value instanceof Pristine ? value.source : undefined;
}

/** The fields an item of each kind is read into (its model, without `source`). */
type Fields<T> = Omit<T, 'source'>;

export class PristineContact extends Pristine implements Contact {
  readonly id: string;
  readonly name: string;
  readonly uris: readonly ContactUri[];
  readonly defaultUri: string | null;
  readonly presence: EventHandling;
  readonly dialog: EventHandling;
  readonly attributes: Attributes;
  readonly blinkAttributes: Attributes;
  readonly source: XmlElement;

  constructor(fields: Fields<Contact>, source: XmlElement) {
    super();
    this.id = fields.id;
    this.name = fields.name;
    this.uris = fields.uris;
    this.defaultUri = fields.defaultUri;
    this.presence = fields.presence;
    this.dialog = fields.dialog;
    this.attributes = fields.attributes;
    this.blinkAttributes = fields.blinkAttributes;
    this.source = source;
  }
}

export class PristineGroup extends Pristine implements Group {
  readonly id: string;
  readonly name: string;
  readonly contactIds: readonly string[];
  readonly attributes: Attributes;
  readonly blinkAttributes: Attributes;
  readonly source: XmlElement;

  constructor(fields: Fields<Group>, source: XmlElement) {
    super();
    this.id = fields.id;
    this.name = fields.name;
    this.contactIds = fields.contactIds;
    this.attributes = fields.attributes;
    this.blinkAttributes = fields.blinkAttributes;
    this.source = source;
  }
}

export class PristinePolicy extends Pristine implements PolicyElement {
  readonly id: string;
  readonly uri: string;
  readonly name: string;
  readonly presence: EventHandling;
  readonly dialog: EventHandling;
  readonly attributes: Attributes;
  readonly blinkAttributes: Attributes;
  readonly source: XmlElement;

  constructor(fields: Fields<PolicyElement>, source: XmlElement) {
    super();
    this.id = fields.id;
    this.uri = fields.uri;
    this.name = fields.name;
    this.presence = fields.presence;
    this.dialog = fields.dialog;
    this.attributes = fields.attributes;
    this.blinkAttributes = fields.blinkAttributes;
    this.source = source;
  }
}

/** The `index`-th `<uri>` of a contact element. */
function uriElementAt(contact: XmlElement, index: number): XmlElement | undefined {
  const uris = firstChildElement(contact, N.uris);
  let at = 0;
  for (const child of uris?.children ?? []) {
    if (child.type === 'element' && child.name.local === N.uri.local && child.name.ns === N.uri.ns) {
      if (at === index) return child;
      at++;
    }
  }
  return undefined;
}

/**
 * A URI as read. When its contact is kept hollow (`@simplekit/xml`), the URI element is not held: `source` reads
 * it again from the contact's text when asked for. `source` is an own, enumerable property (a getter), so a copy
 * made by spreading takes the element with it, as it would a plain value.
 */
export class PristineUri extends Pristine implements ContactUri {
  readonly id: string;
  readonly uri: string;
  readonly type: string | null;
  readonly attributes: Attributes;
  readonly blinkAttributes: Attributes;
  declare readonly source: XmlElement | undefined;
  readonly #contact: XmlElement | undefined;
  readonly #index: number;

  constructor(fields: Fields<ContactUri>, source: XmlElement, contact?: XmlElement, index = 0) {
    super();
    this.id = fields.id;
    this.uri = fields.uri;
    this.type = fields.type;
    this.attributes = fields.attributes;
    this.blinkAttributes = fields.blinkAttributes;
    this.#contact = contact;
    this.#index = index;
    if (contact === undefined) {
      Object.defineProperty(this, 'source', { value: source, enumerable: true, writable: false });
    } else {
      // One function (a private method) for every instance.
      Object.defineProperty(this, 'source', { get: this.#read, enumerable: true });
    }
  }

  #read(): XmlElement | undefined {
    const contact = this.#contact;
    return contact === undefined ? undefined : uriElementAt(contact, this.#index);
  }
}
