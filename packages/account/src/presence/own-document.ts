import { buildPresence, serializePresence } from '@simplekit/pidf';
import type { AccountConfig } from '../config/config.js';
import type { HostInfo } from '../host/host-info.js';
import type { OwnPresence } from '../state/types.js';

/** Seconds without input after which the device is published as idle (RPID user-input, RFC 4480 §3.11). */
export const IDLE_THRESHOLD_SECONDS = 600;

export interface OwnDocumentInput {
  readonly config: AccountConfig;
  readonly own: OwnPresence;
  readonly host: HostInfo;
  /** Stable id of this installation (`+sip.instance`, RFC 5626 §4.1), used as the PIDF device id. */
  readonly instanceId: string;
  /** The GRUU the registrar gave us (RFC 5627), published as the tuple's contact so others reach this device. */
  readonly gruu?: string;
  readonly now: number;
}

/**
 * The PIDF body to PUBLISH for our own state (RFC 3903, RFC 3863 + RPID/CIPID/caps/AG Projects extensions), built
 * by `@simplekit/pidf`. Location and home page are left out when the account's switches say so.
 */
export function ownPresenceBody(input: OwnDocumentInput): string {
  const { config, own, host } = input;
  const idleSeconds = config.switches.publishIdle ? host.idleSeconds() : undefined;
  const doc = buildPresence({
    entity: config.address,
    status: own.status,
    note: own.note,
    ...(config.displayName !== undefined ? { displayName: config.displayName } : {}),
    ...(config.switches.publishLocation && own.location !== undefined ? { location: own.location } : {}),
    ...(config.switches.publishHomepage && own.homepage !== undefined ? { homepage: own.homepage } : {}),
    ...(own.icon ? { iconUrl: own.icon.url } : {}),
    device: {
      id: input.instanceId,
      description: host.description,
      userAgent: host.userAgent,
      timeOffset: host.timeOffsetMinutes(input.now),
      ...(idleSeconds !== undefined
        ? {
            idle: idleSeconds >= IDLE_THRESHOLD_SECONDS,
            idleThreshold: IDLE_THRESHOLD_SECONDS,
            lastInput: new Date(input.now - idleSeconds * 1000),
          }
        : {}),
    },
    capabilities: ['audio', 'message', 'file-transfer', 'screen-sharing'],
    ...(input.gruu !== undefined ? { contact: input.gruu } : {}),
    timestamp: new Date(input.now),
  });
  return serializePresence(doc);
}

/**
 * The pidf-manipulation document (RFC 4827) holding what watchers see while no device is online: basic `closed`,
 * Blink's `<rpid:other>offline</rpid:other>` unless another status was chosen, and the note.
 */
export function offlinePresenceBody(input: {
  readonly config: AccountConfig;
  readonly status: OwnPresence['status'];
  readonly note: string;
  readonly now: number;
}): string {
  const doc = buildPresence({
    entity: input.config.address,
    status: input.status,
    basic: 'closed',
    note: input.note,
    device: { id: 'offline' },
    timestamp: new Date(input.now),
  });
  return serializePresence(doc);
}
