// @simplekit/account: public API. Each module exports from here only.
export {
  type AccountConfig,
  type AccountConfigInput,
  type AccountSwitches,
  type Credentials,
  type CredentialsProvider,
  DEFAULT_SWITCHES,
  type OutboundProxy,
  parseAddress,
  resolveAccountConfig,
  type SipTransportKind,
} from './config/config.js';
export { type DirectoryEnvironment, type SimplekitDirectories, simplekitDirectories } from './config/directories.js';
export { type Account, createAccount } from './engine/account.js';
export type {
  AccountCommands,
  ContactAddressInput,
  ContactChangesInput,
  ContactInput,
} from './engine/commands.js';
export {
  type ContactIcon,
  fetchIconOverHttp,
  ICON_TYPES,
  type IconHttpGet,
  MAX_ICON_BYTES,
} from './engine/contact-icons.js';
export type { AccountDependencies, AccountTrace, SipUserAgentInit } from './engine/dependencies.js';
export type { AccountEvent } from './engine/events.js';
export {
  AccountConfigError,
  AccountError,
  type AccountErrorCode,
  AccountIconError,
  AccountJournalError,
  AccountStateError,
  AccountStoppedError,
  AccountStorageError,
} from './errors.js';
export { type Clock, systemClock, type TimerHandle } from './host/clock.js';
export { createNodeHostInfo, createStaticHostInfo, type HostInfo, type NodeHostInfoOptions } from './host/host-info.js';
export { type Journal, type JournalEntry, type OpenJournalOptions, openJournal } from './journal/journal.js';
export type {
  SipNotify,
  SipPublication,
  SipPublishOptions,
  SipRegistration,
  SipSubscribeOptions,
  SipSubscription,
  SipUserAgentEvent,
  SipUserAgentPort,
} from './ports/sip.js';
export type { XcapClientFactory, XcapPort } from './ports/xcap.js';
export {
  adaptSipCoreUserAgent,
  type SipCoreNotification,
  type SipCorePublicationLike,
  type SipCoreSubscriptionLike,
  type SipCoreUserAgentLike,
} from './sip/sip-core-adapter.js';
export {
  type SipCoreExtraOptions,
  type SipCoreUserAgentOptionsLike,
  sipCoreUserAgents,
} from './sip/sip-core-factory.js';
export type { AccountEdit } from './state/edits.js';
export { type HealthCode, healthCodeOf } from './state/health-code.js';
export type {
  AccountHealth,
  AccountSnapshot,
  AddressBook,
  Availability,
  BlockedEntry,
  Contact,
  ContactEntry,
  ContactPresence,
  ContactUri,
  DeviceView,
  Group,
  GroupEntry,
  Health,
  HealthState,
  OfflineStatus,
  OwnIcon,
  OwnPresence,
  PolicyEntry,
  PolicyValue,
  PresenceSubscriptionState,
  PresenceSwitches,
  PresenceView,
  StatusHistoryEntry,
  Watcher,
  WatcherStatus,
} from './state/types.js';
export {
  type AccountStorage,
  createFileStorage,
  createMemoryStorage,
  type StateFiles,
  type WriteStateOptions,
} from './storage/account-storage.js';
export type { StoredAccount } from './storage/stored-accounts.js';
export type { Store, StoreListener } from './store/store.js';
