import {
  type AccountLocation,
  applyJournal,
  deriveDocuments,
  type JournalOp,
  type MergeConflict,
  type AddressBook as ModelBook,
  mergeJournal,
  readAddressBook,
} from '@simplekit/contacts-model';
import { XcapPreconditionFailed } from '@simplekit/xcap';
import type { Journal, JournalEntry } from '../journal/journal.js';
import type { XcapPort } from '../ports/xcap.js';
import type { AccountEdit } from '../state/edits.js';
import { type CachedDocument, DOCUMENTS, type DocumentCache, type DocumentName } from './document-cache.js';

/** How often one sync refetches and replays after a 412 before giving up until the next trigger. */
const MAX_ATTEMPTS = 5;

export interface AddressBookSyncResult {
  /** The book as stored on the server after this sync. */
  readonly book: ModelBook;
  /** Documents written (PUT) by this sync, in order. */
  readonly written: readonly DocumentName[];
  /** Journal entries the server accepted. */
  readonly acknowledged: readonly number[];
  /** How many 412s were met (each one a refetch and a replay of the journal). */
  readonly preconditionFailures: number;
  readonly conflicts: readonly MergeConflict[];
}

type AddressBookEntry = JournalEntry<Extract<AccountEdit, { op: 'address-book' }>>;

function addressBookEntries(journal: Journal<AccountEdit>): AddressBookEntry[] {
  return journal.pending().filter((e): e is AddressBookEntry => e.edit.op === 'address-book');
}

/**
 * The address book between the journal and the server. The base is the resource-lists document as last synced;
 * the journal's operations are replayed on whatever the server holds now through contacts-model's three-way merge
 * (base, theirs, mine), and rls-services and pres-rules are derived from the result. Only documents that differ
 * from the server's copy are written, each conditioned on the ETag it was read with (RFC 4825 §7.11), so a
 * concurrent write by another device shows as a 412 and the whole round is redone on fresh documents.
 */
export class AddressBookSync {
  readonly #xcap: XcapPort;
  readonly #cache: DocumentCache;
  readonly #journal: Journal<AccountEdit>;
  readonly #location: AccountLocation;
  #base: ModelBook;

  constructor(options: {
    readonly xcap: XcapPort;
    readonly cache: DocumentCache;
    readonly journal: Journal<AccountEdit>;
    readonly location: AccountLocation;
  }) {
    this.#xcap = options.xcap;
    this.#cache = options.cache;
    this.#journal = options.journal;
    this.#location = options.location;
    this.#base = readAddressBook(this.#cache.get('resourceLists')?.body);
  }

  /** The book as last synced. */
  get base(): ModelBook {
    return this.#base;
  }

  /** What the user sees: the last synced book with every pending edit applied (optimistic, no network). */
  optimistic(): ModelBook {
    const ops = addressBookEntries(this.#journal).flatMap((e) => e.edit.ops);
    return ops.length === 0 ? this.#base : applyJournal(this.#base, ops);
  }

  async sync(): Promise<AddressBookSyncResult> {
    const written: DocumentName[] = [];
    let preconditionFailures = 0;
    for (let attempt = 1; ; attempt += 1) {
      const entries = addressBookEntries(this.#journal);
      try {
        const round = await this.#round(
          entries.flatMap((e) => e.edit.ops),
          written,
        );
        const acknowledged = entries.map((e) => e.seq);
        await this.#journal.ack(acknowledged);
        this.#base = round.book;
        return { book: round.book, written, acknowledged, preconditionFailures, conflicts: round.conflicts };
      } catch (error) {
        if (!(error instanceof XcapPreconditionFailed) || attempt >= MAX_ATTEMPTS) throw error;
        preconditionFailures += 1;
      }
    }
  }

  async #round(ops: readonly JournalOp[], written: DocumentName[]) {
    const [lists, services, rules] = [
      await this.#cache.fetch(this.#xcap, 'resourceLists'),
      await this.#cache.fetch(this.#xcap, 'rlsServices'),
      await this.#cache.fetch(this.#xcap, 'presRules'),
    ];
    const theirs = readAddressBook(lists?.body);
    const merged = mergeJournal(this.#base, theirs, ops);
    const derived = deriveDocuments(merged.book, {
      ...this.#location,
      rlsServices: services?.body ?? null,
      presRules: rules?.body ?? null,
    });
    // resource-lists first: the derived rls-services points into it, and the RLS reads it when rls-services changes.
    if (lists?.body !== derived.resourceLists) {
      await this.#put('resourceLists', lists, derived.resourceLists);
      written.push('resourceLists');
    }
    if (services === undefined || derived.changed.rlsServices) {
      await this.#put('rlsServices', services, derived.rlsServices);
      written.push('rlsServices');
    }
    if (rules === undefined || derived.changed.presRules) {
      await this.#put('presRules', rules, derived.presRules);
      written.push('presRules');
    }
    return { book: readAddressBook(derived.resourceLists), conflicts: merged.conflicts };
  }

  async #put(name: DocumentName, current: CachedDocument | undefined, body: string): Promise<void> {
    const condition = current?.etag !== undefined ? { ifMatch: current.etag } : ('create' as const);
    try {
      const result = await this.#xcap.putDocument(DOCUMENTS[name], body, { condition });
      await this.#cache.set(name, { etag: result.etag, body });
    } catch (error) {
      // The cached copy is stale now; the next round must read the document again rather than trust a 304.
      if (error instanceof XcapPreconditionFailed) await this.#cache.set(name, undefined);
      throw error;
    }
  }
}
