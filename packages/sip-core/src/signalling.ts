// The signalling engine (sip-core part 2): transports, RFC 3263, transactions, Digest retries, dialogs,
// registration, publication, subscriptions, the user agent and the protocol trace. index.ts re-exports it all.
export { type Clock, createSystemClock, ManualClock, type TimerHandle } from './clock/clock.js';
export { Dialog, dialogKey, dialogKeyOfIncoming, type EarlyDialogSide } from './dialog/dialog.js';
export {
  Publication,
  type PublicationEvents,
  type PublicationInfo,
  type PublicationOptions,
  type PublicationState,
} from './publication/publication.js';
export { deviceInstanceId } from './registration/instance-id.js';
export {
  Registration,
  type RegistrationEvents,
  type RegistrationInfo,
  type RegistrationOptions,
  type RegistrationState,
} from './registration/registration.js';
export {
  createDnsResolver,
  createStaticResolver,
  type DnsBackend,
  type DnsResolverOptions,
  destinationOfUri,
  type NaptrAnswer,
  orderSrv,
  ResolveError,
  type SipDestination,
  type SipResolver,
  type SrvAnswer,
} from './resolver/resolver.js';
export {
  type Notification,
  Subscription,
  type SubscriptionEvents,
  type SubscriptionOptions,
  type SubscriptionStatus,
  type SubscriptionTermination,
} from './subscription/subscription.js';
export { actionForTermination, type TerminationAction } from './subscription/subscription-state.js';
export { createChannelTraceSink, SIP_TRACE_CHANNEL, teeTraceSinks } from './trace/channel-sink.js';
export { createFileTraceSink, createMemoryTraceSink, type FileTraceSinkOptions } from './trace/file-sink.js';
export {
  formatTraceRecord,
  nullTraceSink,
  redactSipMessage,
  type SipTraceEntry,
  type SipTraceNote,
  type SipTraceRecord,
  type TraceSink,
} from './trace/trace.js';
export {
  ClientTransaction,
  type ClientTransactionState,
  DEFAULT_TIMERS,
  type TransactionTimers,
} from './transaction/client.js';
export {
  type AuthAttempt,
  DigestAuthenticator,
  type DigestAuthenticatorOptions,
  type SipCredentials,
} from './transaction/digest-auth.js';
export {
  AuthenticationError,
  type AuthenticationErrorCode,
  SipRequestError,
  TransactionError,
  type TransactionErrorCode,
} from './transaction/errors.js';
export { type SendOptions, TransactionLayer, type TransactionLayerEvents } from './transaction/layer.js';
export {
  buildRequest,
  type ConnectionSide,
  contactUriFor,
  RequestSender,
  type RequestSenderOptions,
  type RequestSpec,
  type SendsRequests,
  type SentRequest,
} from './transaction/request-sender.js';
export { type ResponseChannel, ServerTransaction, type ServerTransactionState } from './transaction/server.js';
export { Backoff, type BackoffOptions } from './transport/backoff.js';
export {
  type ConnectionEvents,
  type ConnectOptions,
  type ConnectTarget,
  connectSip,
  type Endpoint,
  SipConnection,
  type TlsClientOptions,
  type TransportKind,
} from './transport/connection.js';
export { type EventMap, type Listener, TypedEmitter } from './transport/emitter.js';
export { TransportError, type TransportErrorCode } from './transport/errors.js';
export { type FlowEvents, type FlowOptions, SipFlow } from './transport/flow.js';
export { type KeepAliveOptions, superviseKeepAlive } from './transport/keepalive.js';
export { ConnectionPool, type ConnectionPoolOptions, type Connector } from './transport/pool.js';
export { refreshDelayMs, type UserContext } from './ua/context.js';
export { ALLOWED_METHODS, answerUnmatchedRequest } from './ua/incoming.js';
export {
  createUserAgent,
  type RecoveryReport,
  UserAgent,
  type UserAgentEvents,
  type UserAgentOptions,
} from './ua/user-agent.js';
