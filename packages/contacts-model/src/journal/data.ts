import type { Contact, ContactUri, Group, PolicyElement } from '../model/types.js';
import type { ContactData, ContactUriData, GroupData, PolicyData } from './ops.js';

// Journal operations carry plain data: the `source` element of a read item stays out of the journal (it is neither
// JSON nor meaningful on another copy of the document).

export function uriData(uri: ContactUri): ContactUriData {
  return {
    id: uri.id,
    uri: uri.uri,
    type: uri.type,
    attributes: uri.attributes,
    blinkAttributes: uri.blinkAttributes,
  };
}

export function contactData(contact: Contact): ContactData {
  return {
    id: contact.id,
    name: contact.name,
    uris: contact.uris.map(uriData),
    defaultUri: contact.defaultUri,
    presence: contact.presence,
    dialog: contact.dialog,
    attributes: contact.attributes,
    blinkAttributes: contact.blinkAttributes,
  };
}

export function groupData(group: Group): GroupData {
  return {
    id: group.id,
    name: group.name,
    contactIds: group.contactIds,
    attributes: group.attributes,
    blinkAttributes: group.blinkAttributes,
  };
}

export function policyData(policy: PolicyElement): PolicyData {
  return {
    id: policy.id,
    uri: policy.uri,
    name: policy.name,
    presence: policy.presence,
    dialog: policy.dialog,
    attributes: policy.attributes,
    blinkAttributes: policy.blinkAttributes,
  };
}
