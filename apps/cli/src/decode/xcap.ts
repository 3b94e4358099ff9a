import {
  parsePresContent,
  parsePresRules,
  parseResourceLists,
  parseRlsServices,
  parseXcapCaps,
  parseXcapDirectory,
  parseXcapError,
  type ResourceList,
  type ResourceListsDocument,
} from '@simplekit/xcap';
import type { Style } from '../frame/style.js';
import type { Decoded } from './decoded.js';
import type { DocumentKind } from './kinds.js';
import { outline, xmlSnippet } from './outline.js';

function listLines(list: ResourceList, style: Style, indent: string): string[] {
  const title = `${indent}${style.bold(`list ${list.name ?? '(unnamed)'}`)}${list.displayName ? ` "${list.displayName}"` : ''}`;
  const lines = [title];
  const inner = `${indent}  `;
  for (const item of list.items) {
    switch (item.kind) {
      case 'list':
        lines.push(...listLines(item, style, inner));
        break;
      case 'entry':
        lines.push(`${inner}entry ${item.uri}${item.displayName ? ` "${item.displayName}"` : ''}`);
        break;
      case 'entry-ref':
        lines.push(`${inner}entry-ref ${item.ref}`);
        break;
      case 'external':
        lines.push(`${inner}external ${item.anchor}`);
        break;
      case 'foreign':
        if (item.node.type === 'element') lines.push(`${inner}${style.dim(xmlSnippet(item.node))}`);
        break;
    }
  }
  return lines;
}

function renderResourceLists(document: ResourceListsDocument, style: Style): string[] {
  return [
    style.dim('XCAP resource-lists document (RFC 4826 §3)'),
    ...document.lists.flatMap((list) => listLines(list, style, '')),
  ];
}

function generic(kind: DocumentKind, title: string, json: Record<string, unknown>): Decoded {
  return { kind, json, render: (style) => [style.dim(title), ...outline(json, style)] };
}

/** Decoders of the XCAP application documents (RFC 4825 and the OMA XDM specifications). */
export const XCAP_DECODERS = {
  'resource-lists': (bytes: Uint8Array): Decoded => {
    const document = parseResourceLists(bytes);
    return { kind: 'resource-lists', json: { document }, render: (style) => renderResourceLists(document, style) };
  },
  'rls-services': (bytes: Uint8Array): Decoded =>
    generic('rls-services', 'XCAP rls-services document (RFC 4826 §4)', { document: parseRlsServices(bytes) }),
  'pres-rules': (bytes: Uint8Array): Decoded =>
    generic('pres-rules', 'XCAP pres-rules document (RFC 4745, RFC 5025, OMA)', { document: parsePresRules(bytes) }),
  'pres-content': (bytes: Uint8Array): Decoded =>
    generic('pres-content', 'OMA pres-content document (status icon)', { document: parsePresContent(bytes) }),
  'xcap-directory': (bytes: Uint8Array): Decoded =>
    generic('xcap-directory', 'OMA xcap-directory document', { document: parseXcapDirectory(bytes) }),
  'xcap-caps': (bytes: Uint8Array): Decoded =>
    generic('xcap-caps', 'XCAP capabilities document (RFC 4825 §12)', { document: parseXcapCaps(bytes) }),
  'xcap-error': (bytes: Uint8Array): Decoded =>
    generic('xcap-error', 'XCAP error document (RFC 4825 §11)', { conditions: parseXcapError(bytes) }),
} as const;
