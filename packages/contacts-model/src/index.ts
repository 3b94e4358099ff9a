// @simplekit/contacts-model: public API. Each module exports from here only.
export {
  type DeriveDocumentsOptions,
  type DerivedDocuments,
  deriveDocuments,
  deriveResourceLists,
} from './derive/documents.js';
export { type DerivedAddressLists, type DerivedLists, deriveEventLists, deriveLists } from './derive/lists.js';
export { type AccountLocation, ListNames, listUrl, resourceListsUrl } from './derive/locations.js';
export {
  BlinkRuleIds,
  derivePresRules,
  IdentityRuleIds,
  type PresRuleSpec,
  type PresRulesOptions,
  type RuleCondition,
  type SubHandling,
} from './derive/pres-rules.js';
export {
  deriveRlsServices,
  dialogRlsUri,
  presenceRlsUri,
  type RlsServiceSpec,
  type RlsServicesOptions,
} from './derive/rls-services.js';
export { AB, BLINK, RL, SIPSIMPLE } from './document/names.js';
export { ADDRESS_BOOK_XML_LIMITS, type ReadAddressBookOptions, readAddressBook } from './document/read.js';
export * from './errors.js';
export { type ApplyOutcome, type ApplyResult, applyJournal, applyOp } from './journal/apply.js';
export type * from './journal/ops.js';
export { type MergeConflict, type MergeOptions, type MergeResult, mergeJournal } from './merge/merge.js';
export { addressKey, sameAddress } from './model/address.js';
export { type AttributeChange, attributeOf } from './model/attributes.js';
export {
  type AddressBook,
  type Attribute,
  type Attributes,
  type Contact,
  type ContactUri,
  DEFAULT_HANDLING,
  type EventHandling,
  emptyAddressBook,
  type Group,
  type PolicyElement,
  type PolicyValue,
} from './model/types.js';
export type { AttributesUpdate } from './operations/changes-input.js';
export {
  addContact,
  type ContactUpdate,
  type NewContact,
  type NewContactUri,
  removeContact,
  renameContact,
  updateContact,
} from './operations/contact.js';
export {
  addGroup,
  addGroupMember,
  type GroupUpdate,
  moveContact,
  type NewGroup,
  removeGroup,
  removeGroupMember,
  renameGroup,
  updateGroup,
} from './operations/group.js';
export type { AttributesInput, HandlingInput } from './operations/inputs.js';
export { addPolicy, type NewPolicy, type PolicyUpdate, removePolicy, updatePolicy } from './operations/policy.js';
export { newItemId, type OperationResult } from './operations/result.js';
export { addContactUri, type ContactUriUpdate, removeContactUri, updateContactUri } from './operations/uri.js';
export {
  allowWatcher,
  blockedItems,
  blockWatcher,
  denyWatcher,
  pendingWatchers,
  unblockWatcher,
} from './operations/watcher.js';
