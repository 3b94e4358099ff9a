import {
  qname,
  type XmlElement,
  type XmlNamespaceDeclaration,
  type XmlNode,
  xmlAttribute,
  xmlElement,
  xmlText,
} from '@simplekit/xml';
import { type AnyUriStyle, formatAnyUri } from '../../uri/any-uri.js';
import { sourceOf, writeXml } from '../xml-support.js';
import {
  COMMON_POLICY_NAMESPACE as CP,
  OMA_COMMON_POLICY_NAMESPACE as OCP,
  type PolicyAction,
  type PolicyCondition,
  type PolicyRule,
  type PolicyTransformation,
  PRES_RULES_NAMESPACE as PR,
  type PresRulesDocument,
} from './model.js';

export interface SerializePresRulesOptions {
  /** Prefixes for the common-policy, pres-rules and OMA namespaces; default: the document's, else `cp`/`pr`/`ocp`. */
  readonly prefixes?: { readonly cp?: string | null; readonly pr?: string | null; readonly ocp?: string | null };
  readonly uris?: AnyUriStyle;
}

interface Style {
  readonly prefixes: Readonly<Record<string, string | null>>;
  readonly uris: AnyUriStyle;
}

function el(
  style: Style,
  ns: string,
  local: string,
  attrs: [string, string][] = [],
  children: XmlNode[] = [],
): XmlElement {
  return xmlElement(qname(ns, local), {
    prefix: style.prefixes[ns] ?? null,
    attributes: attrs.map(([n, v]) => xmlAttribute(qname(null, n), v)),
    children,
  });
}

function conditionElement(c: PolicyCondition, s: Style): XmlElement {
  switch (c.kind) {
    case 'identity':
      return el(
        s,
        CP,
        'identity',
        [],
        [
          ...c.one.map((id) => el(s, CP, 'one', [['id', formatAnyUri(id, s.uris)]])),
          ...c.many.map((m) =>
            el(
              s,
              CP,
              'many',
              m.domain !== undefined ? [['domain', m.domain]] : [],
              m.except.map((e) =>
                el(s, CP, 'except', 'id' in e ? [['id', formatAnyUri(e.id, s.uris)]] : [['domain', e.domain]]),
              ),
            ),
          ),
        ],
      );
    case 'external-list':
      return el(
        s,
        OCP,
        'external-list',
        [],
        c.anchors.map((a) => el(s, OCP, 'entry', [['anc', formatAnyUri(a, s.uris)]])),
      );
    case 'other-identity':
    case 'anonymous-request':
      return el(s, OCP, c.kind);
    case 'sphere':
      return el(s, CP, 'sphere', [['value', c.value]]);
    case 'validity':
      return el(
        s,
        CP,
        'validity',
        [],
        c.ranges.flatMap((r) => [el(s, CP, 'from', [], [xmlText(r.from)]), el(s, CP, 'until', [], [xmlText(r.until)])]),
      );
    case 'foreign':
      return c.element;
  }
}

function actionElement(a: PolicyAction, s: Style): XmlElement {
  return a.kind === 'foreign' ? a.element : el(s, PR, 'sub-handling', [], [xmlText(a.value)]);
}

function transformationElement(t: PolicyTransformation, s: Style): XmlElement {
  switch (t.kind) {
    case 'provide-all':
      return el(s, PR, `provide-${t.what}`, [], [el(s, PR, `all-${t.what}`)]);
    case 'provide-all-attributes':
      return el(s, PR, 'provide-all-attributes');
    case 'provide-flag':
      return el(s, PR, t.name, [], [xmlText(String(t.value))]);
    case 'foreign':
      return t.element;
  }
}

function ruleElement(rule: PolicyRule, s: Style): XmlElement {
  const source = sourceOf(rule);
  if (source) return source;
  const element = el(
    s,
    CP,
    'rule',
    [['id', rule.id]],
    [
      el(
        s,
        CP,
        'conditions',
        [],
        rule.conditions.map((c) => conditionElement(c, s)),
      ),
      el(
        s,
        CP,
        'actions',
        [],
        rule.actions.map((a) => actionElement(a, s)),
      ),
      el(
        s,
        CP,
        'transformations',
        [],
        rule.transformations.map((t) => transformationElement(t, s)),
      ),
      ...(rule.extensions ?? []),
    ],
  );
  return { ...element, attributes: [...element.attributes, ...(rule.attributes ?? [])] };
}

function prefixOf(
  doc: PresRulesDocument,
  ns: string,
  option: string | null | undefined,
  fallback: string,
): string | null {
  if (option !== undefined) return option;
  const declared = doc.namespaces?.find((d) => d.uri === ns);
  return declared ? declared.prefix : fallback;
}

/** Writes a pres-rules ruleset; rules that were parsed and not changed are written exactly as read. */
export function serializePresRules(doc: PresRulesDocument, options: SerializePresRulesOptions = {}): string {
  const source = sourceOf(doc);
  if (source && options.prefixes === undefined && options.uris === undefined) return writeXml(source, 'pres-rules');
  const prefixes: Record<string, string | null> = {
    [CP]: prefixOf(doc, CP, options.prefixes?.cp, 'cp'),
    [PR]: prefixOf(doc, PR, options.prefixes?.pr, 'pr'),
    [OCP]: prefixOf(doc, OCP, options.prefixes?.ocp, 'ocp'),
  };
  const style: Style = { prefixes, uris: options.uris ?? doc.uriStyle ?? 'plain' };
  const known = new Set([CP, PR, OCP]);
  const namespaces: XmlNamespaceDeclaration[] = [
    ...[CP, PR, OCP].map((uri) => ({ prefix: prefixes[uri] ?? null, uri })),
    ...(doc.namespaces ?? []).filter((d) => !known.has(d.uri) && !Object.values(prefixes).includes(d.prefix)),
  ];
  const root = xmlElement(qname(CP, 'ruleset'), {
    prefix: prefixes[CP] ?? null,
    namespaces,
    attributes: doc.attributes ?? [],
    children: [...doc.rules.map((r) => ruleElement(r, style)), ...(doc.extensions ?? [])],
  });
  return writeXml(root, 'pres-rules');
}
