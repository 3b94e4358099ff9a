import type { XcapClient, XcapClientOptions } from '@simplekit/xcap';

/** The part of `@simplekit/xcap`'s client the engine uses; a real `XcapClient` satisfies it. */
export type XcapPort = Pick<
  XcapClient,
  | 'root'
  | 'documentUri'
  | 'etagOf'
  | 'forgetEtag'
  | 'getDocument'
  | 'getDocumentIfChanged'
  | 'putDocument'
  | 'deleteDocument'
  | 'getCapabilities'
>;

export type XcapClientFactory = (options: XcapClientOptions) => XcapPort;
