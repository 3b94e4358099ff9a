import { applyOp } from '../journal/apply.js';
import type { JournalOp } from '../journal/ops.js';
import { putContact, putGroup, putPolicy } from '../model/book.js';
import type { AddressBook, Contact, Group, PolicyElement } from '../model/types.js';
import { type FieldItem, type FieldValue, fieldOf, flattenChanges, sameFields, unflattenChanges } from './fields.js';

/**
 * How a conflict was settled:
 * - `field`: both sides changed the same field (differently); `resolution` says whose value stayed.
 * - `edited-deleted`: my journal edits an item the other side deleted.
 * - `deleted-edited`: my journal deletes an item the other side edited.
 * - `added-exists`: my journal adds an item whose id the other side already holds with other values; theirs stays.
 */
export interface MergeConflict {
  readonly kind: 'field' | 'edited-deleted' | 'deleted-edited' | 'added-exists';
  readonly op: JournalOp;
  /** For `field` conflicts: the field key (`name`, `presencePolicy`, `attributes.<name>`, …). */
  readonly field?: string;
  readonly resolution: 'mine' | 'theirs' | 'deleted' | 'kept';
}

export interface MergeOptions {
  /** Who wins when both sides changed the same field. Default `mine`: the local journal replays last, as in Blink. */
  readonly fieldConflicts?: 'mine' | 'theirs';
  /**
   * An item deleted on one side and edited on the other. `delete` (default, Blink's behaviour): the deletion wins
   * and the edits are dropped. `keep`: the edited item survives (a deleted item is restored from the base copy with
   * my edits on top; my deletion of an item they edited is skipped).
   */
  readonly deleteVersusEdit?: 'delete' | 'keep';
}

export interface MergeResult {
  /** Theirs with my operations replayed on top. */
  readonly book: AddressBook;
  /** The journal rebased onto theirs: what was replayed, without dropped operations or dropped fields. */
  readonly ops: readonly JournalOp[];
  readonly conflicts: readonly MergeConflict[];
}

type Kind = 'contact' | 'group' | 'policy';

function mapOf(book: AddressBook, kind: Kind): ReadonlyMap<string, FieldItem> {
  const map = kind === 'contact' ? book.contacts : kind === 'group' ? book.groups : book.policies;
  return map as unknown as ReadonlyMap<string, FieldItem>;
}

function put(book: AddressBook, kind: Kind, item: FieldItem): AddressBook {
  if (kind === 'contact') return putContact(book, item as unknown as Contact);
  if (kind === 'group') return putGroup(book, item as unknown as Group);
  return putPolicy(book, item as unknown as PolicyElement);
}

/** The items an operation needs to exist (besides the item it adds). */
function targets(op: JournalOp): [Kind, string][] {
  switch (op.op) {
    case 'update-contact':
    case 'remove-contact':
      return [['contact', op.id]];
    case 'add-uri':
    case 'update-uri':
    case 'remove-uri':
      return [['contact', op.contactId]];
    case 'update-group':
    case 'remove-group':
      return [['group', op.id]];
    case 'add-group-member':
    case 'remove-group-member':
      return [
        ['group', op.groupId],
        ['contact', op.contactId],
      ];
    case 'update-policy':
    case 'remove-policy':
      return [['policy', op.id]];
    default:
      return [];
  }
}

function uriOf(book: AddressBook, contactId: string, uriId: string): FieldItem | undefined {
  return book.contacts.get(contactId)?.uris.find((u) => u.id === uriId) as FieldItem | undefined;
}

/** The base and their copy of what an update operation edits, for field comparison. */
function updated(
  op: JournalOp,
  base: AddressBook,
  theirs: AddressBook,
): [FieldItem | undefined, FieldItem | undefined] {
  switch (op.op) {
    case 'update-contact':
      return [mapOf(base, 'contact').get(op.id), mapOf(theirs, 'contact').get(op.id)];
    case 'update-group':
      return [mapOf(base, 'group').get(op.id), mapOf(theirs, 'group').get(op.id)];
    case 'update-policy':
      return [mapOf(base, 'policy').get(op.id), mapOf(theirs, 'policy').get(op.id)];
    case 'update-uri':
      return [uriOf(base, op.contactId, op.id), uriOf(theirs, op.contactId, op.id)];
    default:
      return [undefined, undefined];
  }
}

/** What a removal deletes, in base and theirs, to tell whether the other side edited it. */
function removed(
  op: JournalOp,
  base: AddressBook,
  theirs: AddressBook,
): [FieldItem | undefined, FieldItem | undefined] {
  switch (op.op) {
    case 'remove-contact':
      return [mapOf(base, 'contact').get(op.id), mapOf(theirs, 'contact').get(op.id)];
    case 'remove-group':
      return [mapOf(base, 'group').get(op.id), mapOf(theirs, 'group').get(op.id)];
    case 'remove-policy':
      return [mapOf(base, 'policy').get(op.id), mapOf(theirs, 'policy').get(op.id)];
    case 'remove-uri':
      return [uriOf(base, op.contactId, op.id), uriOf(theirs, op.contactId, op.id)];
    default:
      return [undefined, undefined];
  }
}

function addedData(op: JournalOp, theirs: AddressBook): [FieldItem, FieldItem | undefined] | undefined {
  switch (op.op) {
    case 'add-contact':
      return [op.contact as unknown as FieldItem, mapOf(theirs, 'contact').get(op.contact.id)];
    case 'add-group':
      return [op.group as unknown as FieldItem, mapOf(theirs, 'group').get(op.group.id)];
    case 'add-policy':
      return [op.policy as unknown as FieldItem, mapOf(theirs, 'policy').get(op.policy.id)];
    case 'add-uri':
      return [op.uri as unknown as FieldItem, uriOf(theirs, op.contactId, op.uri.id)];
    default:
      return undefined;
  }
}

/** Drops (or reports) the fields of an update that the other side changed too. */
function rebaseUpdate(
  op: Extract<JournalOp, { changes: unknown }>,
  base: FieldItem | undefined,
  theirs: FieldItem,
  options: MergeOptions,
  conflicts: MergeConflict[],
): JournalOp | undefined {
  const kept: [string, FieldValue][] = [];
  let dropped = false;
  for (const [key, mine] of flattenChanges(op.changes)) {
    const theirValue = fieldOf(theirs, key);
    const theyChanged = base !== undefined && fieldOf(base, key) !== theirValue;
    if (theyChanged && theirValue !== mine) {
      const resolution = options.fieldConflicts === 'theirs' ? 'theirs' : 'mine';
      conflicts.push({ kind: 'field', op, field: key, resolution });
      if (resolution === 'theirs') {
        dropped = true;
        continue;
      }
    }
    kept.push([key, mine]);
  }
  if (!dropped) return op;
  if (kept.length === 0) return undefined;
  return { ...op, changes: unflattenChanges(kept) } as JournalOp;
}

/**
 * Three-way merge of concurrent edits. `base` is the copy the journal was written against (the last fetched
 * document), `theirs` the server's newer copy (after a 412 or an xcap-diff), `ops` my journal. Operations are replayed
 * on theirs, field by field, so everything theirs changed and my journal did not touch stays. Conflicts are settled
 * by {@link MergeOptions} and reported. Merging again with the result as theirs changes nothing (idempotent).
 */
export function mergeJournal(
  base: AddressBook,
  theirs: AddressBook,
  ops: readonly JournalOp[],
  options: MergeOptions = {},
): MergeResult {
  const keep = options.deleteVersusEdit === 'keep';
  const conflicts: MergeConflict[] = [];
  const rebased: JournalOp[] = [];
  let book = theirs;
  for (const op of ops) {
    // Edits of items the other side deleted (present in base, absent in theirs and not re-added by my journal).
    const missing = targets(op).filter(([kind, id]) => mapOf(base, kind).has(id) && !mapOf(book, kind).has(id));
    const goneByThem = missing.filter(([kind, id]) => !mapOf(theirs, kind).has(id));
    if (goneByThem.length > 0 && !op.op.startsWith('remove-')) {
      if (!keep) {
        conflicts.push({ kind: 'edited-deleted', op, resolution: 'deleted' });
        continue;
      }
      conflicts.push({ kind: 'edited-deleted', op, resolution: 'kept' });
      for (const [kind, id] of goneByThem) {
        const restored = mapOf(base, kind).get(id);
        if (restored !== undefined) book = put(book, kind, restored);
      }
    }

    let replay: JournalOp | undefined = op;
    const [baseRemoved, theirRemoved] = removed(op, base, theirs);
    if (theirRemoved !== undefined && baseRemoved !== undefined && !sameFields(baseRemoved, theirRemoved)) {
      conflicts.push({ kind: 'deleted-edited', op, resolution: keep ? 'kept' : 'deleted' });
      if (keep) replay = undefined;
    }
    const added = addedData(op, theirs);
    if (added?.[1] !== undefined && !sameFields(added[0], added[1])) {
      conflicts.push({ kind: 'added-exists', op, resolution: 'theirs' });
    }
    if (replay !== undefined && 'changes' in replay) {
      const [baseItem, theirItem] = updated(replay, base, theirs);
      if (theirItem !== undefined) replay = rebaseUpdate(replay, baseItem, theirItem, options, conflicts);
    }
    if (replay === undefined) continue;
    const outcome = applyOp(book, replay);
    book = outcome.book;
    if (outcome.outcome !== 'missing') rebased.push(replay);
  }
  return { book, ops: rebased, conflicts };
}
