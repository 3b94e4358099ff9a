import { readFileSync } from 'node:fs';
import { childElements, firstChildElement, parseXml, textContent } from '@simplekit/xml';
import { serialiseMultipart } from '../multipart/serialise.js';
import type { BodyDecoders } from '../notification/body.js';
import { serialiseRlmi } from '../rlmi/serialise.js';
import type { RlmiResource } from '../rlmi/types.js';

const PIDF = 'urn:ietf:params:xml:ns:pidf';

/** What the tests read from a PIDF body: enough to tell documents apart, decoded with a real XML parser. */
export interface TestPresence {
  readonly entity: string;
  readonly basic: readonly string[];
  readonly note: string | undefined;
}

export function decodeTestPresence(bytes: Uint8Array): TestPresence {
  const root = parseXml(bytes);
  if (root.name.ns !== PIDF || root.name.local !== 'presence') throw new Error('not a PIDF presence document');
  const entity = root.attributes.find((a) => a.local === 'entity')?.value ?? '';
  const basic: string[] = [];
  let note: string | undefined;
  for (const tuple of childElements(root, { ns: PIDF, local: 'tuple' })) {
    const status = firstChildElement(tuple, { ns: PIDF, local: 'status' });
    const b = status && firstChildElement(status, { ns: PIDF, local: 'basic' });
    if (b) basic.push(textContent(b).trim());
    const n = firstChildElement(tuple, { ns: PIDF, local: 'note' });
    if (n && note === undefined) note = textContent(n).trim();
  }
  return { entity, basic, note };
}

export const testDecoders: BodyDecoders<TestPresence> = { 'application/pidf+xml': decodeTestPresence };

export function fixture(name: string): Buffer {
  return readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url));
}

export function fixtureNotify(name: string): { body: Buffer; contentType: string } {
  return { body: fixture(`${name}.multipart`), contentType: fixture(`${name}.content-type`).toString('utf8').trim() };
}

export function pidfDocument(entity: string, basic: string, note?: string): string {
  const noteXml = note === undefined ? '' : `<note>${note}</note>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<presence xmlns="${PIDF}" entity="${entity}"><tuple id="t"><status><basic>${basic}</basic></status>${noteXml}</tuple></presence>\n`;
}

/** A resource as a test describes it: instances with an optional PIDF body per active instance. */
export interface TestResource {
  readonly uri: string;
  readonly name?: string;
  readonly instances: readonly {
    readonly id: string;
    readonly state: 'active' | 'pending' | 'terminated';
    readonly reason?: string;
    /** PIDF body text for active instances. */
    readonly body?: string;
  }[];
}

/** Builds the bytes and Content-Type of an RLS NOTIFY body for the given list content. */
export function buildNotify(
  listUri: string,
  version: number,
  fullState: boolean,
  resources: readonly TestResource[],
): { body: Uint8Array; contentType: string } {
  const parts: { contentType: string; contentId: string; body: string }[] = [];
  let n = 0;
  const rlmiResources: RlmiResource[] = resources.map((resource) => ({
    uri: resource.uri,
    names: resource.name === undefined ? [] : [{ value: resource.name }],
    instances: resource.instances.map((instance) => {
      if (instance.body === undefined) {
        return { id: instance.id, state: instance.state, ...(instance.reason ? { reason: instance.reason } : {}) };
      }
      const cid = `part${n++}@rls.example.com`;
      parts.push({ contentType: 'application/pidf+xml;charset="UTF-8"', contentId: cid, body: instance.body });
      return { id: instance.id, state: instance.state, cid };
    }),
  }));
  const rlmi = serialiseRlmi({ uri: listUri, version, fullState, resources: rlmiResources });
  return serialiseMultipart({
    type: 'application/rlmi+xml',
    start: 'root@rls.example.com',
    parts: [
      { contentType: 'application/rlmi+xml;charset="UTF-8"', contentId: 'root@rls.example.com', body: rlmi },
      ...parts,
    ],
  });
}
