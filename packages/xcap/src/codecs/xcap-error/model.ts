/** RFC 4825 §11.2: the namespace and media type of XCAP error bodies. */
export const XCAP_ERROR_NAMESPACE = 'urn:ietf:params:xml:ns:xcap-error';
export const XCAP_ERROR_MEDIA_TYPE = 'application/xcap-error+xml';

/** RFC 4825 §11.2 `<exists field>`: a value that must be unique, with the server's suggested alternatives. */
export interface XcapUniquenessConflict {
  /** Node selector (relative to the document) of the offending value, e.g. `rls-services/service/@uri`. */
  readonly field: string;
  readonly altValues: readonly string[];
}

/** One error condition of an `<xcap-error>` body (RFC 4825 §11.2), as a union that a `switch` narrows. */
export type XcapErrorCondition =
  | {
      readonly kind: 'uniqueness-failure';
      readonly phrase?: string;
      readonly exists: readonly XcapUniquenessConflict[];
    }
  | { readonly kind: 'no-parent'; readonly phrase?: string; readonly ancestor?: string }
  | {
      readonly kind:
        | 'not-well-formed'
        | 'not-xml-frag'
        | 'not-xml-att-value'
        | 'schema-validation-error'
        | 'not-utf-8'
        | 'cannot-insert'
        | 'cannot-delete'
        | 'constraint-failure';
      readonly phrase?: string;
    }
  /** An `<extension>` or any element of another namespace (RFC 4825 §11.2 allows both). */
  | { readonly kind: 'extension'; readonly phrase?: string; readonly name: string; readonly namespace: string };

export type XcapErrorKind = XcapErrorCondition['kind'];
