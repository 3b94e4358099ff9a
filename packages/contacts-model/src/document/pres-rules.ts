import {
  type AnyUriStyle,
  COMMON_POLICY_NAMESPACE,
  type PolicyAction,
  type PolicyCondition,
  type PolicyRule,
  type PresRulesDocument,
  parsePresRules,
  serializePresRules,
  XcapError,
} from '@simplekit/xcap';
import { qname, xmlAttribute, xmlElement } from '@simplekit/xml';
import {
  BlinkRuleIds,
  IdentityRuleIds,
  type PresRuleSpec,
  type RuleCondition,
  type SubHandling,
} from '../derive/pres-rules.js';
import { ContactsParseError } from '../errors.js';

export function parsePresRulesDocument(xml: string | Uint8Array | null | undefined): PresRulesDocument {
  if (xml === null || xml === undefined || xml.length === 0) return { rules: [] };
  try {
    return parsePresRules(xml);
  } catch (cause) {
    if (cause instanceof XcapError) throw new ContactsParseError(`pres-rules: ${cause.message}`, { cause });
    throw cause;
  }
}

/** What the existing document says about unlisted watchers, when it holds a valid Blink rule for them. */
export function existingUnlisted(doc: PresRulesDocument): 'confirm' | 'allow' | 'block' | 'polite-block' | undefined {
  const unlisted = doc.rules.find((r) => r.id === BlinkRuleIds.unlisted);
  const value = unlisted?.actions.find((a) => a.kind === 'sub-handling')?.value;
  if (value === 'confirm' || value === 'block' || value === 'polite-block') return value;
  if (unlisted === undefined && doc.rules.some((r) => r.id === BlinkRuleIds.allowUnlisted)) return 'allow';
  return undefined;
}

/**
 * The identity rules name watchers for servers without OMA external-list support, which compare `id` literally:
 * their `cp:one id` values are always written plain, whatever style the Blink rules use, so they are built here as
 * ready elements.
 */
function plainIdentity(ids: readonly string[], prefix: string | null): PolicyCondition {
  const CP = COMMON_POLICY_NAMESPACE;
  return {
    kind: 'foreign',
    element: xmlElement(qname(CP, 'identity'), {
      prefix,
      children: ids.map((id) =>
        xmlElement(qname(CP, 'one'), { prefix, attributes: [xmlAttribute(qname(null, 'id'), id)] }),
      ),
    }),
  };
}

function condition(spec: PresRuleSpec, c: RuleCondition, prefix: string | null): PolicyCondition {
  if (c.kind === 'identity') {
    return spec.id === IdentityRuleIds.granted || spec.id === IdentityRuleIds.blocked
      ? plainIdentity(c.ids, prefix)
      : { kind: 'identity', one: c.ids, many: [] };
  }
  return c;
}

/** A condition in comparable form: identities by their ids, however they were written. */
function comparable(c: PolicyCondition): unknown {
  if (c.kind === 'identity') return { identity: c.one, many: c.many };
  if (c.kind === 'foreign' && c.element.name.ns === COMMON_POLICY_NAMESPACE && c.element.name.local === 'identity') {
    const ids: string[] = [];
    for (const child of c.element.children) {
      if (child.type === 'element') ids.push(child.attributes.find((a) => a.local === 'id')?.value ?? '');
    }
    return { identity: ids, many: [] };
  }
  return c.kind === 'foreign' ? { foreign: c.element } : c;
}

/**
 * A spec's condition in the form {@link comparable} gives for what {@link condition} builds from it, without building
 * it: the identity rules list every granted or blocked watcher, and are nearly always unchanged.
 */
function comparableSpec(c: RuleCondition): unknown {
  return c.kind === 'identity' ? { identity: c.ids, many: [] } : c;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * A rule as the spec wants it. Like python-sipsimple's normalisation: conditions are exactly the spec's, one
 * sub-handling with the spec's value, no transformations; other actions (other namespaces) are kept.
 */
function fixRule(existing: PolicyRule | undefined, spec: PresRuleSpec, prefix: string | null): PolicyRule {
  const others = (existing?.actions ?? []).filter((a) => a.kind !== 'sub-handling');
  const actions: PolicyAction[] = [{ kind: 'sub-handling', value: spec.subHandling as SubHandling }, ...others];
  if (
    existing !== undefined &&
    existing.transformations.length === 0 &&
    same(existing.conditions.map(comparable), spec.conditions.map(comparableSpec)) &&
    same(existing.actions, actions)
  ) {
    return existing;
  }
  const conditions = spec.conditions.map((c) => condition(spec, c, prefix));
  return { ...existing, id: spec.id, conditions, actions, transformations: [] };
}

/**
 * Normalises pres-rules (`doc` is `original` parsed): each spec rule is fixed in place or appended; the unlisted rule
 * that the spec does not use (`wp_prs_unlisted` versus `wp_prs_allow_unlisted`) and identity rules with nothing to
 * list are removed; every other rule (other clients' rules) stays as read. When nothing changes, `original` text is
 * returned as it is.
 */
export function writePresRules(
  original: string | Uint8Array | null | undefined,
  doc: PresRulesDocument,
  specs: readonly PresRuleSpec[],
  style: AnyUriStyle | undefined,
): { xml: string; changed: boolean } {
  const declared = doc.namespaces?.find((d) => d.uri === COMMON_POLICY_NAMESPACE);
  const prefix = declared === undefined ? 'cp' : declared.prefix;
  const wanted = new Set(specs.map((s) => s.id));
  const managed = new Set<string>([
    BlinkRuleIds.unlisted,
    BlinkRuleIds.allowUnlisted,
    IdentityRuleIds.granted,
    IdentityRuleIds.blocked,
  ]);
  let changed = original === null || original === undefined || original.length === 0;
  const rules: PolicyRule[] = [];
  const done = new Set<string>();
  for (const rule of doc.rules) {
    if (managed.has(rule.id) && !wanted.has(rule.id)) {
      changed = true;
      continue;
    }
    const spec = specs.find((s) => s.id === rule.id);
    if (spec === undefined || done.has(rule.id)) {
      if (spec !== undefined)
        changed = true; // a duplicate of one of our rules
      else rules.push(rule);
      continue;
    }
    done.add(rule.id);
    const fixed = fixRule(rule, spec, prefix);
    if (fixed !== rule) changed = true;
    rules.push(fixed);
  }
  for (const spec of specs) {
    if (done.has(spec.id)) continue;
    changed = true;
    rules.push(fixRule(undefined, spec, prefix));
  }
  // Unchanged: the text as read (a book's identity rules list every granted and blocked watcher: thousands of
  // elements not to write again); bytes are written from the tree, as before.
  if (!changed) return { xml: typeof original === 'string' ? original : serializePresRules(doc), changed: false };
  return { xml: serializePresRules({ ...doc, rules }, { uris: style ?? doc.uriStyle ?? 'blink' }), changed: true };
}
