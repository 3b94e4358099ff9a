import {
  qname,
  type XmlAttribute,
  type XmlElement,
  type XmlNode,
  xmlAttribute,
  xmlElement,
  xmlText,
} from '@simplekit/xml';
import { writeXml } from '../xml-support.js';
import { type PatchOperation, XCAP_DIFF_NAMESPACE, type XcapDiff, type XcapDiffDocument } from './model.js';

const diffName = (local: string) => qname(XCAP_DIFF_NAMESPACE, local);

function attrs(pairs: ReadonlyArray<readonly [string, string | undefined]>): XmlAttribute[] {
  const out: XmlAttribute[] = [];
  for (const [name, value] of pairs) if (value !== undefined) out.push(xmlAttribute(qname(null, name), value));
  return out;
}

function operationElement(op: PatchOperation): XmlElement {
  const own =
    op.op === 'add'
      ? attrs([
          ['sel', op.sel],
          ['pos', op.pos],
          ['type', op.type],
        ])
      : op.op === 'remove'
        ? attrs([
            ['sel', op.sel],
            ['ws', op.ws],
          ])
        : attrs([['sel', op.sel]]);
  // RFC 5261 §4.2.1: the selector's prefixes (and its unprefixed names) resolve through the declarations in scope of
  // the operation, so they are written on the operation element itself.
  return xmlElement(diffName(op.op), {
    prefix: 'd',
    namespaces: op.namespaces,
    attributes: own,
    children: op.op === 'remove' ? [] : op.content,
  });
}

function documentElement(doc: XcapDiffDocument): XmlElement {
  const children: XmlNode[] = doc.bodyNotChanged
    ? [xmlElement(diffName('body-not-changed'), { prefix: 'd' })]
    : doc.operations.map(operationElement);
  return xmlElement(diffName('document'), {
    prefix: 'd',
    attributes: attrs([
      ['sel', doc.sel],
      ['previous-etag', doc.previousEtag],
      ['new-etag', doc.newEtag],
    ]),
    children,
  });
}

const existsValue = (exists: boolean | undefined) => (exists === undefined ? undefined : exists ? '1' : '0');

/**
 * Writes an xcap-diff document. The xcap-diff namespace gets the prefix `d`, never the default namespace: under
 * RFC 5261 §4.2.1 a default namespace would also apply to the unprefixed element names of every selector.
 */
export function serializeXcapDiff(diff: XcapDiff): string {
  const children: XmlNode[] = [
    ...diff.documents.map(documentElement),
    ...diff.elements.map((e) =>
      xmlElement(diffName('element'), {
        prefix: 'd',
        attributes: attrs([
          ['sel', e.sel],
          ['exists', existsValue(e.exists)],
        ]),
        children: e.content ? [e.content] : [],
      }),
    ),
    ...diff.attributes.map((a) =>
      xmlElement(diffName('attribute'), {
        prefix: 'd',
        attributes: attrs([
          ['sel', a.sel],
          ['exists', existsValue(a.exists)],
        ]),
        children: a.value !== undefined && a.value !== '' ? [xmlText(a.value)] : [],
      }),
    ),
    ...(diff.extensions ?? []),
  ];
  const root = xmlElement(diffName('xcap-diff'), {
    prefix: 'd',
    namespaces: [{ prefix: 'd', uri: XCAP_DIFF_NAMESPACE }],
    attributes: attrs([['xcap-root', diff.xcapRoot]]),
    children,
  });
  return writeXml(root, 'xcap-diff', { prefixes: { [XCAP_DIFF_NAMESPACE]: 'd' } });
}
