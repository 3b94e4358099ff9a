// @simplekit/desktop: what the app's pieces share, for anyone embedding the host elsewhere.
export type {
  AccountPhase,
  AccountSetupInput,
  AccountSummary,
  CommandFailure,
  DesktopApi,
  DesktopCommands,
  DesktopMethod,
  DesktopState,
  IconUpload,
} from './bridge/api.js';
export { INITIAL_STATE } from './bridge/api.js';
export { type BridgePort, createBridgeClient } from './bridge/client.js';
export { DesktopCommandError, DesktopError, type DesktopErrorCode } from './bridge/errors.js';
export {
  type CallOutcome,
  type ClientMessage,
  checkCall,
  DESKTOP_METHODS,
  type HostMessage,
  parseClientMessage,
  parseHostMessage,
} from './bridge/protocol.js';
export { type DevWebServer, type DevWebServerOptions, startDevWebServer } from './dev-web/server.js';
export { parseProxy, storedAccountOf } from './host/account-setup.js';
export { contentSecurityPolicy } from './host/csp.js';
export { createDesktopHost, type DesktopHost, type DesktopHostOptions } from './host/desktop-host.js';
export { createNodeDesktopHost } from './host/node-host.js';
export {
  type FileTraceSinkFactory,
  loadFileTraceSink,
  type SipFactory,
  sipFactory,
} from './host/sip-user-agents.js';
