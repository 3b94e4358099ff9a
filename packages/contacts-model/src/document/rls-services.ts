import {
  type AnyUriStyle,
  parseRlsServices,
  type RlsService,
  type RlsServicesDocument,
  serializeRlsServices,
  XcapError,
} from '@simplekit/xcap';
import type { RlsServiceSpec } from '../derive/rls-services.js';
import { ContactsParseError } from '../errors.js';

function parse(xml: string | Uint8Array | null | undefined): RlsServicesDocument {
  if (xml === null || xml === undefined || xml.length === 0) return { services: [] };
  try {
    return parseRlsServices(xml);
  } catch (cause) {
    if (cause instanceof XcapError) throw new ContactsParseError(`rls-services: ${cause.message}`, { cause });
    throw cause;
  }
}

function matches(service: RlsService, spec: RlsServiceSpec): boolean {
  return (
    service.source.kind === 'resource-list' &&
    service.source.uri === spec.resourceList &&
    JSON.stringify(service.packages ?? null) === JSON.stringify(spec.packages)
  );
}

/**
 * Normalises rls-services the way Blink does: the service for each spec's URI points at its list and serves its
 * packages (fixed in place when it exists, appended when it does not); other services and foreign content stay.
 * `changed` is false when the original already said all that (it is then returned as read).
 */
export function writeRlsServices(
  original: string | Uint8Array | null | undefined,
  specs: readonly RlsServiceSpec[],
  style: AnyUriStyle | undefined,
): { xml: string; changed: boolean } {
  const doc = parse(original);
  const services: RlsService[] = [...doc.services];
  let changed = doc.services.length === 0 && (original === null || original === undefined || original.length === 0);
  for (const spec of specs) {
    const index = services.findIndex((s) => s.uri === spec.uri);
    const existing = services[index];
    if (existing !== undefined && matches(existing, spec)) continue;
    changed = true;
    const next: RlsService = {
      ...existing,
      uri: spec.uri,
      source: { kind: 'resource-list', uri: spec.resourceList },
      packages: spec.packages,
    };
    if (existing === undefined) services.push(next);
    else services[index] = next;
  }
  if (!changed && original !== null && original !== undefined) {
    return { xml: serializeRlsServices(doc), changed: false };
  }
  const uris = style ?? doc.uriStyle ?? 'blink';
  return { xml: serializeRlsServices({ ...doc, services }, { uris }), changed: true };
}
