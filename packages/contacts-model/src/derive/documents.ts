import type { AnyUriStyle } from '@simplekit/xcap';
import { serializeXml, type XmlElement, XmlError } from '@simplekit/xml';
import { existingUnlisted, parsePresRulesDocument, writePresRules } from '../document/pres-rules.js';
import { writeRlsServices } from '../document/rls-services.js';
import { resourceListsTree } from '../document/write-resource-lists.js';
import { ContactsInvalidError } from '../errors.js';
import type { AddressBook } from '../model/types.js';
import { type DerivedAddressLists, deriveLists } from './lists.js';
import { type AccountLocation, checkLocation } from './locations.js';
import { derivePresRules, type PresRuleSpec, type PresRulesOptions } from './pres-rules.js';
import { deriveRlsServices, type RlsServiceSpec, type RlsServicesOptions } from './rls-services.js';

export interface DeriveDocumentsOptions
  extends AccountLocation,
    RlsServicesOptions,
    Omit<PresRulesOptions, 'unlisted'> {
  /** The server's current rls-services document (`null`/absent: none yet); its foreign content is kept. */
  readonly rlsServices?: string | Uint8Array | null;
  /** The server's current pres-rules document; its foreign rules are kept. */
  readonly presRules?: string | Uint8Array | null;
  /**
   * What unlisted watchers get; default: what the current pres-rules say (a valid Blink rule), else `confirm`.
   */
  readonly unlisted?: PresRulesOptions['unlisted'];
  /**
   * How new or changed URI values are written: `blink` percent-encodes all but `/` (what Blink writes), `plain` writes
   * them as they are. Default: each document's own style, `blink` for new documents. Unchanged values keep their text.
   */
  readonly uriStyle?: AnyUriStyle;
}

export interface DerivedDocuments {
  /** The resource-lists document: the address book plus the derived lists, foreign content kept. */
  readonly resourceLists: string;
  readonly rlsServices: string;
  readonly presRules: string;
  /** Whether rls-services / pres-rules differ from the given originals (no PUT needed otherwise). */
  readonly changed: { readonly rlsServices: boolean; readonly presRules: boolean };
  readonly lists: DerivedAddressLists;
  readonly services: readonly RlsServiceSpec[];
  readonly rules: readonly PresRuleSpec[];
}

/** Blink escaping if one of the first URI-valued attributes uses it (`%3A`, `%40`). */
function detectStyle(root: XmlElement | undefined): AnyUriStyle | undefined {
  if (root === undefined) return undefined;
  let budget = 500;
  const stack: XmlElement[] = [root];
  while (stack.length > 0 && budget > 0) {
    const element = stack.pop();
    if (element === undefined) break;
    budget--;
    for (const a of element.attributes) {
      if (a.ns === null && (a.local === 'uri' || a.local === 'anchor')) {
        if (/%3A|%40/i.test(a.value)) return 'blink';
        if (/[:@]/.test(a.value)) return 'plain';
      }
    }
    // Read once: the children of a hollow element are read again from its text on every access.
    const { children } = element;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child !== undefined && child.type === 'element') stack.push(child);
    }
  }
  return undefined;
}

/** The resource-lists document alone (what a contact edit changes): address book and derived lists. */
export function deriveResourceLists(
  book: AddressBook,
  options: AccountLocation & { readonly uriStyle?: AnyUriStyle },
  lists: DerivedAddressLists = deriveLists(book),
): string {
  checkLocation(options);
  const style = options.uriStyle ?? detectStyle(book.document) ?? 'blink';
  try {
    return serializeXml(resourceListsTree(book, options, lists, style));
  } catch (cause) {
    // Only reachable through journal operations that bypassed the operation checks (hand-made or corrupted JSON).
    if (cause instanceof XmlError) throw new ContactsInvalidError(`resource-lists: ${cause.message}`);
    throw cause;
  }
}

/**
 * Everything derived from the address book, as Blink writes it: resource-lists (address book, granted / blocked /
 * subscribe lists, `oma_allcontacts`), rls-services (the `+presence` and `+dialog` services) and OMA pres-rules (the
 * five rules, plus the identity rules unless `identityRules: false`). Pass the server's current rls-services and
 * pres-rules so that what others wrote there survives.
 */
export function deriveDocuments(book: AddressBook, options: DeriveDocumentsOptions): DerivedDocuments {
  checkLocation(options);
  const lists = deriveLists(book);
  const services = deriveRlsServices(options, options);
  const presDoc = parsePresRulesDocument(options.presRules);
  const unlisted = options.unlisted ?? existingUnlisted(presDoc) ?? 'confirm';
  const rules = derivePresRules(options, lists.presence, { ...options, unlisted });
  const rls = writeRlsServices(options.rlsServices, services, options.uriStyle);
  const pres = writePresRules(options.presRules, presDoc, rules, options.uriStyle);
  return {
    resourceLists: deriveResourceLists(book, options, lists),
    rlsServices: rls.xml,
    presRules: pres.xml,
    changed: { rlsServices: rls.changed, presRules: pres.changed },
    lists,
    services,
    rules,
  };
}
