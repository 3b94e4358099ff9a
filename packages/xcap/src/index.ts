// @simplekit/xcap: public API. Each module exports from here only.
export * from './applications.js';
export type { XcapCredentials } from './client/auth.js';
export {
  createXcapClient,
  type XcapClient,
  type XcapClientOptions,
  type XcapResource,
  type XcapWriteCondition,
  type XcapWriteOptions,
  type XcapWriteResult,
} from './client/client.js';
export { xcapErrorFromResponse } from './client/response-error.js';
export {
  PIDF_MANIPULATION_MEDIA_TYPE,
  parsePidfManipulation,
  serializePidfManipulation,
} from './codecs/pidf-manipulation/pidf-manipulation.js';
export {
  OMA_PRES_CONTENT_NAMESPACE,
  type PresContent,
  parsePresContent,
  serializePresContent,
} from './codecs/pres-content/pres-content.js';
export * from './codecs/pres-rules/model.js';
export { parsePresRules } from './codecs/pres-rules/parse.js';
export { type SerializePresRulesOptions, serializePresRules } from './codecs/pres-rules/serialize.js';
export * from './codecs/resource-lists/model.js';
export { parseResourceLists } from './codecs/resource-lists/parse.js';
export { type SerializeResourceListsOptions, serializeResourceLists } from './codecs/resource-lists/serialize.js';
export * from './codecs/rls-services/model.js';
export { parseRlsServices } from './codecs/rls-services/parse.js';
export { type SerializeRlsServicesOptions, serializeRlsServices } from './codecs/rls-services/serialize.js';
export { parseXcapCaps, serializeXcapCaps, XCAP_CAPS_NAMESPACE, type XcapCaps } from './codecs/xcap-caps/parse.js';
export * from './codecs/xcap-diff/model.js';
export { parseXcapDiff } from './codecs/xcap-diff/parse.js';
export { serializeXcapDiff } from './codecs/xcap-diff/serialize.js';
export {
  parseXcapDirectory,
  serializeXcapDirectory,
  XCAP_DIRECTORY_NAMESPACE,
  type XcapDirectory,
  type XcapDirectoryEntry,
  type XcapDirectoryFolder,
} from './codecs/xcap-directory/parse.js';
export * from './codecs/xcap-error/model.js';
export { parseXcapError } from './codecs/xcap-error/parse.js';
export type { DocumentLook } from './codecs/xml-support.js';
export * from './errors.js';
export { applyPatch } from './patch/apply.js';
export {
  applyXcapDiff,
  applyXcapDiffChain,
  type CachedDocument,
  type XcapDiffOutcome,
} from './patch/document.js';
export type { XcapTraceEntry, XcapTraceSink } from './trace/trace.js';
export { type AnyUriStyle, decodeAnyUri, encodeAnyUriBlink, formatAnyUri } from './uri/any-uri.js';
export { type DocumentRef, documentUri, escapePathSegment, resourceUri } from './uri/resource-uri.js';
export {
  escapeAttValue,
  formatNodeSelector,
  type NodeSelector,
  parseNodeSelector,
  type SelectorStep,
  unescapeAttValue,
} from './uri/selector.js';
