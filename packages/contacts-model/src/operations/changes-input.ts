import type { BagChanges, HandlingChanges } from '../journal/ops.js';
import type { AttributeChange } from '../model/attributes.js';
import { attributeOf } from '../model/attributes.js';
import type { Attributes, EventHandling } from '../model/types.js';
import type { HandlingInput } from './inputs.js';
import { checkPolicy, checkText } from './result.js';

/** Attribute edits: a value sets (`null` = `nil`), `undefined` removes the attribute. */
export type AttributesUpdate = Readonly<Record<string, string | null | undefined>>;

export interface BagUpdates {
  readonly attributes?: AttributesUpdate;
  readonly blinkAttributes?: AttributesUpdate;
}

export interface HandlingUpdates {
  readonly presence?: HandlingInput;
  readonly dialog?: HandlingInput;
}

function bagChanges(bag: Attributes, update: AttributesUpdate | undefined): AttributeChange[] | undefined {
  if (update === undefined) return undefined;
  const changes: AttributeChange[] = [];
  for (const [name, value] of Object.entries(update)) {
    checkText(name, 'attribute name');
    if (typeof value === 'string') checkText(value, `attribute ${name}`);
    const current = attributeOf(bag, name);
    if (value === undefined) {
      if (current !== undefined) changes.push({ name, removed: true });
    } else if (current !== value) {
      changes.push({ name, value });
    }
  }
  return changes.length > 0 ? changes : undefined;
}

/** Only the attribute changes that change something. */
export function minimalBagChanges(
  item: { attributes: Attributes; blinkAttributes: Attributes },
  update: BagUpdates,
): BagChanges {
  const attributes = bagChanges(item.attributes, update.attributes);
  const blinkAttributes = bagChanges(item.blinkAttributes, update.blinkAttributes);
  return { ...(attributes && { attributes }), ...(blinkAttributes && { blinkAttributes }) };
}

/** Only the handling fields that change something. */
export function minimalHandlingChanges(
  item: { presence: EventHandling; dialog: EventHandling },
  update: HandlingUpdates,
  what: string,
): HandlingChanges {
  const out: { -readonly [K in keyof HandlingChanges]: HandlingChanges[K] } = {};
  const presencePolicy = checkPolicy(update.presence?.policy, `${what} presence`);
  const dialogPolicy = checkPolicy(update.dialog?.policy, `${what} dialog`);
  if (presencePolicy !== undefined && presencePolicy !== item.presence.policy) out.presencePolicy = presencePolicy;
  const presenceSubscribe = update.presence?.subscribe;
  if (presenceSubscribe !== undefined && presenceSubscribe !== item.presence.subscribe) {
    out.presenceSubscribe = presenceSubscribe;
  }
  if (dialogPolicy !== undefined && dialogPolicy !== item.dialog.policy) out.dialogPolicy = dialogPolicy;
  const dialogSubscribe = update.dialog?.subscribe;
  if (dialogSubscribe !== undefined && dialogSubscribe !== item.dialog.subscribe) out.dialogSubscribe = dialogSubscribe;
  return out;
}

export function isEmptyChange(changes: object): boolean {
  return Object.keys(changes).length === 0;
}
