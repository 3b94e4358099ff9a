/**
 * Address comparison for watcher decisions. Blink stores contact URIs as the user typed them, with or without the
 * `sip:` scheme; a watcher arrives from presence.winfo (RFC 3858 §4) as a full URI. RFC 3261 §19.1.4: the scheme and
 * host compare case-insensitively, the user part case-sensitively.
 */
export function addressKey(uri: string): string {
  let rest = uri.trim();
  const colon = rest.indexOf(':');
  let scheme = 'sip';
  if (colon !== -1 && /^[A-Za-z][A-Za-z0-9+.-]*$/.test(rest.slice(0, colon)) && !rest.slice(colon + 1).match(/^\d+$/)) {
    scheme = rest.slice(0, colon).toLowerCase();
    rest = rest.slice(colon + 1);
  }
  if (scheme === 'sips') scheme = 'sip';
  const at = rest.lastIndexOf('@');
  return at === -1
    ? `${scheme}:${rest.toLowerCase()}`
    : `${scheme}:${rest.slice(0, at)}@${rest.slice(at + 1).toLowerCase()}`;
}

export function sameAddress(a: string, b: string): boolean {
  return a === b || addressKey(a) === addressKey(b);
}

/** A URI with a scheme: `sip:` is added to a bare `user@host` (OMA/common-policy identities need full URIs). */
export function withScheme(uri: string): string {
  // Fast path for the schemes address books hold (this runs over every granted URI on each derivation).
  if (uri.startsWith('sip:') || uri.startsWith('sips:') || uri.startsWith('tel:') || uri.startsWith('xmpp:'))
    return uri;
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri) && !/^[^:@]+:\d+(?:$|[/;?])/.test(uri) ? uri : `sip:${uri}`;
}
