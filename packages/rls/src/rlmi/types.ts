/** RFC 4662 §5.2: the RLMI namespace. */
export const RLMI_NAMESPACE = 'urn:ietf:params:xml:ns:rlmi';
/** RFC 4662 §5.2: the RLMI media type, the root of every list notification. */
export const RLMI_CONTENT_TYPE = 'application/rlmi+xml';

/** A `<name>` with its optional `xml:lang`. */
export interface RlmiName {
  readonly value: string;
  readonly lang?: string;
}

/** RFC 4662 §5.2: the subscription state of one back-end subscription (an instance). */
export type InstanceStatus = 'active' | 'pending' | 'terminated';

export interface RlmiInstance {
  readonly id: string;
  readonly state: InstanceStatus;
  /** Why a `terminated` instance ended (RFC 6665 §4.1.3 reasons, e.g. `rejected`, `noresource`). */
  readonly reason?: string;
  /** Content-ID of the part that carries this instance's state, without brackets or `cid:`. */
  readonly cid?: string;
}

export interface RlmiResource {
  readonly uri: string;
  readonly names: readonly RlmiName[];
  readonly instances: readonly RlmiInstance[];
}

/** One resource or instance that RLMI describes in a way that cannot be used; the rest of the list is sound. */
export interface RlmiDefect {
  readonly message: string;
  readonly resourceUri?: string;
  readonly instanceId?: string;
}

/** An RLMI document (RFC 4662 §5.2). */
export interface RlmiList {
  readonly uri: string;
  /** Scoped to the subscription; each new document the RLS sends increments it (RFC 4662 §5.2). */
  readonly version: number;
  readonly fullState: boolean;
  readonly cid?: string;
  readonly names: readonly RlmiName[];
  readonly resources: readonly RlmiResource[];
  /** Resources or instances skipped because they break the schema. */
  readonly defects: readonly RlmiDefect[];
}
