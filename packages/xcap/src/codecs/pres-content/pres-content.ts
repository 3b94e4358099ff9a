import { childElements, qname, type XmlElement, xmlElement, xmlText } from '@simplekit/xml';
import { XcapParseError } from '../../errors.js';
import { elementText, parseRoot, writeXml } from '../xml-support.js';

/** OMA-TS-Pres_XDM §5.4 (pres-content) namespace. */
export const OMA_PRES_CONTENT_NAMESPACE = 'urn:oma:xml:prs:pres-content';

/** An OMA pres-content document, e.g. Blink's `oma_status-icon/index` user icon. */
export interface PresContent {
  /** The decoded bytes of `<data>` (base64 when `encoding` is `base64`). */
  readonly data: Uint8Array;
  readonly mimeType?: string;
  readonly encoding?: string;
  readonly description?: string;
  /** Child elements of other namespaces, kept as read. */
  readonly extensions?: readonly XmlElement[];
}

const name = (local: string) => qname(OMA_PRES_CONTENT_NAMESPACE, local);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function parsePresContent(text: string | Uint8Array): PresContent {
  const root = parseRoot(text, name('content'), 'pres-content');
  const fields: Record<string, string> = {};
  const extensions: XmlElement[] = [];
  for (const child of childElements(root)) {
    const known = ['mime-type', 'encoding', 'description', 'data'].includes(child.name.local);
    if (child.name.ns === OMA_PRES_CONTENT_NAMESPACE && known) fields[child.name.local] = elementText(child);
    else extensions.push(child);
  }
  const raw = fields.data;
  if (raw === undefined) throw new XcapParseError('pres-content: no <data>');
  let data: Uint8Array;
  if (fields.encoding === undefined || fields.encoding.toLowerCase() === 'base64') {
    const compact = raw.replace(/\s+/g, '');
    if (!BASE64.test(compact) || compact.length % 4 === 1)
      throw new XcapParseError('pres-content: <data> is not base64');
    data = new Uint8Array(Buffer.from(compact, 'base64'));
  } else {
    data = new TextEncoder().encode(raw);
  }
  return {
    data,
    ...(fields['mime-type'] !== undefined ? { mimeType: fields['mime-type'] } : {}),
    ...(fields.encoding !== undefined ? { encoding: fields.encoding } : {}),
    ...(fields.description !== undefined ? { description: fields.description } : {}),
    ...(extensions.length > 0 ? { extensions } : {}),
  };
}

/** Writes a pres-content document; `data` is base64-encoded unless `encoding` names something else. */
export function serializePresContent(content: PresContent): string {
  const child = (local: string, value: string) => xmlElement(name(local), { children: [xmlText(value)] });
  const base64 = content.encoding === undefined || content.encoding.toLowerCase() === 'base64';
  const data = base64 ? Buffer.from(content.data).toString('base64') : new TextDecoder().decode(content.data);
  const children = [
    ...(content.mimeType !== undefined ? [child('mime-type', content.mimeType)] : []),
    ...(content.encoding !== undefined ? [child('encoding', content.encoding)] : []),
    ...(content.description !== undefined ? [child('description', content.description)] : []),
    child('data', data),
    ...(content.extensions ?? []),
  ];
  return writeXml(xmlElement(name('content'), { children }), 'pres-content', {
    prefixes: { [OMA_PRES_CONTENT_NAMESPACE]: '' },
  });
}
