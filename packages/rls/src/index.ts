// @simplekit/rls: public API. Each module exports from here only.
export { InstanceBodyError, MultipartError, RlmiError, RlsError, type RlsErrorCode } from './errors.js';
export { formatMediaType, type MediaType, parseMediaType } from './multipart/media-type.js';
export { parseMultipart } from './multipart/parse.js';
export {
  type MultipartInput,
  type PartInput,
  type SerialisedMultipart,
  serialiseMultipart,
} from './multipart/serialise.js';
export type { BodyPart, Multipart, MultipartLimits, PartHeader } from './multipart/types.js';
export {
  type BodyDecoder,
  type BodyDecoders,
  type BodyResult,
  InstanceBody,
} from './notification/body.js';
export { type DecodeNotificationOptions, decodeRlsNotification } from './notification/decode.js';
export type {
  InstanceContent,
  NestedListContent,
  NotifiedInstance,
  NotifiedResource,
  RlsNotification,
  RlsProblem,
} from './notification/types.js';
export { normaliseCid } from './rlmi/document.js';
export { parseRlmi } from './rlmi/parse.js';
export { type RlmiListInput, serialiseRlmi } from './rlmi/serialise.js';
export {
  type InstanceStatus,
  RLMI_CONTENT_TYPE,
  RLMI_NAMESPACE,
  type RlmiDefect,
  type RlmiInstance,
  type RlmiList,
  type RlmiName,
  type RlmiResource,
} from './rlmi/types.js';
export { ListSubscriptionState } from './state/list-subscription-state.js';
export type {
  ApplyOutcome,
  ApplyResult,
  InstanceState,
  ListStateView,
  ListSubscriptionOptions,
  NestedChanges,
  NestedListState,
  ResourceChange,
  ResourceState,
  ResourceStatus,
  TerminatedInstance,
} from './state/types.js';
