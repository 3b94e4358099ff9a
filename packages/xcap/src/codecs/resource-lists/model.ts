import type { XmlAttribute, XmlComment, XmlElement } from '@simplekit/xml';
import type { DocumentLook } from '../xml-support.js';

/** RFC 4826 §3.2 namespace of resource-lists documents. */
export const RESOURCE_LISTS_NAMESPACE = 'urn:ietf:params:xml:ns:resource-lists';

/**
 * Fields every resource-lists element shares. `attributes` holds attributes this codec does not interpret and
 * `extensions` child elements of other namespaces; both are written back as read (RFC 4826 §3.2 allows both).
 */
interface Extensible {
  readonly displayName?: string;
  /** `xml:lang` of the display name. */
  readonly displayNameLang?: string;
  readonly attributes?: readonly XmlAttribute[];
  readonly extensions?: readonly XmlElement[];
}

/** `<entry uri>`: one resource. `uri` is decoded (Blink writes `sip%3Aalice%40example.org`). */
export interface ResourceListEntry extends Extensible {
  readonly kind: 'entry';
  readonly uri: string;
}

/** `<entry-ref ref>`: an entry of another document, by relative XCAP URI (RFC 4826 §3.2). */
export interface ResourceListEntryRef extends Extensible {
  readonly kind: 'entry-ref';
  readonly ref: string;
}

/** `<external anchor>`: a whole list elsewhere, by absolute XCAP URI (Blink's `oma_allcontacts` uses three). */
export interface ResourceListExternal extends Extensible {
  readonly kind: 'external';
  readonly anchor: string;
}

/** Content of a list this codec does not interpret (another namespace, such as Blink's address book, or comments). */
export interface ResourceListForeign {
  readonly kind: 'foreign';
  readonly node: XmlElement | XmlComment;
}

export type ResourceListItem =
  | ResourceListEntry
  | ResourceListEntryRef
  | ResourceListExternal
  | ResourceList
  | ResourceListForeign;

/** `<list name>`: items in document order, nested lists included. */
export interface ResourceList {
  readonly kind: 'list';
  readonly name?: string;
  readonly displayName?: string;
  readonly displayNameLang?: string;
  readonly attributes?: readonly XmlAttribute[];
  readonly items: readonly ResourceListItem[];
}

/** A `resource-lists` document: its top-level lists, plus anything else the root held. */
export interface ResourceListsDocument extends DocumentLook {
  readonly lists: readonly ResourceList[];
  /** Attributes of the root other than namespace declarations. */
  readonly attributes?: readonly XmlAttribute[];
  readonly extensions?: readonly XmlElement[];
}
