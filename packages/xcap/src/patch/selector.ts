import { XcapPatchError } from '../errors.js';

/** A qualified name as written in a selector; `local` is `*` for a wildcard (`*` or `p:*`). */
export interface SelectorName {
  readonly prefix: string | null;
  readonly local: string;
}

export type StepPredicate =
  | { readonly kind: 'position'; readonly position: number }
  | { readonly kind: 'attribute'; readonly name: SelectorName; readonly value: string }
  | { readonly kind: 'child'; readonly name: SelectorName; readonly value: string }
  | { readonly kind: 'self'; readonly value: string };

export interface SelectorStep {
  readonly name: SelectorName;
  readonly predicates: readonly StepPredicate[];
}

export type SelectorTerminal =
  | { readonly kind: 'attribute'; readonly name: SelectorName }
  | { readonly kind: 'text'; readonly position?: number }
  | { readonly kind: 'namespace'; readonly prefix: string };

/** RFC 5261 §4.1 selector: an optional `id('x')` start, element steps, and at most one non-element terminal. */
export interface PatchSelector {
  readonly id?: string;
  readonly steps: readonly SelectorStep[];
  readonly terminal?: SelectorTerminal;
}

const MAX_SELECTOR_LENGTH = 4096;
const NAME_START = /[A-Za-z_\u00C0-\uFFFF]/;
const NAME_CHAR = /[A-Za-z0-9_.\u00B7\u00C0-\uFFFF-]/;

/** A linear cursor over the selector text: no backtracking, so hostile selectors cost their length. */
class Cursor {
  index = 0;
  constructor(
    readonly text: string,
    readonly sel: string,
  ) {}
  fail(what: string): never {
    throw new XcapPatchError('invalid-diff-format', `selector "${this.sel}": ${what} at ${this.index}`, {
      selector: this.sel,
    });
  }
  peek(offset = 0): string {
    return this.text[this.index + offset] ?? '';
  }
  done(): boolean {
    return this.index >= this.text.length;
  }
  eat(token: string): boolean {
    if (!this.text.startsWith(token, this.index)) return false;
    this.index += token.length;
    return true;
  }
  expect(token: string): void {
    if (!this.eat(token)) this.fail(`expected "${token}"`);
  }
  spaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.index += 1;
  }
  ncname(): string {
    const start = this.index;
    if (!NAME_START.test(this.peek())) this.fail('expected a name');
    while (!this.done() && NAME_CHAR.test(this.peek())) this.index += 1;
    return this.text.slice(start, this.index);
  }
  qname(allowWildcard: boolean): SelectorName {
    if (allowWildcard && this.eat('*')) return { prefix: null, local: '*' };
    const first = this.ncname();
    if (this.peek() !== ':' || this.peek(1) === ':') return { prefix: null, local: first };
    this.index += 1;
    if (allowWildcard && this.eat('*')) return { prefix: first, local: '*' };
    return { prefix: first, local: this.ncname() };
  }
  literal(): string {
    const quote = this.peek();
    if (quote !== '"' && quote !== "'") this.fail('expected a quoted value');
    const end = this.text.indexOf(quote, this.index + 1);
    if (end < 0) this.fail('unterminated value');
    const value = this.text.slice(this.index + 1, end);
    this.index = end + 1;
    return value;
  }
  integer(): number {
    const start = this.index;
    while (this.peek() >= '0' && this.peek() <= '9') this.index += 1;
    const digits = this.text.slice(start, this.index);
    const value = Number(digits);
    if (digits === '' || digits.length > 9 || value < 1) this.fail('expected a position');
    return value;
  }
}

function predicate(c: Cursor): StepPredicate {
  c.spaces();
  let result: StepPredicate;
  if (c.peek() >= '0' && c.peek() <= '9') {
    result = { kind: 'position', position: c.integer() };
  } else {
    const subject = c.eat('@')
      ? ({ kind: 'attribute', name: c.qname(false) } as const)
      : c.eat('.')
        ? ({ kind: 'self' } as const)
        : ({ kind: 'child', name: c.qname(false) } as const);
    c.spaces();
    c.expect('=');
    c.spaces();
    result = { ...subject, value: c.literal() };
  }
  c.spaces();
  c.expect(']');
  return result;
}

function terminalOrStep(c: Cursor): SelectorStep | SelectorTerminal {
  if (c.eat('@')) return { kind: 'attribute', name: c.qname(false) };
  if (c.eat('namespace::')) return { kind: 'namespace', prefix: c.ncname() };
  if (c.eat('text()')) {
    if (!c.eat('[')) return { kind: 'text' };
    const position = c.integer();
    c.expect(']');
    return { kind: 'text', position };
  }
  const name = c.qname(true);
  const predicates: StepPredicate[] = [];
  while (c.eat('[')) predicates.push(predicate(c));
  return { name, predicates };
}

/** Reads an RFC 5261 §4.1 selector. Anything outside that restricted XPath is `invalid-diff-format`. */
export function parsePatchSelector(sel: string): PatchSelector {
  const text = sel.trim();
  const c = new Cursor(text, sel);
  if (text === '') c.fail('empty');
  if (text.length > MAX_SELECTOR_LENGTH) c.fail('too long');
  let id: string | undefined;
  if (c.eat('id(')) {
    c.spaces();
    id = c.literal();
    c.spaces();
    c.expect(')');
    if (!c.done()) {
      c.expect('/');
      if (c.done()) c.fail('trailing "/"');
    }
  } else {
    c.eat('/');
  }
  const steps: SelectorStep[] = [];
  let terminal: SelectorTerminal | undefined;
  while (!c.done()) {
    if (terminal) c.fail('nothing may follow an attribute, text() or namespace step');
    const part = terminalOrStep(c);
    if ('kind' in part) terminal = part;
    else steps.push(part);
    if (!c.done()) c.expect('/');
    if (c.done() && text.endsWith('/')) c.fail('trailing "/"');
  }
  if (id === undefined && steps.length === 0) c.fail('no element step');
  return { ...(id !== undefined ? { id } : {}), steps, ...(terminal ? { terminal } : {}) };
}
