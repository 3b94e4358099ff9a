import type { XmlAttribute, XmlElement } from '@simplekit/xml';
import type { UriText } from '../uri.js';

/** A note with its optional `xml:lang` (RFC 3863 §4.1.6; RFC 4479 `dm:note`). */
export interface Note {
  readonly text: string;
  readonly lang?: string;
}

/** RFC 3863 §4.1.4 basic status. */
export type BasicStatus = 'open' | 'closed';

/** `<status>`: basic, the AG Projects extended status, and any other status extension (e.g. RFC 3863 `im:im`). */
export interface Status {
  readonly basic?: BasicStatus;
  /** `agp-pidf:extended` — Blink's XMPP-compatible status (`available`, `away`, `extended-away`, `busy`, …). */
  readonly extended?: string;
  readonly extensions: readonly XmlElement[];
}

/** RFC 3863 §4.1.5 `<contact>` with its `priority` (a decimal between 0 and 1). */
export interface Contact {
  readonly uri: UriText;
  readonly priority?: number;
}

/** Attributes RFC 4480 allows on most RPID elements. */
export interface RpidValidity {
  readonly id?: string;
  readonly from?: string;
  readonly until?: string;
}

/**
 * An RPID enumeration element (activities, mood, place-type, privacy, sphere): its notes, the local names of the
 * empty RPID value elements it holds (`busy`, `on-the-phone`, …), the texts of `<rpid:other>`, for `sphere` a
 * free-text value, and any value from another vocabulary as XML.
 */
export interface RpidEnumeration extends RpidValidity {
  readonly notes: readonly Note[];
  readonly values: readonly string[];
  readonly other: readonly string[];
  readonly text?: string;
  readonly extensions: readonly XmlElement[];
}

/** RFC 4480 `<time-offset>` (minutes from UTC; Blink may write decimals such as `120.0`). */
export interface TimeOffset {
  readonly minutes: number;
  readonly description?: string;
  readonly from?: string;
  readonly until?: string;
}

/** RFC 4480 `<user-input>`. */
export interface UserInput extends RpidValidity {
  readonly state: 'active' | 'idle';
  /** Seconds of inactivity after which the state becomes idle. */
  readonly idleThreshold?: number;
  readonly lastInput?: string;
}

/** A boolean capability: RFC 5196 `caps:audio`, AG Projects `agp-caps:file-transfer`, … */
export interface CapabilityFlag {
  readonly ns: string;
  readonly name: string;
  readonly supported: boolean;
}

/** RFC 5196 `<servcaps>`: boolean capabilities, and the structured ones (methods, duplex, …) kept as XML. */
export interface ServiceCapabilities {
  readonly flags: readonly CapabilityFlag[];
  readonly extensions: readonly XmlElement[];
}

/** AG Projects `<agp-pidf:device-info>`. */
export interface DeviceInfo {
  readonly id: string;
  readonly description?: string;
  readonly userAgent?: string;
  readonly timeOffset?: TimeOffset;
  readonly extensions: readonly XmlElement[];
}

/**
 * What a tuple, person or device may carry besides its own fixed parts: RFC 4482 CIPID, RFC 4480 RPID, RFC 5196
 * caps and the AG Projects extensions. Every element the model does not know (or cannot read exactly) is kept in
 * `extensions`, and unknown attributes of the container in `attributes`, so that nothing is lost on a round trip.
 */
export interface PresenceCharacteristics {
  readonly displayName?: string;
  readonly map?: UriText;
  readonly icon?: UriText;
  readonly homepage?: UriText;
  readonly card?: UriText;
  readonly sound?: UriText;
  readonly deviceInfo?: DeviceInfo;
  readonly capabilities?: ServiceCapabilities;
  readonly userInput?: UserInput;
  readonly activities?: RpidEnumeration;
  readonly mood?: RpidEnumeration;
  readonly placeType?: RpidEnumeration;
  readonly privacy?: RpidEnumeration;
  readonly sphere?: RpidEnumeration;
  readonly class?: string;
  readonly timeOffset?: TimeOffset;
  readonly notes: readonly Note[];
  readonly timestamp?: string;
  readonly extensions: readonly XmlElement[];
  readonly attributes: readonly XmlAttribute[];
}

/** RFC 3863 §4.1.2 `<tuple>` (a service). */
export interface Tuple extends PresenceCharacteristics {
  readonly id: string;
  readonly status: Status;
  /** RFC 4479 `dm:deviceID` linking the service to a device. */
  readonly deviceId?: string;
  readonly contact?: Contact;
}

/** RFC 4479 `<dm:person>`. */
export interface Person extends PresenceCharacteristics {
  readonly id: string;
}

/** RFC 4479 `<dm:device>`. */
export interface Device extends PresenceCharacteristics {
  readonly id: string;
  readonly deviceId?: string;
}

/** An RFC 3863 presence document. */
export interface PresenceDocument {
  /** The `entity` attribute as written. */
  readonly entity: UriText;
  readonly tuples: readonly Tuple[];
  readonly persons: readonly Person[];
  readonly devices: readonly Device[];
  /** Notes directly under `<presence>`. */
  readonly notes: readonly Note[];
  readonly extensions: readonly XmlElement[];
  readonly attributes: readonly XmlAttribute[];
}
