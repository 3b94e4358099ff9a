import { attributeValue, childElements, qname, type XmlElement } from '@simplekit/xml';
import { XcapParseError } from '../../errors.js';
import { decodeAnyUri } from '../../uri/any-uri.js';
import { parseList } from '../resource-lists/parse.js';
import { detectUriStyle, elementText, otherAttributes, parseRoot, withSource } from '../xml-support.js';
import { RLS_SERVICES_NAMESPACE, type RlsService, type RlsServiceSource, type RlsServicesDocument } from './model.js';

const NS = RLS_SERVICES_NAMESPACE;

function parseService(element: XmlElement): RlsService {
  let source: RlsServiceSource | undefined;
  let packages: string[] | undefined;
  const extensions: XmlElement[] = [];
  for (const child of childElements(element)) {
    const own = child.name.ns === NS;
    if (own && child.name.local === 'resource-list' && source === undefined) {
      source = { kind: 'resource-list', uri: decodeAnyUri(elementText(child)) };
    } else if (own && child.name.local === 'list' && source === undefined) {
      source = { kind: 'list', list: parseList(child) };
    } else if (own && child.name.local === 'packages' && packages === undefined) {
      packages = childElements(child, qname(NS, 'package')).map(elementText);
    } else {
      extensions.push(child);
    }
  }
  // RFC 4826 §4.2: a service holds exactly one of <resource-list> and <list>.
  if (source === undefined) throw new XcapParseError('rls-services: <service> without <resource-list> or <list>');
  const attributes = otherAttributes(element, ['uri']);
  const service: RlsService = {
    uri: decodeAnyUri(attributeValue(element, 'uri') ?? ''),
    source,
    ...(packages !== undefined ? { packages } : {}),
    ...(attributes.length > 0 ? { attributes } : {}),
    ...(extensions.length > 0 ? { extensions } : {}),
  };
  return withSource(service, element);
}

/** Reads an rls-services document (RFC 4826 §4). URIs are decoded; unknown content is kept for the rewrite. */
export function parseRlsServices(text: string | Uint8Array): RlsServicesDocument {
  const root = parseRoot(text, qname(NS, 'rls-services'), 'rls-services');
  const services: RlsService[] = [];
  const extensions: XmlElement[] = [];
  for (const child of childElements(root)) {
    if (child.name.ns === NS && child.name.local === 'service') services.push(parseService(child));
    else extensions.push(child);
  }
  return withSource(
    {
      services,
      ...(extensions.length > 0 ? { extensions } : {}),
      ...(root.attributes.length > 0 ? { attributes: root.attributes } : {}),
      namespaces: root.namespaces,
      uriStyle: detectUriStyle(root, ['uri', 'anchor', 'ref']),
    },
    root,
  );
}
