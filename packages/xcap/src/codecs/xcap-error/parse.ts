import { attributeValue, childElements, qname, type XmlElement } from '@simplekit/xml';
import { elementText, parseRoot } from '../xml-support.js';
import { XCAP_ERROR_NAMESPACE, type XcapErrorCondition, type XcapUniquenessConflict } from './model.js';

type SimpleKind = Exclude<XcapErrorCondition['kind'], 'extension' | 'uniqueness-failure' | 'no-parent'>;
const SIMPLE_KINDS: readonly string[] = [
  'not-well-formed',
  'not-xml-frag',
  'not-xml-att-value',
  'schema-validation-error',
  'not-utf-8',
  'cannot-insert',
  'cannot-delete',
  'constraint-failure',
] satisfies SimpleKind[];

function isSimpleKind(local: string): local is SimpleKind {
  return SIMPLE_KINDS.includes(local);
}

function phraseOf(element: XmlElement): { phrase?: string } {
  const phrase = attributeValue(element, 'phrase');
  return phrase !== undefined ? { phrase } : {};
}

function conditionOf(element: XmlElement): XcapErrorCondition {
  const { ns, local } = element.name;
  if (ns !== XCAP_ERROR_NAMESPACE || local === 'extension') {
    return { kind: 'extension', name: local, namespace: ns ?? '', ...phraseOf(element) };
  }
  if (local === 'uniqueness-failure') {
    const exists: XcapUniquenessConflict[] = childElements(element, qname(XCAP_ERROR_NAMESPACE, 'exists')).map((e) => ({
      field: attributeValue(e, 'field') ?? '',
      altValues: childElements(e, qname(XCAP_ERROR_NAMESPACE, 'alt-value')).map(elementText),
    }));
    return { kind: 'uniqueness-failure', exists, ...phraseOf(element) };
  }
  if (local === 'no-parent') {
    const ancestor = childElements(element, qname(XCAP_ERROR_NAMESPACE, 'ancestor'))[0];
    return { kind: 'no-parent', ...phraseOf(element), ...(ancestor ? { ancestor: elementText(ancestor) } : {}) };
  }
  if (isSimpleKind(local)) return { kind: local, ...phraseOf(element) };
  return { kind: 'extension', name: local, namespace: ns, ...phraseOf(element) };
}

/** Reads an `application/xcap-error+xml` body (RFC 4825 §11) into its error conditions, in document order. */
export function parseXcapError(text: string | Uint8Array): XcapErrorCondition[] {
  const root = parseRoot(text, qname(XCAP_ERROR_NAMESPACE, 'xcap-error'), 'xcap-error');
  return childElements(root).map(conditionOf);
}
