/** URI parameters and headers keep the order they were written in; names are lower-cased, values unescaped. */
export type UriParams = ReadonlyMap<string, string | null>;

export type HostType = 'ipv4' | 'ipv6' | 'domain';

/** A `sip:` or `sips:` URI (RFC 3261 §19.1). `user`, `password`, params and headers hold unescaped text. */
export interface SipUri {
  readonly kind: 'sip';
  readonly scheme: 'sip' | 'sips';
  readonly user?: string;
  readonly password?: string;
  /** As written; an IPv6 reference keeps its brackets. */
  readonly host: string;
  readonly hostType: HostType;
  readonly port?: number;
  readonly params: UriParams;
  readonly headers: ReadonlyMap<string, string>;
}

/** A `tel:` URI (RFC 3966). `number` is as written, including visual separators. */
export interface TelUri {
  readonly kind: 'tel';
  readonly scheme: 'tel';
  readonly number: string;
  readonly params: UriParams;
}

/** Any other absolute URI (RFC 3986), kept opaque. */
export interface AbsoluteUri {
  readonly kind: 'absolute';
  /** Lower-cased. */
  readonly scheme: string;
  /** Everything after the first `:`. */
  readonly value: string;
}

export type Uri = SipUri | TelUri | AbsoluteUri;
