// @simplekit/pidf: public API. Each module exports from here only.
export { PidfError, type PidfErrorCode } from './errors.js';
export {
  AGP_CAPS_NS,
  AGP_PIDF_NS,
  CAPS_NS,
  CIPID_NS,
  DATA_MODEL_NS,
  PIDF_NS,
  PIDF_PREFIXES,
  RPID_NS,
  WATCHERINFO_NS,
} from './namespaces.js';
export {
  buildPresence,
  type OwnCapability,
  type OwnDevice,
  type OwnPresenceState,
  type OwnStatus,
} from './presence/build.js';
export type {
  BasicStatus,
  CapabilityFlag,
  Contact,
  Device,
  DeviceInfo,
  Note,
  Person,
  PresenceCharacteristics,
  PresenceDocument,
  RpidEnumeration,
  RpidValidity,
  ServiceCapabilities,
  Status,
  TimeOffset,
  Tuple,
  UserInput,
} from './presence/model.js';
export { parsePresence, readPresence } from './presence/read.js';
export { type Availability, type DeviceSummary, type PresenceSummary, summarize } from './presence/summarize.js';
export { type SerializePresenceOptions, serializePresence, writePresence } from './presence/write.js';
export { decodeUriText, encodeUriText, plainUriText, type UriText } from './uri.js';
export type { Watcher, WatcherEvent, WatcherInfoDocument, WatcherList, WatcherStatus } from './watcherinfo/model.js';
export { parseWatcherInfo, readWatcherInfo } from './watcherinfo/parse.js';
export {
  type WatcherEntry,
  type WatcherInfoOutcome,
  WatcherInfoState,
  type WatcherInfoUpdate,
} from './watcherinfo/state.js';
export { serializeWatcherInfo } from './watcherinfo/write.js';
export type { ReadOptions } from './xml-input.js';
