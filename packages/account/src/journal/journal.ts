import { AccountJournalError } from '../errors.js';
import type { StateFiles } from '../storage/account-storage.js';

/** One recorded edit, numbered in the order it was made. */
export interface JournalEntry<T> {
  readonly seq: number;
  /** When the edit was made (ms since the epoch), for diagnostics and conflict reports. */
  readonly at: number;
  readonly edit: T;
}

/**
 * The on-disk journal of edits not yet confirmed by the server. An edit is appended (and on disk, fsync'ed) before
 * anything is sent; it is acknowledged only after the server accepted the document that contains it. Whatever
 * happens in between — 412, the server being down, `kill -9` — the entry is still there at the next start and is
 * replayed. Replaying must therefore be idempotent, which the edit model guarantees (an edit states the result it
 * wants, not a delta).
 */
export interface Journal<T> {
  /** Entries not yet acknowledged, oldest first. */
  pending(): readonly JournalEntry<T>[];
  /** Records an edit durably; resolves once it is on disk. */
  append(edit: T): Promise<JournalEntry<T>>;
  /** Forgets entries the server has accepted. Unknown sequence numbers are ignored. */
  ack(seqs: Iterable<number>): Promise<void>;
  /** Resolves when every write issued so far is on disk. */
  flushed(): Promise<void>;
}

export interface OpenJournalOptions<T> {
  readonly files: StateFiles;
  /** File name inside the account's state area; default `journal.json`. */
  readonly name?: string;
  /** Checks one stored edit; throws (anything) when it is not a valid edit. */
  readonly validate: (value: unknown) => T;
  readonly now: () => number;
}

interface JournalFile<T> {
  readonly version: 1;
  readonly nextSeq: number;
  readonly entries: readonly JournalEntry<T>[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJournal<T>(text: string, validate: (value: unknown) => T): JournalFile<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new AccountJournalError('journal is not JSON', { cause });
  }
  if (!isRecord(json) || json.version !== 1 || !Number.isSafeInteger(json.nextSeq) || !Array.isArray(json.entries)) {
    throw new AccountJournalError('journal: expected { version: 1, nextSeq, entries }');
  }
  const entries: JournalEntry<T>[] = [];
  for (const raw of json.entries) {
    if (!isRecord(raw) || !Number.isSafeInteger(raw.seq) || typeof raw.at !== 'number') {
      throw new AccountJournalError('journal: malformed entry');
    }
    let edit: T;
    try {
      edit = validate(raw.edit);
    } catch (cause) {
      throw new AccountJournalError(`journal: entry ${String(raw.seq)} holds an unknown edit`, { cause });
    }
    entries.push(Object.freeze({ seq: raw.seq as number, at: raw.at, edit }));
  }
  const nextSeq = Math.max(json.nextSeq as number, ...entries.map((e) => e.seq + 1));
  return { version: 1, nextSeq, entries };
}

/** Loads (or creates) the journal. Throws `AccountJournalError` when the file exists but cannot be read. */
export async function openJournal<T>(options: OpenJournalOptions<T>): Promise<Journal<T>> {
  const name = options.name ?? 'journal.json';
  const bytes = await options.files.read(name);
  let state: JournalFile<T> =
    bytes === undefined
      ? { version: 1, nextSeq: 1, entries: [] }
      : parseJournal(new TextDecoder().decode(bytes), options.validate);
  // Writes are chained so the file always reflects a state that existed, in order; each write replaces the whole
  // (small) file atomically, which is simpler to reason about than an append log with torn tails.
  let chain: Promise<void> = Promise.resolve();
  const persist = (snapshot: JournalFile<T>): Promise<void> => {
    const next = chain.then(() => options.files.write(name, `${JSON.stringify(snapshot)}\n`));
    chain = next.catch(() => undefined);
    return next;
  };

  return {
    pending: () => state.entries,
    async append(edit) {
      const entry: JournalEntry<T> = Object.freeze({ seq: state.nextSeq, at: options.now(), edit });
      state = { version: 1, nextSeq: state.nextSeq + 1, entries: [...state.entries, entry] };
      try {
        await persist(state);
      } catch (cause) {
        // Not durable, so not recorded: the caller must not send it either.
        state = { ...state, entries: state.entries.filter((e) => e.seq !== entry.seq) };
        throw new AccountJournalError('could not record the edit on disk', { cause });
      }
      return entry;
    },
    async ack(seqs) {
      const done = new Set(seqs);
      const acked = state.entries.filter((e) => done.has(e.seq));
      if (acked.length === 0) return;
      state = { ...state, entries: state.entries.filter((e) => !done.has(e.seq)) };
      try {
        await persist(state);
      } catch (cause) {
        // The file still holds them, so they stay pending here too: what `pending()` shows is what a restart would
        // replay. They are sent again and acknowledged by a later sync (replaying is idempotent).
        const back = acked.filter((e) => !state.entries.some((x) => x.seq === e.seq));
        state = { ...state, entries: [...back, ...state.entries].sort((a, b) => a.seq - b.seq) };
        throw new AccountJournalError('could not update the journal on disk', { cause });
      }
    },
    flushed: () => chain,
  };
}
