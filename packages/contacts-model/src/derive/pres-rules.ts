import { withScheme } from '../model/address.js';
import type { DerivedLists } from './lists.js';
import { type AccountLocation, ListNames, listUrl } from './locations.js';

/** RFC 5025 §3.2.1 `<sub-handling>` values. */
export type SubHandling = 'block' | 'confirm' | 'polite-block' | 'allow';

/** A rule condition (RFC 4745 §7, OMA common-policy extensions). */
export type RuleCondition =
  | { readonly kind: 'identity'; readonly ids: readonly string[] }
  | { readonly kind: 'external-list'; readonly anchors: readonly string[] }
  | { readonly kind: 'other-identity' }
  | { readonly kind: 'anonymous-request' };

export interface PresRuleSpec {
  readonly id: string;
  readonly conditions: readonly RuleCondition[];
  readonly subHandling: SubHandling;
}

export const BlinkRuleIds = {
  allowOwn: 'wp_prs_allow_own',
  granted: 'wp_prs_grantedcontacts',
  blocked: 'wp_prs_blockedcontacts',
  unlisted: 'wp_prs_unlisted',
  allowUnlisted: 'wp_prs_allow_unlisted',
  blockAnonymous: 'wp_prs_block_anonymous',
} as const;

export const IdentityRuleIds = {
  granted: 'simplekit_prs_granted_identities',
  blocked: 'simplekit_prs_blocked_identities',
} as const;

export interface PresRulesOptions {
  /**
   * What unlisted watchers get. `allow` is Blink's `wp_prs_allow_unlisted` rule; anything else is `wp_prs_unlisted`
   * with that sub-handling. Default `confirm` (the watcher becomes a pending request).
   */
  readonly unlisted?: 'confirm' | 'allow' | 'block' | 'polite-block';
  /**
   * Also write `simplekit_prs_granted_identities` / `simplekit_prs_blocked_identities`: the granted and blocked lists
   * spelled out as `cp:identity/cp:one` (RFC 4745 §7.1), for servers that do not resolve OMA `external-list`
   * (Kamailio presence_xml). Default `true`. The rules grant and block exactly what Blink's rules do.
   */
  readonly identityRules?: boolean;
}

/**
 * Blink's five pres-rules (in the order Blink creates them) plus, optionally, the identity rules. Rule ids and
 * conditions follow python-sipsimple: own address → allow; OMA external-list of the granted list → allow; of the
 * blocked list → polite-block; OMA other-identity → confirm (or allow); OMA anonymous-request → block.
 */
export function derivePresRules(
  location: AccountLocation,
  presence: DerivedLists,
  options: PresRulesOptions = {},
): PresRuleSpec[] {
  const unlisted = options.unlisted ?? 'confirm';
  const rules: PresRuleSpec[] = [
    {
      id: BlinkRuleIds.granted,
      conditions: [{ kind: 'external-list', anchors: [listUrl(location, ListNames.presenceGranted)] }],
      subHandling: 'allow',
    },
    {
      id: BlinkRuleIds.blocked,
      conditions: [{ kind: 'external-list', anchors: [listUrl(location, ListNames.presenceBlocked)] }],
      subHandling: 'polite-block',
    },
    {
      id: unlisted === 'allow' ? BlinkRuleIds.allowUnlisted : BlinkRuleIds.unlisted,
      conditions: [{ kind: 'other-identity' }],
      subHandling: unlisted,
    },
    { id: BlinkRuleIds.blockAnonymous, conditions: [{ kind: 'anonymous-request' }], subHandling: 'block' },
    {
      id: BlinkRuleIds.allowOwn,
      conditions: [{ kind: 'identity', ids: [withScheme(location.xui)] }],
      subHandling: 'allow',
    },
  ];
  if (options.identityRules !== false) {
    // RFC 4745 §7.1: <identity> needs at least one <one>/<many>, so an empty list means no rule at all.
    if (presence.granted.length > 0) {
      rules.push({
        id: IdentityRuleIds.granted,
        conditions: [{ kind: 'identity', ids: presence.granted.map(withScheme) }],
        subHandling: 'allow',
      });
    }
    if (presence.blocked.length > 0) {
      rules.push({
        id: IdentityRuleIds.blocked,
        conditions: [{ kind: 'identity', ids: presence.blocked.map(withScheme) }],
        subHandling: 'polite-block',
      });
    }
  }
  return rules;
}
