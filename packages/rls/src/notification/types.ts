import type { RlsError } from '../errors.js';
import type { MediaType } from '../multipart/media-type.js';
import type { InstanceStatus, RlmiList, RlmiName } from '../rlmi/types.js';
import type { InstanceBody } from './body.js';

/** A nested resource list (RFC 4662 §5.2, example in §6): the instance's part is itself a multipart/related with an RLMI root. */
export interface NestedListContent<T> {
  readonly kind: 'list';
  readonly notification: RlsNotification<T>;
}

export type InstanceContent<T> = InstanceBody<T> | NestedListContent<T>;

/** One instance as this notification describes it. */
export interface NotifiedInstance<T> {
  readonly id: string;
  readonly state: InstanceStatus;
  readonly reason?: string;
  readonly cid?: string;
  /** The instance's state document, when RLMI names a part for it and that part is usable. */
  readonly content?: InstanceContent<T>;
  /** Why the named part could not be used (`RLS_CID_MISSING`, `RLS_TRANSFER_ENCODING`, …). */
  readonly problem?: RlsError;
}

export interface NotifiedResource<T> {
  readonly uri: string;
  readonly names: readonly RlmiName[];
  readonly instances: readonly NotifiedInstance<T>[];
}

/** Something in a notification that could not be used; the rest of the notification still applies. */
export interface RlsProblem {
  readonly error: RlsError;
  readonly resourceUri?: string;
  readonly instanceId?: string;
  readonly contentId?: string;
}

/** A decoded RLS NOTIFY body: the RLMI list and, per resource instance, its (lazily decoded) state document. */
export interface RlsNotification<T> {
  readonly uri: string;
  readonly version: number;
  readonly fullState: boolean;
  readonly names: readonly RlmiName[];
  readonly resources: readonly NotifiedResource<T>[];
  readonly problems: readonly RlsProblem[];
  /** The root document as parsed, with its schema defects. */
  readonly rlmi: RlmiList;
  readonly contentType: MediaType;
}
