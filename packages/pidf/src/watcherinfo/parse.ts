import { attributeValue, childElements, qname, textContent, XML_NAMESPACE, type XmlElement } from '@simplekit/xml';
import { PidfError } from '../errors.js';
import { WATCHERINFO_NS } from '../namespaces.js';
import { type ReadOptions, readXml } from '../xml-input.js';
import type { Watcher, WatcherInfoDocument, WatcherList, WatcherStatus } from './model.js';

const WATCHER_LIST = qname(WATCHERINFO_NS, 'watcher-list');
const WATCHER = qname(WATCHERINFO_NS, 'watcher');
const STATUSES: ReadonlySet<string> = new Set(['pending', 'active', 'waiting', 'terminated']);

function invalid(message: string): PidfError {
  return new PidfError('PIDF_INVALID', `watcherinfo: ${message}`);
}

function required(element: XmlElement, name: string): string {
  const value = attributeValue(element, name);
  if (value === undefined) throw invalid(`<${element.name.local}> has no ${name} attribute`);
  return value;
}

function count(value: string | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\s*\d{1,15}\s*$/.test(value)) throw invalid(`${what} "${value}" is not a non-negative integer`);
  return Number(value);
}

/**
 * Parses an `application/watcherinfo+xml` body (RFC 3858), full or partial. Elements and attributes from other
 * namespaces (allowed by the schema) are ignored. Throws `PidfError` only.
 */
export function parseWatcherInfo(input: string | Uint8Array, options: ReadOptions = {}): WatcherInfoDocument {
  return readWatcherInfo(readXml(input, options, 'watcherinfo'));
}

/** Reads a watcherinfo document from an already parsed root element. */
export function readWatcherInfo(root: XmlElement): WatcherInfoDocument {
  if (root.name.ns !== WATCHERINFO_NS || root.name.local !== 'watcherinfo') {
    throw new PidfError(
      'PIDF_WRONG_NAMESPACE',
      `Expected {${WATCHERINFO_NS}}watcherinfo, got {${root.name.ns ?? ''}}${root.name.local}`,
    );
  }
  const version = count(required(root, 'version'), 'version');
  const state = required(root, 'state');
  if (version === undefined) throw invalid('no version');
  if (state !== 'full' && state !== 'partial') throw invalid(`state "${state}" is neither full nor partial`);
  return { version, state, lists: childElements(root, WATCHER_LIST).map(readList) };
}

function readList(element: XmlElement): WatcherList {
  return {
    resource: required(element, 'resource'),
    package: required(element, 'package'),
    watchers: childElements(element, WATCHER).map(readWatcher),
  };
}

function readWatcher(element: XmlElement): Watcher {
  const status = required(element, 'status');
  if (!STATUSES.has(status)) throw invalid(`watcher status "${status}" is unknown`);
  const watcher: { -readonly [K in keyof Watcher]: Watcher[K] } = {
    id: required(element, 'id'),
    uri: textContent(element).trim(),
    status: status as WatcherStatus,
    event: required(element, 'event'),
  };
  const displayName = attributeValue(element, 'display-name');
  const lang = attributeValue(element, 'lang', XML_NAMESPACE);
  const duration = count(attributeValue(element, 'duration-subscribed'), 'duration-subscribed');
  const expiration = count(attributeValue(element, 'expiration'), 'expiration');
  if (displayName !== undefined) watcher.displayName = displayName;
  if (lang !== undefined) watcher.lang = lang;
  if (duration !== undefined) watcher.durationSubscribed = duration;
  if (expiration !== undefined) watcher.expiration = expiration;
  return watcher;
}
