/** XCAP application usages of the mission: AUIDs (RFC 4825 §6.2 + each usage's spec) and their media types. */
export const XcapApplications = {
  resourceLists: { auid: 'resource-lists', mediaType: 'application/resource-lists+xml' },
  rlsServices: { auid: 'rls-services', mediaType: 'application/rls-services+xml' },
  presRules: { auid: 'pres-rules', mediaType: 'application/auth-policy+xml' },
  omaPresRules: { auid: 'org.openmobilealliance.pres-rules', mediaType: 'application/auth-policy+xml' },
  pidfManipulation: { auid: 'pidf-manipulation', mediaType: 'application/pidf+xml' },
  omaPresContent: { auid: 'org.openmobilealliance.pres-content', mediaType: 'application/vnd.oma.pres-content+xml' },
  omaXcapDirectory: {
    auid: 'org.openmobilealliance.xcap-directory',
    mediaType: 'application/vnd.oma.xcap-directory+xml',
  },
  xcapCaps: { auid: 'xcap-caps', mediaType: 'application/xcap-caps+xml' },
} as const;

/** RFC 4825 §15.2: media types of element, attribute and namespace-binding resources. */
export const XCAP_ELEMENT_MEDIA_TYPE = 'application/xcap-el+xml';
export const XCAP_ATTRIBUTE_MEDIA_TYPE = 'application/xcap-att+xml';
export const XCAP_NAMESPACES_MEDIA_TYPE = 'application/xcap-ns+xml';

/** The media type to PUT a whole document of `auid` with, when the AUID is one we know. */
export function mediaTypeOf(auid: string): string | undefined {
  for (const app of Object.values(XcapApplications)) if (app.auid === auid) return app.mediaType;
  return undefined;
}
