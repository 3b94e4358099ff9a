import { documentUri } from '@simplekit/xcap';
import { ContactsOptionsError } from '../errors.js';
import { withScheme } from '../model/address.js';

/** Where the account's documents live: enough to build every URL the derived documents point at. */
export interface AccountLocation {
  /** The XCAP User Identifier, e.g. `sip:alice@example.org` (RFC 4825 §4). */
  readonly xui: string;
  /** The XCAP root URI, e.g. `https://xcap.example.org/xcap-root`. */
  readonly xcapRoot: string;
}

/** Names of the resource-lists lists Blink keeps (MISSION: "Interoperating with Blink's own documents"). */
export const ListNames = {
  addressBook: 'sipsimple_addressbook',
  buddies: 'oma_buddylist',
  presenceGranted: 'oma_grantedcontacts',
  presenceBlocked: 'oma_blockedcontacts',
  all: 'oma_allcontacts',
  dialogGranted: 'dialog_grantedcontacts',
  dialogBlocked: 'dialog_blockedcontacts',
  presenceRls: 'sipsimple_presence_rls',
  dialogRls: 'sipsimple_dialog_rls',
} as const;

export function checkLocation(location: AccountLocation): void {
  if (location.xui.trim().length === 0) throw new ContactsOptionsError('xui is empty');
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]/.test(location.xcapRoot)) {
    throw new ContactsOptionsError(`xcapRoot ${JSON.stringify(location.xcapRoot)} is not an absolute URI`);
  }
}

/** `<root>/resource-lists/users/<xui>/index` (RFC 4825 §6.2). */
export function resourceListsUrl(location: AccountLocation): string {
  return documentUri(location.xcapRoot, { auid: 'resource-lists', xui: location.xui }, location.xui);
}

/**
 * The URL of one list of the account's resource-lists document, as Blink writes it: the document URL, `/~~`, and the
 * node selector `/resource-lists/list[@name="…"]` (RFC 4825 §6.3) left unescaped — the anyURI encoding of the
 * value escapes it when written Blink's way.
 */
export function listUrl(location: AccountLocation, name: string): string {
  return `${resourceListsUrl(location)}/~~/resource-lists/list[@name="${name}"]`;
}

/** The user and host parts of the account address (`sip:alice@example.org` → `alice`, `example.org`). */
export function accountParts(xui: string): { user: string; host: string } {
  const address = withScheme(xui).replace(/^[A-Za-z][A-Za-z0-9+.-]*:/, '');
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1)
    throw new ContactsOptionsError(`xui ${JSON.stringify(xui)} has no user@host`);
  return { user: address.slice(0, at), host: address.slice(at + 1) };
}
