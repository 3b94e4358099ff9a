import type { XmlElement, XmlNamespaceDeclaration, XmlNode } from '@simplekit/xml';

/** RFC 5874 §7: namespace of `application/xcap-diff+xml` documents. */
export const XCAP_DIFF_NAMESPACE = 'urn:ietf:params:xml:ns:xcap-diff';
export const XCAP_DIFF_MEDIA_TYPE = 'application/xcap-diff+xml';

/**
 * Prefix → namespace bindings in scope at a patch operation (RFC 5261 §4.2.1: selectors resolve their prefixes, and
 * unprefixed element names the default namespace, through the patch document's in-scope declarations).
 */
export type PatchNamespaces = readonly XmlNamespaceDeclaration[];

/** RFC 5261 §4.3 `<add>`: new nodes as children (at the end, or first with `prepend`) or siblings of `sel`. */
export interface PatchAdd {
  readonly op: 'add';
  readonly sel: string;
  readonly pos?: 'before' | 'after' | 'prepend';
  /** `@name` to add an attribute, `namespace::prefix` to add a namespace declaration (content is the value). */
  readonly type?: string;
  readonly content: readonly XmlNode[];
  readonly namespaces: PatchNamespaces;
}

/** RFC 5261 §4.4 `<replace>`: an element by one element, an attribute value, a text node, a namespace URI. */
export interface PatchReplace {
  readonly op: 'replace';
  readonly sel: string;
  readonly content: readonly XmlNode[];
  readonly namespaces: PatchNamespaces;
}

/** RFC 5261 §4.5 `<remove>`: an element (with adjacent whitespace per `ws`), attribute, namespace or text node. */
export interface PatchRemove {
  readonly op: 'remove';
  readonly sel: string;
  readonly ws?: 'before' | 'after' | 'both';
  readonly namespaces: PatchNamespaces;
}

export type PatchOperation = PatchAdd | PatchReplace | PatchRemove;

/**
 * RFC 5874 §4 `<document>`: one document changed from `previousEtag` to `newEtag`. No `newEtag`: it was removed;
 * no `previousEtag`: it was created. `operations` patch the previous version into the new one; `bodyNotChanged`
 * says only the ETag changed; neither means "changed, fetch it".
 */
export interface XcapDiffDocument {
  /** Document selector relative to the XCAP root, e.g. `resource-lists/users/sip:joe@example.com/index`. */
  readonly sel: string;
  readonly previousEtag?: string;
  readonly newEtag?: string;
  readonly bodyNotChanged?: boolean;
  readonly operations: readonly PatchOperation[];
}

/** RFC 5874 §4 `<element>`: the element at `sel` now exists (`content`, when sent) or no longer does. */
export interface XcapDiffElement {
  readonly sel: string;
  readonly exists?: boolean;
  readonly content?: XmlElement;
}

/** RFC 5874 §4 `<attribute>`: the attribute at `sel` now has `value`, or no longer exists. */
export interface XcapDiffAttribute {
  readonly sel: string;
  readonly exists?: boolean;
  readonly value?: string;
}

export interface XcapDiff {
  readonly xcapRoot: string;
  /** In document order, so that chained changes of one document (ETag after ETag) apply in sequence. */
  readonly documents: readonly XcapDiffDocument[];
  readonly elements: readonly XcapDiffElement[];
  readonly attributes: readonly XcapDiffAttribute[];
  /** Child elements of other namespaces, kept as read. */
  readonly extensions?: readonly XmlElement[];
}
