// The few parts of an XML tree that the RLMI reader needs: expanded names, attributes and children. The element
// tree of `@simplekit/xml` has this shape, and so does the reader in `scan.ts` that parseRlmi uses.

export interface RlmiXmlAttribute {
  readonly ns: string | null;
  readonly local: string;
  readonly value: string;
}

export interface RlmiXmlElement {
  readonly type: 'element';
  readonly name: { readonly ns: string | null; readonly local: string };
  readonly attributes: readonly RlmiXmlAttribute[];
  readonly children: readonly RlmiXmlNode[];
}

export type RlmiXmlNode =
  | RlmiXmlElement
  | { readonly type: 'text'; readonly value: string }
  | { readonly type: 'comment'; readonly value: string };

export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
