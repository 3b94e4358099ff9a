/** RFC 3863 PIDF. */
export const PIDF_NS = 'urn:ietf:params:xml:ns:pidf';
/** RFC 4479 data model (person, device, deviceID). */
export const DATA_MODEL_NS = 'urn:ietf:params:xml:ns:pidf:data-model';
/** RFC 4480 RPID. */
export const RPID_NS = 'urn:ietf:params:xml:ns:pidf:rpid';
/** RFC 4482 CIPID. */
export const CIPID_NS = 'urn:ietf:params:xml:ns:pidf:cipid';
/** RFC 5196 service capabilities. */
export const CAPS_NS = 'urn:ietf:params:xml:ns:pidf:caps';
/** AG Projects PIDF extensions (extended status, device-info). */
export const AGP_PIDF_NS = 'urn:ag-projects:xml:ns:pidf';
/** AG Projects capabilities (file-transfer, screen-sharing, …). */
export const AGP_CAPS_NS = 'urn:ag-projects:xml:ns:pidf:caps';
/** RFC 3858 watcher information. */
export const WATCHERINFO_NS = 'urn:ietf:params:xml:ns:watcherinfo';

/** The prefixes Blink writes; used when serialising so that output looks like Blink's. */
export const PIDF_PREFIXES: Readonly<Record<string, string>> = Object.freeze({
  [PIDF_NS]: '',
  [DATA_MODEL_NS]: 'dm',
  [RPID_NS]: 'rpid',
  [CIPID_NS]: 'c',
  [CAPS_NS]: 'caps',
  [AGP_PIDF_NS]: 'agp-pidf',
  [AGP_CAPS_NS]: 'agp-caps',
});
