import type { XcapTraceSink } from '@simplekit/xcap';
import type { AccountConfig, Credentials } from '../config/config.js';
import type { Clock } from '../host/clock.js';
import type { HostInfo } from '../host/host-info.js';
import type { SipUserAgentPort } from '../ports/sip.js';
import type { XcapClientFactory } from '../ports/xcap.js';
import type { AccountStorage } from '../storage/account-storage.js';
import type { IconHttpGet } from './contact-icons.js';

/** What the engine needs to build its SIP user agent. */
export interface SipUserAgentInit {
  readonly config: AccountConfig;
  readonly credentials: Credentials;
  /** RFC 5626 `+sip.instance` URN, stable per installation (kept in the account's state area). */
  readonly instanceId: string;
  readonly userAgent: string;
}

/** Where protocol traces and engine notes go. Credentials never reach a sink (each protocol layer redacts them). */
export interface AccountTrace {
  /** XCAP messages, handed to `@simplekit/xcap`'s client (which redacts `Authorization`). */
  readonly xcap?: XcapTraceSink;
  /** Engine decisions and handled failures. */
  readonly note?: (level: 'info' | 'warning' | 'error', context: string, message: string) => void;
}

export interface AccountDependencies {
  readonly storage: AccountStorage;
  readonly hostInfo: HostInfo;
  readonly clock?: Clock;
  readonly trace?: AccountTrace;
  /**
   * Builds the SIP user agent (an adapter over `@simplekit/sip-core`). Without one the engine runs XCAP storage only
   * and its SIP health says so.
   */
  readonly sip?: (init: SipUserAgentInit) => SipUserAgentPort;
  /** Builds the XCAP client; default `createXcapClient` of `@simplekit/xcap`. */
  readonly xcap?: XcapClientFactory;
  /** Finds the XCAP root when the configuration has none (e.g. DNS or provisioning); none by default. */
  readonly discoverXcapRoot?: (config: AccountConfig) => Promise<string | undefined>;
  /** HTTP GET for contacts' icons outside our XCAP server; default Node's fetch. */
  readonly fetchIcon?: IconHttpGet;
}
