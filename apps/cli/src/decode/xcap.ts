import { type AddressBook, readAddressBook } from '@simplekit/contacts-model';
import {
  parsePresContent,
  parsePresRules,
  parseResourceLists,
  parseRlsServices,
  parseXcapCaps,
  parseXcapDiff,
  parseXcapDirectory,
  parseXcapError,
  type ResourceList,
  type ResourceListsDocument,
} from '@simplekit/xcap';
import type { Style } from '../frame/style.js';
import { addressBookJson, renderAddressBook } from '../render/address-book.js';
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

const ADDRESS_BOOK_LIST = 'sipsimple_addressbook';

function renderResourceLists(document: ResourceListsDocument, book: AddressBook | undefined, style: Style): string[] {
  const lines = [style.dim('XCAP resource-lists document (RFC 4826 §3)')];
  if (book !== undefined) {
    lines.push(style.dim(`address book (list ${ADDRESS_BOOK_LIST}, urn:ag-projects:xml:ns:addressbook):`));
    lines.push(...renderAddressBook(book, style).map((l) => `  ${l}`));
  }
  for (const list of document.lists) {
    if (book !== undefined && list.name === ADDRESS_BOOK_LIST) continue;
    lines.push(...listLines(list, style, ''));
  }
  return lines;
}

function generic(kind: DocumentKind, title: string, json: Record<string, unknown>): Decoded {
  return { kind, json, render: (style) => [style.dim(title), ...outline(json, style)] };
}

/** Decoders of the XCAP application documents (RFC 4825 and the OMA XDM specifications). */
export const XCAP_DECODERS = {
  'resource-lists': (bytes: Uint8Array): Decoded => {
    const document = parseResourceLists(bytes);
    // Blink keeps its address book inside resource-lists; contacts-model reads it when the list is there.
    const book = document.lists.some((l) => l.name === ADDRESS_BOOK_LIST) ? readAddressBook(bytes) : undefined;
    return {
      kind: 'resource-lists',
      json: { ...(book === undefined ? {} : { addressBook: addressBookJson(book) }), document },
      render: (style) => renderResourceLists(document, book, style),
    };
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
  'xcap-diff': (bytes: Uint8Array): Decoded =>
    generic('xcap-diff', 'xcap-diff document (RFC 5874)', { document: parseXcapDiff(bytes) }),
} as const;
