import { attributeValue, childElements, qname, serializeXml, xmlAttribute, xmlElement, xmlText } from '@simplekit/xml';
import { elementText, parseRoot } from '../xml-support.js';

/** OMA-TS-XDM_Core §C.2 namespace of the xcap-directory application. */
export const XCAP_DIRECTORY_NAMESPACE = 'urn:oma:xml:xdm:xcap-directory';

/** One document of the user: its full XCAP URI and current ETag. */
export interface XcapDirectoryEntry {
  readonly uri: string;
  readonly etag: string;
  readonly lastModified?: string;
  readonly size?: number;
}

/** The documents of one application usage (or the error the server met listing them). */
export interface XcapDirectoryFolder {
  readonly auid: string;
  readonly entries: readonly XcapDirectoryEntry[];
  readonly errorCode?: string;
}

export interface XcapDirectory {
  readonly folders: readonly XcapDirectoryFolder[];
}

const name = (local: string) => qname(XCAP_DIRECTORY_NAMESPACE, local);

export function parseXcapDirectory(text: string | Uint8Array): XcapDirectory {
  const root = parseRoot(text, name('xcap-directory'), 'xcap-directory');
  return {
    folders: childElements(root, name('folder')).map((folder) => {
      const error = childElements(folder, name('error-code'))[0];
      return {
        auid: attributeValue(folder, 'auid') ?? '',
        entries: childElements(folder, name('entry')).map((entry) => {
          const lastModified = attributeValue(entry, 'last-modified');
          const size = Number(attributeValue(entry, 'size'));
          return {
            uri: attributeValue(entry, 'uri') ?? '',
            etag: attributeValue(entry, 'etag') ?? '',
            ...(lastModified !== undefined ? { lastModified } : {}),
            ...(Number.isSafeInteger(size) && attributeValue(entry, 'size') !== undefined ? { size } : {}),
          };
        }),
        ...(error ? { errorCode: elementText(error) } : {}),
      };
    }),
  };
}

export function serializeXcapDirectory(directory: XcapDirectory): string {
  const folders = directory.folders.map((folder) => {
    const entries = folder.entries.map((entry) =>
      xmlElement(name('entry'), {
        attributes: [
          xmlAttribute(qname(null, 'uri'), entry.uri),
          xmlAttribute(qname(null, 'etag'), entry.etag),
          ...(entry.lastModified !== undefined ? [xmlAttribute(qname(null, 'last-modified'), entry.lastModified)] : []),
          ...(entry.size !== undefined ? [xmlAttribute(qname(null, 'size'), String(entry.size))] : []),
        ],
      }),
    );
    const error =
      folder.errorCode !== undefined ? [xmlElement(name('error-code'), { children: [xmlText(folder.errorCode)] })] : [];
    return xmlElement(name('folder'), {
      attributes: [xmlAttribute(qname(null, 'auid'), folder.auid)],
      children: folder.errorCode !== undefined ? error : entries,
    });
  });
  return serializeXml(xmlElement(name('xcap-directory'), { children: folders }), {
    prefixes: { [XCAP_DIRECTORY_NAMESPACE]: '' },
  });
}
