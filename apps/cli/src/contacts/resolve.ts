import type { AccountSnapshot, Contact, Group } from '@simplekit/account';
import { CliInputError, CliNotFoundError, CliUsageError } from '../frame/errors.js';

/** Labels for contact URIs, as Blink's contact editor names them. */
const TYPE_OF_SCHEME: Readonly<Record<string, string>> = { sip: 'SIP', sips: 'SIP', tel: 'Tel', xmpp: 'XMPP' };

/**
 * A contact address as typed: `sip:`/`sips:` (RFC 3261 §19.1), `tel:` (RFC 3966) or `xmpp:` (RFC 5122) URIs; a bare
 * `user@host` is taken as SIP. Checked for shape only; the engine and the server judge the rest.
 */
export function contactUriOf(input: string): { readonly uri: string; readonly type: string } {
  const text = input.trim();
  const withScheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.test(text) ? text : `sip:${text}`;
  const scheme = withScheme.slice(0, withScheme.indexOf(':')).toLowerCase();
  const type = TYPE_OF_SCHEME[scheme];
  const rest = withScheme.slice(scheme.length + 1);
  if (type === undefined)
    throw new CliInputError('CLI_INPUT', `${input}: only sip:, sips:, tel: and xmpp: addresses are contacts`);
  const ok = scheme === 'tel' ? /^\+?[0-9().\-A-Fa-f*#;=%a-z]+$/.test(rest) : /^[^@\s<>"]+@[^@\s<>"]+$/.test(rest);
  if (!ok || /\s/.test(rest)) throw new CliInputError('CLI_INPUT', `${input}: not a ${type} address`);
  return { uri: `${scheme}:${rest}`, type };
}

function bare(uri: string): string {
  return uri.replace(/^(sips?|tel|xmpp):/i, '').toLowerCase();
}

/** Finds a contact by id, name (case-insensitive) or any of its URIs (with or without scheme). */
export function findContact(snapshot: AccountSnapshot, wanted: string): Contact {
  const byId = snapshot.contacts.find((c) => c.id === wanted);
  if (byId) return byId;
  const key = wanted.toLowerCase();
  const matches = snapshot.contacts.filter(
    (c) =>
      c.name.toLowerCase() === key || c.uris.some((u) => u.uri.toLowerCase() === key || bare(u.uri) === bare(wanted)),
  );
  if (matches.length === 1 && matches[0] !== undefined) return matches[0];
  if (matches.length > 1) {
    throw new CliUsageError(
      `${JSON.stringify(wanted)} names ${matches.length} contacts; use the id (${matches.map((c) => c.id).join(', ')})`,
    );
  }
  throw new CliNotFoundError(`no contact ${JSON.stringify(wanted)} (see simplekit contacts list)`);
}

/** Finds a group by id or name (case-insensitive); undefined when there is none. */
export function findGroup(snapshot: AccountSnapshot, wanted: string): Group | undefined {
  return (
    snapshot.groups.find((g) => g.id === wanted) ??
    snapshot.groups.find((g) => g.name.toLowerCase() === wanted.toLowerCase())
  );
}

export function requireGroup(snapshot: AccountSnapshot, wanted: string): Group {
  const group = findGroup(snapshot, wanted);
  if (group === undefined)
    throw new CliNotFoundError(`no group ${JSON.stringify(wanted)} (see simplekit contacts group list)`);
  return group;
}
