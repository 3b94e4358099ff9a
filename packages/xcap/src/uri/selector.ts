import { XcapSelectorError } from '../errors.js';

/**
 * RFC 4825 §6.3 node selectors as values. A step selects children by qualified name (`*` for any), optionally by
 * position (1-based, among the siblings the name matches) and/or by one attribute value.
 */
export interface SelectorStep {
  /** Qualified name (`list`, `rl:list`) or `*`. Unprefixed names are in the document's default namespace. */
  readonly name: string;
  readonly position?: number;
  readonly attribute?: { readonly name: string; readonly value: string };
}

export interface NodeSelector {
  readonly steps: readonly SelectorStep[];
  /** Select an attribute of the element (`@name`) or the element's namespace bindings (`namespace::*`). */
  readonly terminal?: { readonly kind: 'attribute'; readonly name: string } | { readonly kind: 'namespaces' };
  /** Prefix → namespace bindings sent in the `xmlns()` query (RFC 4825 §6.4) for prefixes used in the steps. */
  readonly namespaces?: Readonly<Record<string, string>>;
}

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/;

function checkName(name: string, what: string): void {
  if (!NAME.test(name)) throw new XcapSelectorError(`invalid ${what} name ${JSON.stringify(name)}`);
}

/** Escapes a value for an XML attribute (XML 1.0 §2.3 AttValue without its quotes: no raw `<`, `&` or `"`). */
export function escapeAttValue(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

function quote(value: string): string {
  // A value holding `"` is quoted with `'` so that the selector stays readable.
  const escaped = value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return escaped.includes('"') ? `'${escaped.replace(/'/g, '&apos;')}'` : `"${escaped}"`;
}

/** Writes a selector as RFC 4825 §6.3 text, e.g. `resource-lists/list[@name="friends"]/entry[2]/@uri`. */
export function formatNodeSelector(selector: NodeSelector): string {
  if (selector.steps.length === 0) throw new XcapSelectorError('a node selector needs at least one step');
  const parts = selector.steps.map((step) => {
    if (step.name !== '*') checkName(step.name, 'element');
    let text = step.name;
    if (step.position !== undefined) {
      if (!Number.isInteger(step.position) || step.position < 1) {
        throw new XcapSelectorError(`position must be a positive integer, got ${step.position}`);
      }
      text += `[${step.position}]`;
    }
    if (step.attribute) {
      checkName(step.attribute.name, 'attribute');
      text += `[@${step.attribute.name}=${quote(step.attribute.value)}]`;
    }
    return text;
  });
  if (selector.terminal?.kind === 'attribute') {
    checkName(selector.terminal.name, 'attribute');
    parts.push(`@${selector.terminal.name}`);
  } else if (selector.terminal?.kind === 'namespaces') {
    parts.push('namespace::*');
  }
  return parts.join('/');
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the predefined and character references of an XML attribute value (RFC 4825 §8.2.5 bodies too). */
export function unescapeAttValue(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9A-Fa-f]{1,6});/g, (whole, ref: string) => {
    const named = ENTITIES[ref];
    if (named !== undefined) return named;
    const code = ref.startsWith('#x') ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Reads RFC 4825 §6.3 selector text (already percent-decoded). Throws `XcapSelectorError` on anything else. */
export function parseNodeSelector(text: string, namespaces?: Readonly<Record<string, string>>): NodeSelector {
  const steps: SelectorStep[] = [];
  let terminal: NodeSelector['terminal'];
  let i = 0;
  const fail = (why: string): never => {
    throw new XcapSelectorError(`${why} at offset ${i} of ${JSON.stringify(text)}`);
  };
  const readName = (): string => {
    const match = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/.exec(text.slice(i, i + 1024));
    if (!match) return fail('expected a name');
    i += match[0].length;
    return match[0];
  };
  while (i < text.length || steps.length === 0) {
    if (text.startsWith('namespace::*', i) && steps.length > 0) {
      terminal = { kind: 'namespaces' };
      i += 'namespace::*'.length;
      break;
    }
    if (text[i] === '@' && steps.length > 0) {
      i += 1;
      terminal = { kind: 'attribute', name: readName() };
      break;
    }
    let name: string;
    if (text[i] === '*') {
      name = '*';
      i += 1;
    } else {
      name = readName();
    }
    let position: number | undefined;
    let attribute: SelectorStep['attribute'];
    while (text[i] === '[') {
      i += 1;
      if (text[i] === '@' && attribute === undefined) {
        i += 1;
        const attName = readName();
        if (text[i] !== '=') fail('expected "="');
        i += 1;
        const q = text[i];
        if (q !== '"' && q !== "'") return fail('expected a quoted value');
        const end = text.indexOf(q, i + 1);
        if (end < 0) fail('unterminated attribute value');
        attribute = { name: attName, value: unescapeAttValue(text.slice(i + 1, end)) };
        i = end + 1;
      } else if (position === undefined && attribute === undefined) {
        const digits = /^[1-9]\d{0,8}/.exec(text.slice(i, i + 10));
        if (!digits) return fail('expected a position');
        position = Number(digits[0]);
        i += digits[0].length;
      } else {
        fail('unexpected predicate');
      }
      if (text[i] !== ']') fail('expected "]"');
      i += 1;
    }
    steps.push({
      name,
      ...(position !== undefined ? { position } : {}),
      ...(attribute !== undefined ? { attribute } : {}),
    });
    if (i >= text.length) break;
    if (text[i] !== '/') fail('expected "/"');
    i += 1;
    if (i >= text.length) fail('empty step');
  }
  if (i !== text.length) fail('trailing text');
  return {
    steps,
    ...(terminal !== undefined ? { terminal } : {}),
    ...(namespaces !== undefined ? { namespaces } : {}),
  };
}
