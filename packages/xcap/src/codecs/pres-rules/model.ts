import type { XmlAttribute, XmlElement } from '@simplekit/xml';
import type { DocumentLook } from '../xml-support.js';

/** RFC 4745 common-policy, RFC 5025 pres-rules and OMA common-policy extension namespaces. */
export const COMMON_POLICY_NAMESPACE = 'urn:ietf:params:xml:ns:common-policy';
export const PRES_RULES_NAMESPACE = 'urn:ietf:params:xml:ns:pres-rules';
export const OMA_COMMON_POLICY_NAMESPACE = 'urn:oma:xml:xdm:common-policy';

/** RFC 4745 §7.1.1 `<except>`: one identity (`id`) or one domain excluded from a `<many>`. */
export type IdentityException = { readonly id: string } | { readonly domain: string };

/** RFC 4745 §7.1.1 `<many>`: everyone (of `domain`, when given) except the listed ones. */
export interface IdentityMany {
  readonly domain?: string;
  readonly except: readonly IdentityException[];
}

/** A rule condition (RFC 4745 §7, OMA-TS-Pres_XDM §5.1.1 extensions), as a union a `switch` narrows. */
export type PolicyCondition =
  /** `<identity>`: `one` holds decoded `cp:one id` URIs. */
  | { readonly kind: 'identity'; readonly one: readonly string[]; readonly many: readonly IdentityMany[] }
  /** OMA `<external-list>`: anchors (decoded XCAP URIs) of resource-lists `<list>`s whose members match. */
  | { readonly kind: 'external-list'; readonly anchors: readonly string[] }
  /** OMA `<other-identity>`: anyone no other rule's identity condition matched. */
  | { readonly kind: 'other-identity' }
  /** OMA `<anonymous-request>`: anonymous watchers. */
  | { readonly kind: 'anonymous-request' }
  | { readonly kind: 'sphere'; readonly value: string }
  | { readonly kind: 'validity'; readonly ranges: readonly { readonly from: string; readonly until: string }[] }
  /** Any condition this codec does not interpret, kept as read. */
  | { readonly kind: 'foreign'; readonly element: XmlElement };

/** RFC 5025 §3.2.1 `<sub-handling>` values. */
export type SubHandling = 'block' | 'confirm' | 'polite-block' | 'allow';

export type PolicyAction =
  | { readonly kind: 'sub-handling'; readonly value: SubHandling }
  | { readonly kind: 'foreign'; readonly element: XmlElement };

/** RFC 5025 §3.3 transformations; `provide-all` is `<provide-services><all-services/></provide-services>` and kin. */
export type PolicyTransformation =
  | { readonly kind: 'provide-all'; readonly what: 'services' | 'persons' | 'devices' }
  | { readonly kind: 'provide-all-attributes' }
  /** A boolean `provide-*` element such as `<provide-activities>true</provide-activities>`. */
  | { readonly kind: 'provide-flag'; readonly name: string; readonly value: boolean }
  | { readonly kind: 'foreign'; readonly element: XmlElement };

/** RFC 4745 §6 `<rule id>`: a rule applies when all its conditions match. */
export interface PolicyRule {
  readonly id: string;
  readonly conditions: readonly PolicyCondition[];
  readonly actions: readonly PolicyAction[];
  readonly transformations: readonly PolicyTransformation[];
  readonly attributes?: readonly XmlAttribute[];
  /** Child elements of `<rule>` other than conditions, actions and transformations. */
  readonly extensions?: readonly XmlElement[];
}

/** A common-policy `<ruleset>` (IETF pres-rules or OMA pres-rules). */
export interface PresRulesDocument extends DocumentLook {
  readonly rules: readonly PolicyRule[];
  readonly attributes?: readonly XmlAttribute[];
  readonly extensions?: readonly XmlElement[];
}
