import { attributeValue, childElements, qname, type XmlElement } from '@simplekit/xml';
import { decodeAnyUri } from '../../uri/any-uri.js';
import { detectUriStyle, elementText, otherAttributes, parseRoot, withSource } from '../xml-support.js';
import {
  COMMON_POLICY_NAMESPACE as CP,
  type IdentityException,
  OMA_COMMON_POLICY_NAMESPACE as OCP,
  type PolicyAction,
  type PolicyCondition,
  type PolicyRule,
  type PolicyTransformation,
  PRES_RULES_NAMESPACE as PR,
  type PresRulesDocument,
  type SubHandling,
} from './model.js';

const SUB_HANDLING: readonly string[] = ['block', 'confirm', 'polite-block', 'allow'] satisfies SubHandling[];
const isSubHandling = (v: string): v is SubHandling => SUB_HANDLING.includes(v);
const is = (e: XmlElement, ns: string, local: string) => e.name.ns === ns && e.name.local === local;

function identity(element: XmlElement): PolicyCondition {
  const one: string[] = [];
  const many: { domain?: string; except: IdentityException[] }[] = [];
  for (const child of childElements(element)) {
    if (is(child, CP, 'one')) {
      one.push(decodeAnyUri(attributeValue(child, 'id') ?? ''));
    } else if (is(child, CP, 'many')) {
      const domain = attributeValue(child, 'domain');
      const except = childElements(child, qname(CP, 'except')).map((e): IdentityException => {
        const id = attributeValue(e, 'id');
        return id !== undefined ? { id: decodeAnyUri(id) } : { domain: attributeValue(e, 'domain') ?? '' };
      });
      many.push({ ...(domain !== undefined ? { domain } : {}), except });
    } else {
      // Unknown identity content would be lost by the structured form: keep the whole condition as read.
      return { kind: 'foreign', element };
    }
  }
  return { kind: 'identity', one, many };
}

function condition(element: XmlElement): PolicyCondition {
  if (is(element, CP, 'identity')) return identity(element);
  if (is(element, CP, 'sphere')) return { kind: 'sphere', value: attributeValue(element, 'value') ?? '' };
  if (is(element, CP, 'validity')) {
    const from = childElements(element, qname(CP, 'from')).map(elementText);
    const until = childElements(element, qname(CP, 'until')).map(elementText);
    return { kind: 'validity', ranges: from.map((f, i) => ({ from: f, until: until[i] ?? '' })) };
  }
  if (is(element, OCP, 'external-list')) {
    const anchors = childElements(element, qname(OCP, 'entry')).map((e) =>
      decodeAnyUri(attributeValue(e, 'anc') ?? ''),
    );
    return { kind: 'external-list', anchors };
  }
  if (is(element, OCP, 'other-identity')) return { kind: 'other-identity' };
  if (is(element, OCP, 'anonymous-request')) return { kind: 'anonymous-request' };
  return { kind: 'foreign', element };
}

function action(element: XmlElement): PolicyAction {
  const value = elementText(element);
  if (is(element, PR, 'sub-handling') && isSubHandling(value)) return { kind: 'sub-handling', value };
  return { kind: 'foreign', element };
}

const PROVIDE_ALL = { services: 'all-services', persons: 'all-persons', devices: 'all-devices' } as const;

function transformation(element: XmlElement): PolicyTransformation {
  if (element.name.ns === PR) {
    for (const what of ['services', 'persons', 'devices'] as const) {
      const children = childElements(element);
      if (
        element.name.local === `provide-${what}` &&
        children.length === 1 &&
        children[0] !== undefined &&
        is(children[0], PR, PROVIDE_ALL[what])
      ) {
        return { kind: 'provide-all', what };
      }
    }
    if (element.name.local === 'provide-all-attributes') return { kind: 'provide-all-attributes' };
    const text = elementText(element);
    if (element.name.local.startsWith('provide-') && (text === 'true' || text === 'false')) {
      return { kind: 'provide-flag', name: element.name.local, value: text === 'true' };
    }
  }
  return { kind: 'foreign', element };
}

function rule(element: XmlElement): PolicyRule {
  let conditions: PolicyCondition[] = [];
  let actions: PolicyAction[] = [];
  let transformations: PolicyTransformation[] = [];
  const extensions: XmlElement[] = [];
  for (const child of childElements(element)) {
    if (is(child, CP, 'conditions')) conditions = childElements(child).map(condition);
    else if (is(child, CP, 'actions')) actions = childElements(child).map(action);
    else if (is(child, CP, 'transformations')) transformations = childElements(child).map(transformation);
    else extensions.push(child);
  }
  const attributes = otherAttributes(element, ['id']);
  return withSource(
    {
      id: attributeValue(element, 'id') ?? '',
      conditions,
      actions,
      transformations,
      ...(attributes.length > 0 ? { attributes } : {}),
      ...(extensions.length > 0 ? { extensions } : {}),
    },
    element,
  );
}

/**
 * Reads a common-policy ruleset (RFC 4745) with pres-rules (RFC 5025) actions and transformations and the OMA
 * condition extensions. Identity ids and external-list anchors are decoded (Blink percent-encodes them).
 */
export function parsePresRules(text: string | Uint8Array): PresRulesDocument {
  const root = parseRoot(text, qname(CP, 'ruleset'), 'pres-rules');
  const rules: PolicyRule[] = [];
  const extensions: XmlElement[] = [];
  for (const child of childElements(root)) {
    if (is(child, CP, 'rule')) rules.push(rule(child));
    else extensions.push(child);
  }
  return withSource(
    {
      rules,
      ...(extensions.length > 0 ? { extensions } : {}),
      ...(root.attributes.length > 0 ? { attributes: root.attributes } : {}),
      namespaces: root.namespaces,
      uriStyle: detectUriStyle(root, ['id', 'anc']),
    },
    root,
  );
}
