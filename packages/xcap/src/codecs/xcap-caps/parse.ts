import { childElements, qname, serializeXml, type XmlElement, xmlElement, xmlText } from '@simplekit/xml';
import { elementText, parseRoot } from '../xml-support.js';

/** RFC 4825 §12.2 namespace of the xcap-caps application. */
export const XCAP_CAPS_NAMESPACE = 'urn:ietf:params:xml:ns:xcap-caps';

/** What an XCAP server supports (RFC 4825 §12). */
export interface XcapCaps {
  readonly auids: readonly string[];
  readonly extensions: readonly string[];
  readonly namespaces: readonly string[];
}

const name = (local: string) => qname(XCAP_CAPS_NAMESPACE, local);

function listOf(root: XmlElement, group: string, item: string): string[] {
  return childElements(root, name(group)).flatMap((g) => childElements(g, name(item)).map(elementText));
}

export function parseXcapCaps(text: string | Uint8Array): XcapCaps {
  const root = parseRoot(text, name('xcap-caps'), 'xcap-caps');
  return {
    auids: listOf(root, 'auids', 'auid'),
    extensions: listOf(root, 'extensions', 'extension'),
    namespaces: listOf(root, 'namespaces', 'namespace'),
  };
}

export function serializeXcapCaps(caps: XcapCaps): string {
  const group = (local: string, item: string, values: readonly string[]) =>
    xmlElement(name(local), { children: values.map((v) => xmlElement(name(item), { children: [xmlText(v)] })) });
  const children = [group('auids', 'auid', caps.auids)];
  if (caps.extensions.length > 0) children.push(group('extensions', 'extension', caps.extensions));
  children.push(group('namespaces', 'namespace', caps.namespaces));
  return serializeXml(xmlElement(name('xcap-caps'), { children }), { prefixes: { [XCAP_CAPS_NAMESPACE]: '' } });
}
