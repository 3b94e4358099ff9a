import { hostname } from 'node:os';

/**
 * What the engine needs to know about the machine it runs on, for the device information it publishes (RPID
 * `time-offset`, `user-input`; AG Projects `device-info`). Injected: the desktop app feeds Electron's idle time, the
 * CLI its own, tests a fixed value.
 */
export interface HostInfo {
  /** Host name or a user-chosen description of this device (`device-info` description). */
  readonly description: string;
  /** The User-Agent of this client, e.g. `SimpleKit CLI 1.0`. */
  readonly userAgent: string;
  /** RFC 4480 §3.5 time-offset: minutes east of UTC of the local zone at `at` (ms since the epoch). */
  timeOffsetMinutes(at: number): number;
  /** Seconds since the user last touched the device; `undefined` when it cannot be known. */
  idleSeconds(): number | undefined;
}

export interface NodeHostInfoOptions {
  readonly userAgent: string;
  readonly description?: string;
  readonly idleSeconds?: () => number | undefined;
}

/** Host information from Node: the host name and the process's time zone. */
export function createNodeHostInfo(options: NodeHostInfoOptions): HostInfo {
  const description = options.description ?? hostname();
  return Object.freeze({
    description,
    userAgent: options.userAgent,
    // Date#getTimezoneOffset is minutes *west* of UTC; RPID wants the offset to add to UTC.
    timeOffsetMinutes: (at: number) => -new Date(at).getTimezoneOffset(),
    idleSeconds: options.idleSeconds ?? (() => undefined),
  });
}

/** Fixed host information, for tests and headless tools. */
export function createStaticHostInfo(init: {
  readonly description: string;
  readonly userAgent: string;
  readonly timeOffsetMinutes?: number;
  readonly idleSeconds?: number;
}): HostInfo {
  return Object.freeze({
    description: init.description,
    userAgent: init.userAgent,
    timeOffsetMinutes: () => init.timeOffsetMinutes ?? 0,
    idleSeconds: () => init.idleSeconds,
  });
}
