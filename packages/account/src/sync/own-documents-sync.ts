import { createHash } from 'node:crypto';
import { parsePresence, summarize } from '@simplekit/pidf';
import { parsePresContent, serializePresContent, XcapNotFound } from '@simplekit/xcap';
import type { AccountConfig } from '../config/config.js';
import type { Journal, JournalEntry } from '../journal/journal.js';
import type { XcapPort } from '../ports/xcap.js';
import { offlinePresenceBody } from '../presence/own-document.js';
import type { AccountEdit } from '../state/edits.js';
import type { OfflineStatus, OwnIcon } from '../state/types.js';
import { DOCUMENTS, type DocumentCache, type DocumentName } from './document-cache.js';

export interface OwnDocumentsState {
  /** The icon as stored in pres-content (ours, or replicated from another device of the account). */
  readonly icon: OwnIcon | undefined;
  /** What watchers see while no device is online (pidf-manipulation). */
  readonly offline: OfflineStatus | undefined;
  readonly acknowledged: readonly number[];
  /** Problems reading a document another client wrote; the document is then ignored. */
  readonly problems: readonly { readonly document: DocumentName; readonly error: unknown }[];
}

export function iconHash(data: Uint8Array): string {
  return createHash('sha1').update(data).digest('hex');
}

/**
 * The two documents of our own presence that live in XCAP: the user icon (OMA pres-content, Blink's
 * `oma_status-icon/index`) and the offline status (RFC 4827 pidf-manipulation). Pending edits are written first
 * (last one wins: each states the whole document), then both documents are read back, which is also how an icon
 * set on another device of the account reaches this one.
 */
export class OwnDocumentsSync {
  readonly #xcap: XcapPort;
  readonly #cache: DocumentCache;
  readonly #journal: Journal<AccountEdit>;
  readonly #config: AccountConfig;
  readonly #now: () => number;
  readonly #supports: (auid: string) => boolean;

  constructor(options: {
    readonly xcap: XcapPort;
    readonly cache: DocumentCache;
    readonly journal: Journal<AccountEdit>;
    readonly config: AccountConfig;
    readonly now: () => number;
    /** Whether the server stores an AUID (from xcap-caps); everything is tried when unknown. */
    readonly supports?: (auid: string) => boolean;
  }) {
    this.#supports = options.supports ?? (() => true);
    this.#xcap = options.xcap;
    this.#cache = options.cache;
    this.#journal = options.journal;
    this.#config = options.config;
    this.#now = options.now;
  }

  /** The state from the local cache only (before any network). */
  cached(): Omit<OwnDocumentsState, 'acknowledged'> {
    return this.#read();
  }

  async sync(): Promise<OwnDocumentsState> {
    const pending = this.#journal.pending();
    const icons = pending.filter(
      (e): e is JournalEntry<Extract<AccountEdit, { op: 'set-icon' }>> => e.edit.op === 'set-icon',
    );
    const offline = pending.filter(
      (e): e is JournalEntry<Extract<AccountEdit, { op: 'set-offline-status' }>> => e.edit.op === 'set-offline-status',
    );
    const iconSupported = this.#supports(DOCUMENTS.presContent.auid);
    const offlineSupported = this.#supports(DOCUMENTS.pidfManipulation.auid);
    const lastIcon = icons.at(-1)?.edit;
    if (lastIcon && iconSupported) {
      if (lastIcon.data !== undefined) {
        const body = serializePresContent({
          data: Buffer.from(lastIcon.data, 'base64'),
          mimeType: lastIcon.mimeType,
          encoding: 'base64',
        });
        await this.#write('presContent', body);
      } else await this.#remove('presContent');
    }
    const lastOffline = offline.at(-1)?.edit;
    if (lastOffline && offlineSupported) {
      if (lastOffline.offline) {
        const body = offlinePresenceBody({ config: this.#config, ...lastOffline.offline, now: this.#now() });
        await this.#write('pidfManipulation', body);
      } else await this.#remove('pidfManipulation');
    }
    // An edit for a document the server does not store can never be sent: it is dropped (and said so by the
    // engine through the capabilities in its snapshot) rather than retried forever.
    const acknowledged = [...icons, ...offline].map((e) => e.seq);
    await this.#journal.ack(acknowledged);
    if (iconSupported) await this.#cache.fetch(this.#xcap, 'presContent');
    if (offlineSupported) await this.#cache.fetch(this.#xcap, 'pidfManipulation');
    return { ...this.#read(), acknowledged };
  }

  #read(): Omit<OwnDocumentsState, 'acknowledged'> {
    const problems: { document: DocumentName; error: unknown }[] = [];
    let icon: OwnIcon | undefined;
    const content = this.#cache.get('presContent');
    if (content) {
      try {
        const parsed = parsePresContent(content.body);
        icon = {
          url: this.#xcap.documentUri(DOCUMENTS.presContent),
          mimeType: parsed.mimeType ?? 'image/png',
          ...(content.etag !== undefined ? { etag: content.etag } : {}),
          hash: iconHash(parsed.data),
        };
      } catch (error) {
        problems.push({ document: 'presContent', error });
      }
    }
    let offline: OfflineStatus | undefined;
    const manipulation = this.#cache.get('pidfManipulation');
    if (manipulation) {
      try {
        const summary = summarize(parsePresence(manipulation.body));
        offline = { status: summary.availability, note: summary.notes[0] ?? '' };
      } catch (error) {
        problems.push({ document: 'pidfManipulation', error });
      }
    }
    return { icon, offline, problems };
  }

  async #write(name: DocumentName, body: string): Promise<void> {
    // Each of these documents is written whole by whichever device changed it last: no merge, so no If-Match.
    const result = await this.#xcap.putDocument(DOCUMENTS[name], body, { condition: 'unconditional' });
    await this.#cache.set(name, { etag: result.etag, body });
  }

  async #remove(name: DocumentName): Promise<void> {
    // Kamailio answers a DELETE of a missing document with 500: only delete what we know exists.
    if (this.#cache.get(name) === undefined) return;
    try {
      await this.#xcap.deleteDocument(DOCUMENTS[name], { condition: 'unconditional' });
    } catch (error) {
      if (!(error instanceof XcapNotFound)) throw error;
    }
    await this.#cache.set(name, undefined);
  }
}
