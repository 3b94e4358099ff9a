import { type XmlNode, xmlElement, xmlText } from '@simplekit/xml';
import { type AnyUriStyle, formatAnyUri } from '../../uri/any-uri.js';
import { RESOURCE_LISTS_NAMESPACE } from '../resource-lists/model.js';
import { listElement } from '../resource-lists/serialize.js';
import { buildElement, resolveStyle, rootNamespaces, sourceOf, type WriteStyle, writeXml } from '../xml-support.js';
import { RLS_SERVICES_NAMESPACE, type RlsService, type RlsServicesDocument } from './model.js';

const NS = RLS_SERVICES_NAMESPACE;

export interface SerializeRlsServicesOptions {
  /** Prefix for the rls-services namespace (`null`: default namespace). */
  readonly prefix?: string | null;
  readonly uris?: AnyUriStyle;
}

function textChild(local: string, style: WriteStyle, text: string) {
  return xmlElement({ ns: NS, local }, { prefix: style.prefix, children: [xmlText(text)] });
}

function serviceElement(service: RlsService, style: WriteStyle, rl: WriteStyle): XmlNode {
  const source = sourceOf(service);
  if (source) return source;
  const children: XmlNode[] = [
    service.source.kind === 'list'
      ? listElement(service.source.list, rl, { ns: NS, style })
      : textChild('resource-list', style, formatAnyUri(service.source.uri, style.uris)),
  ];
  if (service.packages !== undefined) {
    children.push(
      xmlElement(
        { ns: NS, local: 'packages' },
        { prefix: style.prefix, children: service.packages.map((p) => textChild('package', style, p)) },
      ),
    );
  }
  return buildElement(NS, 'service', style, [['uri', formatAnyUri(service.uri, style.uris)]], service.attributes, [
    ...children,
    ...(service.extensions ?? []),
  ]);
}

/** Writes an rls-services document; untouched services are written exactly as read. */
export function serializeRlsServices(doc: RlsServicesDocument, options: SerializeRlsServicesOptions = {}): string {
  const source = sourceOf(doc);
  if (source && options.prefix === undefined && options.uris === undefined) return writeXml(source, 'rls-services');
  const style = resolveStyle(NS, doc, options);
  const declaredRl = doc.namespaces?.find((d) => d.uri === RESOURCE_LISTS_NAMESPACE);
  const rl: WriteStyle = { prefix: declaredRl ? declaredRl.prefix : 'rl', uris: style.uris };
  const namespaces = rootNamespaces(NS, doc, style);
  if (
    !namespaces.some((d) => d.uri === RESOURCE_LISTS_NAMESPACE) &&
    doc.services.some((s) => s.source.kind === 'list')
  ) {
    namespaces.push({ prefix: rl.prefix, uri: RESOURCE_LISTS_NAMESPACE });
  }
  const root = buildElement(
    NS,
    'rls-services',
    style,
    [],
    doc.attributes,
    [...doc.services.map((s) => serviceElement(s, style, rl)), ...(doc.extensions ?? [])],
    namespaces,
  );
  return writeXml(root, 'rls-services');
}
