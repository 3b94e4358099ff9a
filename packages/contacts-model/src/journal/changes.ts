import { applyAttributeChanges } from '../model/attributes.js';
import type { Contact, ContactUri, EventHandling, Group, PolicyElement } from '../model/types.js';
import type {
  BagChanges,
  ContactChanges,
  ContactUriChanges,
  GroupChanges,
  HandlingChanges,
  PolicyChanges,
} from './ops.js';

// Applying the field-level changes of an update operation. Each function returns the very same object when nothing
// changes, so callers can tell a no-op by identity.

function handling(current: EventHandling, policy: EventHandling['policy'] | undefined, subscribe: boolean | undefined) {
  const next: EventHandling = { policy: policy ?? current.policy, subscribe: subscribe ?? current.subscribe };
  return next.policy === current.policy && next.subscribe === current.subscribe ? current : next;
}

function bags<T extends { attributes: Contact['attributes']; blinkAttributes: Contact['attributes'] }>(
  item: T,
  changes: BagChanges,
): Pick<T, 'attributes' | 'blinkAttributes'> {
  return {
    attributes: changes.attributes ? applyAttributeChanges(item.attributes, changes.attributes) : item.attributes,
    blinkAttributes: changes.blinkAttributes
      ? applyAttributeChanges(item.blinkAttributes, changes.blinkAttributes)
      : item.blinkAttributes,
  };
}

function handlings<T extends { presence: EventHandling; dialog: EventHandling }>(item: T, changes: HandlingChanges) {
  return {
    presence: handling(item.presence, changes.presencePolicy, changes.presenceSubscribe),
    dialog: handling(item.dialog, changes.dialogPolicy, changes.dialogSubscribe),
  };
}

function unchanged(a: object, b: object): boolean {
  for (const key of Object.keys(b) as (keyof typeof b)[]) if (a[key] !== b[key]) return false;
  return true;
}

export function changeContact(contact: Contact, changes: ContactChanges): Contact {
  const next = {
    name: changes.name ?? contact.name,
    defaultUri: changes.defaultUri === undefined ? contact.defaultUri : changes.defaultUri,
    ...handlings(contact, changes),
    ...bags(contact, changes),
  };
  return unchanged(contact, next) ? contact : { ...contact, ...next };
}

export function changeUri(uri: ContactUri, changes: ContactUriChanges): ContactUri {
  const next = {
    uri: changes.uri ?? uri.uri,
    type: changes.type === undefined ? uri.type : changes.type,
    ...bags(uri, changes),
  };
  return unchanged(uri, next) ? uri : { ...uri, ...next };
}

export function changeGroup(group: Group, changes: GroupChanges): Group {
  const next = { name: changes.name ?? group.name, ...bags(group, changes) };
  return unchanged(group, next) ? group : { ...group, ...next };
}

export function changePolicy(policy: PolicyElement, changes: PolicyChanges): PolicyElement {
  const next = {
    uri: changes.uri ?? policy.uri,
    name: changes.name ?? policy.name,
    ...handlings(policy, changes),
    ...bags(policy, changes),
  };
  return unchanged(policy, next) ? policy : { ...policy, ...next };
}
