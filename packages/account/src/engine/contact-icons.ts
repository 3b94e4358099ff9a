import { createHash } from 'node:crypto';
import { type DocumentRef, parsePresContent, XcapHttpError } from '@simplekit/xcap';
import { AccountIconError } from '../errors.js';
import type { XcapPort } from '../ports/xcap.js';
import type { StateFiles } from '../storage/account-storage.js';

/** Image types accepted for icons (ours and contacts'). */
export const ICON_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp'];
/** The largest icon accepted, in bytes (Blink scales icons to 512×512; this is generous). */
export const MAX_ICON_BYTES = 512 * 1024;

/** One HTTP GET as the icon fetcher needs it; `etag` asks for a conditional GET (RFC 9110 §13.1.2). */
export type IconHttpGet = (
  url: string,
  options: { readonly etag?: string; readonly maxBytes: number },
) => Promise<{
  readonly status: number;
  readonly etag?: string;
  readonly contentType?: string;
  readonly body: Uint8Array;
}>;

export interface ContactIcon {
  readonly url: string;
  readonly mimeType: string;
  readonly data: Uint8Array;
  readonly etag?: string;
}

interface CachedIcon {
  readonly url: string;
  readonly mimeType: string;
  readonly etag?: string;
  readonly data: string;
}

function essence(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase();
}

/**
 * Contacts' icons from the URLs they publish (CIPID `icon`): fetched conditionally against the cached ETag,
 * refused when larger than `MAX_ICON_BYTES` or not an image type we show, and cached in the state area
 * (`icons/<sha1 of the URL>.json`). An XCAP pres-content document (what Blink publishes) is unwrapped to its image.
 */
export class ContactIcons {
  readonly #files: StateFiles;
  readonly #get: IconHttpGet;

  constructor(files: StateFiles, get: IconHttpGet) {
    this.#files = files;
    this.#get = get;
  }

  async fetch(url: string): Promise<ContactIcon> {
    const name = `icons/${createHash('sha1').update(url).digest('hex')}.json`;
    const cached = await this.#cached(name, url);
    let res: Awaited<ReturnType<IconHttpGet>>;
    try {
      res = await this.#get(url, { maxBytes: MAX_ICON_BYTES * 2, ...(cached?.etag ? { etag: cached.etag } : {}) });
    } catch (cause) {
      if (cause instanceof AccountIconError) throw cause;
      throw new AccountIconError('fetch-failed', `${url}: icon could not be fetched`, { cause });
    }
    if (res.status === 304 && cached) return cached;
    if (res.status !== 200) throw new AccountIconError('fetch-failed', `${url}: HTTP ${res.status}`);
    let data = res.body;
    let mimeType = essence(res.contentType);
    if (mimeType === 'application/vnd.oma.pres-content+xml' || mimeType === 'application/xml') {
      try {
        const content = parsePresContent(res.body);
        data = content.data;
        mimeType = essence(content.mimeType);
      } catch (cause) {
        throw new AccountIconError('bad-type', `${url}: unreadable pres-content document`, { cause });
      }
    }
    if (mimeType === undefined || !ICON_TYPES.includes(mimeType)) {
      throw new AccountIconError('bad-type', `${url}: ${mimeType ?? 'no type'} is not an image type we show`);
    }
    if (data.byteLength > MAX_ICON_BYTES) {
      throw new AccountIconError('too-large', `${url}: ${data.byteLength} bytes, more than ${MAX_ICON_BYTES}`);
    }
    const icon: ContactIcon = { url, mimeType, data, ...(res.etag !== undefined ? { etag: res.etag } : {}) };
    const record: CachedIcon = {
      url,
      mimeType,
      ...(res.etag !== undefined ? { etag: res.etag } : {}),
      data: Buffer.from(data).toString('base64'),
    };
    await this.#files.write(name, JSON.stringify(record));
    return icon;
  }

  async #cached(name: string, url: string): Promise<ContactIcon | undefined> {
    const bytes = await this.#files.read(name);
    if (bytes === undefined) return undefined;
    try {
      const r = JSON.parse(new TextDecoder().decode(bytes)) as Partial<CachedIcon>;
      if (r.url !== url || typeof r.mimeType !== 'string' || typeof r.data !== 'string') return undefined;
      return {
        url,
        mimeType: r.mimeType,
        data: new Uint8Array(Buffer.from(r.data, 'base64')),
        ...(typeof r.etag === 'string' ? { etag: r.etag } : {}),
      };
    } catch {
      return undefined;
    }
  }
}

/** The default HTTP GET: Node's fetch, with the size limit enforced while reading. */
export const fetchIconOverHttp: IconHttpGet = async (url, { etag, maxBytes }) => {
  const protocol = new URL(url).protocol;
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new AccountIconError('fetch-failed', `${url}: only http and https icons are fetched`);
  }
  const res = await fetch(url, { headers: etag ? { 'if-none-match': etag } : {}, redirect: 'follow' });
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw new AccountIconError('too-large', `${url}: ${declared} bytes announced`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (res.body) {
    for await (const chunk of res.body) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new AccountIconError('too-large', `${url}: more than ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  }
  const etagHeader = res.headers.get('etag');
  const type = res.headers.get('content-type');
  return {
    status: res.status,
    ...(etagHeader !== null ? { etag: etagHeader } : {}),
    ...(type !== null ? { contentType: type } : {}),
    body: new Uint8Array(Buffer.concat(chunks)),
  };
};

/**
 * An icon GET that sends URLs under our own XCAP root through the XCAP client, so that they are fetched with the
 * account's credentials (Blink publishes the pres-content document's XCAP URL, RFC 4825 §6); any other URL goes to
 * `fallback`.
 */
export function iconGetVia(xcap: () => XcapPort | undefined, fallback: IconHttpGet): IconHttpGet {
  return async (url, options) => {
    const client = xcap();
    const ref = client ? documentRefOf(client.root, url) : undefined;
    if (!client || !ref) return fallback(url, options);
    try {
      const res = await client.getDocumentIfChanged(ref, options.etag);
      if (res === undefined) return { status: 304, body: new Uint8Array() };
      return {
        status: 200,
        ...(res.etag !== undefined ? { etag: res.etag } : {}),
        ...(res.contentType !== undefined ? { contentType: res.contentType } : {}),
        body: new TextEncoder().encode(res.body),
      };
    } catch (error) {
      if (error instanceof XcapHttpError) return { status: error.status, body: new Uint8Array() };
      throw error;
    }
  };
}

/** `<root>/<auid>/users/<xui>/<document>` → its parts (RFC 4825 §6.2); `undefined` for any other URL. */
export function documentRefOf(root: string, url: string): DocumentRef | undefined {
  const base = `${root.replace(/\/+$/, '')}/`;
  if (!url.startsWith(base) || url.includes('/~~/')) return undefined;
  const [auid, scope, xui, ...path] = url.slice(base.length).split('/');
  if (!auid || scope !== 'users' || !xui || path.length === 0) return undefined;
  try {
    return {
      auid: decodeURIComponent(auid),
      xui: decodeURIComponent(xui),
      document: path.map(decodeURIComponent).join('/'),
    };
  } catch {
    return undefined;
  }
}
