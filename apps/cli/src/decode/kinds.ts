/** Every kind of input `simplekit decode` understands. */
export type DocumentKind =
  | 'sip'
  | 'trace'
  | 'pidf'
  | 'watcherinfo'
  | 'rlmi'
  | 'rls-notification'
  | 'resource-lists'
  | 'rls-services'
  | 'pres-rules'
  | 'pres-content'
  | 'xcap-directory'
  | 'xcap-caps'
  | 'xcap-error'
  | 'xcap-diff';

/** Media types (essence, lower case) of the bodies and documents, from their RFCs and the OMA XDM specs. */
export const MEDIA_TYPE_KINDS: Readonly<Record<string, DocumentKind>> = {
  'message/sip': 'sip',
  'application/pidf+xml': 'pidf',
  'application/watcherinfo+xml': 'watcherinfo',
  'application/rlmi+xml': 'rlmi',
  'multipart/related': 'rls-notification',
  'application/resource-lists+xml': 'resource-lists',
  'application/rls-services+xml': 'rls-services',
  'application/auth-policy+xml': 'pres-rules',
  'application/vnd.oma.pres-content+xml': 'pres-content',
  'application/vnd.oma.xcap-directory+xml': 'xcap-directory',
  'application/xcap-caps+xml': 'xcap-caps',
  'application/xcap-error+xml': 'xcap-error',
  'application/xcap-diff+xml': 'xcap-diff',
};

/** Root elements (`{namespace}local`) of the XML documents. */
export const ROOT_KINDS: Readonly<Record<string, DocumentKind>> = {
  '{urn:ietf:params:xml:ns:pidf}presence': 'pidf',
  '{urn:ietf:params:xml:ns:watcherinfo}watcherinfo': 'watcherinfo',
  '{urn:ietf:params:xml:ns:rlmi}list': 'rlmi',
  '{urn:ietf:params:xml:ns:resource-lists}resource-lists': 'resource-lists',
  '{urn:ietf:params:xml:ns:rls-services}rls-services': 'rls-services',
  '{urn:ietf:params:xml:ns:common-policy}ruleset': 'pres-rules',
  '{urn:oma:xml:prs:pres-content}content': 'pres-content',
  '{urn:oma:xml:xdm:xcap-directory}xcap-directory': 'xcap-directory',
  '{urn:ietf:params:xml:ns:xcap-caps}xcap-caps': 'xcap-caps',
  '{urn:ietf:params:xml:ns:xcap-error}xcap-error': 'xcap-error',
  '{urn:ietf:params:xml:ns:xcap-diff}xcap-diff': 'xcap-diff',
};

export const KIND_NAMES: readonly DocumentKind[] = [
  'sip',
  'trace',
  'pidf',
  'watcherinfo',
  'rlmi',
  'rls-notification',
  'resource-lists',
  'rls-services',
  'pres-rules',
  'pres-content',
  'xcap-directory',
  'xcap-caps',
  'xcap-error',
  'xcap-diff',
];
