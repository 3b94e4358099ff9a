import type { XmlAttribute, XmlElement } from '@simplekit/xml';
import type { ResourceList } from '../resource-lists/model.js';
import type { DocumentLook } from '../xml-support.js';

/** RFC 4826 §4.2 namespace of rls-services documents. */
export const RLS_SERVICES_NAMESPACE = 'urn:ietf:params:xml:ns:rls-services';

/** Where a service takes its members from (RFC 4826 §4.1): a resource-lists reference or an inline list. */
export type RlsServiceSource =
  /** `<resource-list>`: absolute HTTP URI of a `<list>` in a resource-lists document (decoded). */
  | { readonly kind: 'resource-list'; readonly uri: string }
  /** `<list>`: members written inline, as a resource-lists list. */
  | { readonly kind: 'list'; readonly list: ResourceList };

/** `<service uri>`: one RLS URI, its members, and the event packages it serves. */
export interface RlsService {
  /** The RLS URI subscribers use (Blink: `sip:<user>+presence@<domain>`), decoded. */
  readonly uri: string;
  readonly source: RlsServiceSource;
  /** `<packages>`: event packages, e.g. `['presence']`; absent means any (RFC 4826 §4.1). */
  readonly packages?: readonly string[];
  readonly attributes?: readonly XmlAttribute[];
  /** Child elements of other namespaces. */
  readonly extensions?: readonly XmlElement[];
}

export interface RlsServicesDocument extends DocumentLook {
  readonly services: readonly RlsService[];
  readonly attributes?: readonly XmlAttribute[];
  readonly extensions?: readonly XmlElement[];
}
