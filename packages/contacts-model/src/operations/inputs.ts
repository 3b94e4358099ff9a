import { attributesFrom } from '../model/attributes.js';
import { DEFAULT_HANDLING, type EventHandling, type PolicyValue } from '../model/types.js';
import { checkPolicy, checkText } from './result.js';

/** Attribute bag input: a record (`null` = `nil`). */
export type AttributesInput = Readonly<Record<string, string | null>>;

export interface HandlingInput {
  readonly policy?: PolicyValue;
  readonly subscribe?: boolean;
}

export interface BagInputs {
  /** Free attributes (`urn:ag-projects:sipsimple:xml:ns:addressbook`). */
  readonly attributes?: AttributesInput;
  /** Blink's own attributes (`urn:ag-projects:blink:xml:ns:addressbook`). */
  readonly blinkAttributes?: AttributesInput;
}

export function handlingFrom(input: HandlingInput | undefined, what: string): EventHandling {
  return {
    policy: checkPolicy(input?.policy, what) ?? DEFAULT_HANDLING.policy,
    subscribe: input?.subscribe ?? DEFAULT_HANDLING.subscribe,
  };
}

function checkedBag(record: AttributesInput | undefined) {
  for (const [name, value] of Object.entries(record ?? {})) {
    checkText(name, 'attribute name');
    if (value !== null) checkText(value, `attribute ${name}`);
  }
  return attributesFrom(record);
}

export function bagsFrom(input: BagInputs) {
  return { attributes: checkedBag(input.attributes), blinkAttributes: checkedBag(input.blinkAttributes) };
}
