import {
  attributeValue,
  parseXml,
  type XmlElement,
  XmlError,
  type XmlNamespaceDeclaration,
  type XmlNode,
} from '@simplekit/xml';
import { XcapPatchError, type XcapPatchFailure } from '../../errors.js';
import {
  type PatchNamespaces,
  type PatchOperation,
  XCAP_DIFF_NAMESPACE,
  type XcapDiff,
  type XcapDiffAttribute,
  type XcapDiffDocument,
  type XcapDiffElement,
} from './model.js';

/** RFC 5261 §5: a diff that is not UTF-8, or that uses entities, has its own error condition. */
function xmlFailure(cause: unknown): XcapPatchFailure {
  if (!(cause instanceof XmlError)) return 'invalid-diff-format';
  if (cause.code === 'XML_ENCODING' || cause.code === 'XML_INVALID_CHARACTER') return 'invalid-character-set';
  if (cause.code === 'XML_ENTITY_FORBIDDEN' || cause.code === 'XML_DOCTYPE_FORBIDDEN')
    return 'invalid-entity-reference';
  return 'invalid-diff-format';
}

const isDiff = (element: XmlElement, local: string) =>
  element.name.ns === XCAP_DIFF_NAMESPACE && element.name.local === local;

function required(element: XmlElement, name: string): string {
  const value = attributeValue(element, name);
  if (value === undefined) throw new XcapPatchError('invalid-diff-format', `<${element.name.local}> without ${name}`);
  return value;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value !== undefined ? { [key]: value } : {}) as { [P in K]?: string };
}

/** RFC 5874 §4 `exists` is an XML Schema boolean. */
function existsOf(element: XmlElement): { exists?: boolean } {
  const raw = attributeValue(element, 'exists');
  if (raw === undefined) return {};
  const value = raw.trim();
  if (value === '1' || value === 'true') return { exists: true };
  if (value === '0' || value === 'false') return { exists: false };
  throw new XcapPatchError('invalid-diff-format', `exists="${raw}" is not a boolean`);
}

/** Declarations of an element layered over its parent's scope (a prefix declared again hides the outer one). */
function scopeOf(outer: PatchNamespaces, element: XmlElement): PatchNamespaces {
  if (element.namespaces.length === 0) return outer;
  const declared = new Set(element.namespaces.map((d) => d.prefix));
  return [...outer.filter((d) => !declared.has(d.prefix)), ...element.namespaces];
}

function operationOf(element: XmlElement, scope: PatchNamespaces): PatchOperation {
  const namespaces = scopeOf(scope, element);
  const sel = required(element, 'sel');
  const content: readonly XmlNode[] = element.children;
  switch (element.name.local) {
    case 'add': {
      const pos = attributeValue(element, 'pos');
      if (pos !== undefined && pos !== 'before' && pos !== 'after' && pos !== 'prepend') {
        throw new XcapPatchError('invalid-patch-directive', `pos="${pos}"`, { selector: sel });
      }
      const type = attributeValue(element, 'type');
      return { op: 'add', sel, ...(pos ? { pos } : {}), ...optional('type', type), content, namespaces };
    }
    case 'replace':
      return { op: 'replace', sel, content, namespaces };
    case 'remove': {
      const ws = attributeValue(element, 'ws');
      if (ws !== undefined && ws !== 'before' && ws !== 'after' && ws !== 'both') {
        throw new XcapPatchError('invalid-whitespace-directive', `ws="${ws}"`, { selector: sel });
      }
      return { op: 'remove', sel, ...(ws ? { ws } : {}), namespaces };
    }
    default:
      throw new XcapPatchError('invalid-patch-directive', `unknown operation <${element.name.local}>`);
  }
}

function documentOf(element: XmlElement, scope: PatchNamespaces): XcapDiffDocument {
  const inner = scopeOf(scope, element);
  const operations: PatchOperation[] = [];
  let bodyNotChanged = false;
  for (const child of element.children) {
    if (child.type !== 'element') {
      if (child.type === 'text' && child.value.trim() !== '') {
        throw new XcapPatchError('invalid-diff-format', 'text inside <document>');
      }
      continue;
    }
    if (child.name.ns !== XCAP_DIFF_NAMESPACE) continue; // RFC 5874 §4: extension elements are ignored
    if (child.name.local === 'body-not-changed') bodyNotChanged = true;
    else operations.push(operationOf(child, inner));
  }
  if (bodyNotChanged && operations.length > 0) {
    throw new XcapPatchError('invalid-diff-format', '<body-not-changed> together with patch operations');
  }
  return {
    sel: required(element, 'sel'),
    ...optional('previousEtag', attributeValue(element, 'previous-etag')),
    ...optional('newEtag', attributeValue(element, 'new-etag')),
    ...(bodyNotChanged ? { bodyNotChanged } : {}),
    operations,
  };
}

function elementEntryOf(element: XmlElement): XcapDiffElement {
  const content = element.children.find((c): c is XmlElement => c.type === 'element');
  return { sel: required(element, 'sel'), ...existsOf(element), ...(content ? { content } : {}) };
}

function attributeEntryOf(element: XmlElement): XcapDiffAttribute {
  const exists = existsOf(element);
  let value = '';
  for (const child of element.children) {
    if (child.type === 'element') throw new XcapPatchError('invalid-diff-format', 'element inside <attribute>');
    if (child.type === 'text') value += child.value;
  }
  const hasValue = exists.exists !== false && (element.children.length > 0 || exists.exists === true);
  return { sel: required(element, 'sel'), ...exists, ...(hasValue ? { value } : {}) };
}

/**
 * Reads an `application/xcap-diff+xml` document (RFC 5874). Every failure is an `XcapPatchError` whose `reason` is
 * an RFC 5261 §5 condition (`invalid-diff-format`, `invalid-character-set`, `invalid-entity-reference`, …).
 */
export function parseXcapDiff(text: string | Uint8Array): XcapDiff {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : 'unreadable XML';
    throw new XcapPatchError(xmlFailure(cause), `xcap-diff: ${detail}`, { cause });
  }
  if (!isDiff(root, 'xcap-diff')) {
    throw new XcapPatchError('invalid-diff-format', `root {${root.name.ns ?? ''}}${root.name.local} is not xcap-diff`);
  }
  const scope: readonly XmlNamespaceDeclaration[] = scopeOf([], root);
  const documents: XcapDiffDocument[] = [];
  const elements: XcapDiffElement[] = [];
  const attributes: XcapDiffAttribute[] = [];
  const extensions: XmlElement[] = [];
  for (const child of root.children) {
    if (child.type !== 'element') continue;
    if (isDiff(child, 'document')) documents.push(documentOf(child, scope));
    else if (isDiff(child, 'element')) elements.push(elementEntryOf(child));
    else if (isDiff(child, 'attribute')) attributes.push(attributeEntryOf(child));
    else if (child.name.ns !== XCAP_DIFF_NAMESPACE) extensions.push(child);
    else throw new XcapPatchError('invalid-diff-format', `unknown element <${child.name.local}>`);
  }
  return {
    xcapRoot: required(root, 'xcap-root'),
    documents,
    elements,
    attributes,
    ...(extensions.length > 0 ? { extensions } : {}),
  };
}
