import {
  qname,
  serializeXml,
  XML_NAMESPACE,
  type XmlAttribute,
  xmlAttribute,
  xmlElement,
  xmlText,
} from '@simplekit/xml';
import { PidfError } from '../errors.js';
import { WATCHERINFO_NS } from '../namespaces.js';
import type { Watcher, WatcherInfoDocument } from './model.js';

function attribute(local: string, value: string | number): XmlAttribute {
  return xmlAttribute(qname(null, local), String(value));
}

function watcherElement(watcher: Watcher) {
  const attributes = [
    attribute('id', watcher.id),
    attribute('status', watcher.status),
    attribute('event', watcher.event),
  ];
  if (watcher.displayName !== undefined) attributes.push(attribute('display-name', watcher.displayName));
  if (watcher.lang !== undefined) attributes.push(xmlAttribute(qname(XML_NAMESPACE, 'lang'), watcher.lang, 'xml'));
  if (watcher.durationSubscribed !== undefined) {
    attributes.push(attribute('duration-subscribed', watcher.durationSubscribed));
  }
  if (watcher.expiration !== undefined) attributes.push(attribute('expiration', watcher.expiration));
  return xmlElement(qname(WATCHERINFO_NS, 'watcher'), { attributes, children: [xmlText(watcher.uri)] });
}

/**
 * Writes an `application/watcherinfo+xml` document (RFC 3858 §3), as a presence agent sends it — for test
 * servers and fixtures. Throws `PidfError` only.
 */
export function serializeWatcherInfo(doc: WatcherInfoDocument): string {
  const lists = doc.lists.map((list) =>
    xmlElement(qname(WATCHERINFO_NS, 'watcher-list'), {
      attributes: [attribute('resource', list.resource), attribute('package', list.package)],
      children: list.watchers.map(watcherElement),
    }),
  );
  const root = xmlElement(qname(WATCHERINFO_NS, 'watcherinfo'), {
    attributes: [attribute('version', doc.version), attribute('state', doc.state)],
    children: lists,
  });
  try {
    return serializeXml(root, { prefixes: { [WATCHERINFO_NS]: '' } });
  } catch (cause) {
    throw new PidfError('PIDF_UNSERIALIZABLE', 'The watcherinfo document cannot be written as XML', { cause });
  }
}
