import { isToken } from '../chars.js';
import { SipParseError } from '../errors.js';
import { headerKey, internedHeaderKey } from './names.js';
import { WIRE_STRIDE, type WireHeaders } from './wire-headers.js';

const CACHED_UNDEFINED: unique symbol = Symbol('cached undefined');
// Never written to: every mutation replaces them first (#materialize).
const UNSET_STRINGS: string[] = [];
const UNSET_NUMBERS: number[] = [];
/** Cache slots for this package's own specs (`HeaderSpec.slot` is below this), allocated once per list. */
const SLOT_COUNT = 32;

/** One header line as written (after unfolding). */
export interface HeaderField {
  readonly name: string;
  readonly value: string;
}

/** How to turn every line of one header into a typed value; `key` is the lower-cased full name. */
export interface HeaderSpec<T> {
  readonly key: string;
  /** Cache slot, reserved for this package's own specs; custom specs leave it out and are cached by identity. */
  readonly slot?: number;
  /**
   * Fast path for single-line headers: called with the only value (or `undefined` when absent) instead of
   * `parse`; with `firstLineOnly` it is called with the first line even when there are several.
   */
  readonly first?: (value: string | undefined, offset: number, maxUriLength: number) => T;
  readonly firstLineOnly?: boolean;
  /**
   * Fast path over a parsed message's bytes, tried before `first` for an unfolded value in an ASCII header
   * section: the value is `s[from, to)` and `b[base + i]` the byte of `s[i]`. Returns `undefined` to leave the
   * value to `first` (which must give the same result, or the error, for it).
   */
  readonly wire?: (
    b: Uint8Array,
    s: string,
    from: number,
    to: number,
    base: number,
    maxUriLength: number,
  ) => T | undefined;
  parse(lines: HeaderLines): T;
}

/** The raw lines of one header handed to a {@link HeaderSpec}. */
export interface HeaderLines {
  readonly values: string[];
  /** Byte offset of each value in the parsed message, or 0 for built headers. */
  readonly offsets: readonly number[];
  readonly maxUriLength: number;
}

/**
 * Headers in wire order. Names are matched case-insensitively with compact forms expanded; values are kept as
 * written so that serialisation is lossless. Typed views are parsed on first use and cached until a mutation.
 */
export class HeaderList {
  // Either `#wire` holds the lines of a parsed message as offsets (until the first mutation), or the four
  // parallel arrays hold them as strings.
  #wire: WireHeaders | undefined;
  #names: string[];
  #keys: string[];
  #values: string[];
  #offsets: number[];
  #cache: Map<HeaderSpec<unknown>, unknown> | undefined;
  /** Per-slot cache for the built-in specs (a Map lookup costs more than parsing a Call-ID). */
  #slots: unknown[] = new Array<unknown>(SLOT_COUNT);
  /** Whether `#slots` holds anything. */
  #cached = false;
  readonly maxUriLength: number;

  constructor(fields?: Iterable<HeaderField>, maxUriLength = 4096) {
    // Shared empty arrays until the first mutation (see #materialize): a parsed message never needs its own.
    this.#names = UNSET_STRINGS;
    this.#keys = UNSET_STRINGS;
    this.#values = UNSET_STRINGS;
    this.#offsets = UNSET_NUMBERS;
    this.maxUriLength = maxUriLength;
    if (fields !== undefined) for (const f of fields) this.append(f.name, f.value);
  }

  /** Adopts parallel arrays of unchecked lines (no copies). @internal */
  protected adopt(names: string[], keys: string[], values: string[], offsets: number[]): void {
    this.#wire = undefined;
    this.#names = names;
    this.#keys = keys;
    this.#values = values;
    this.#offsets = offsets;
    this.#invalidate();
  }

  /** Adopts the lines of a parsed message, decoded lazily. @internal */
  protected adoptWire(wire: WireHeaders): void {
    // A fresh list (the parser's case) has nothing to drop.
    if (this.#names.length > 0 || this.#wire !== undefined || this.#cache !== undefined || this.#cached) {
      this.adopt([], [], [], []);
    }
    this.#wire = wire;
  }

  get size(): number {
    return this.#wire === undefined ? this.#names.length : this.#wire.count;
  }

  has(name: string): boolean {
    return this.#indexOf(headerKey(name), 0) !== -1;
  }

  /** The first value of a header, as written. */
  get(name: string): string | undefined {
    const i = this.#indexOf(headerKey(name), 0);
    return i === -1 ? undefined : this.#checked(i);
  }

  /** Every line of a header, in order (comma-separated values are not split; typed accessors do that). */
  getAll(name: string): string[] {
    const key = headerKey(name);
    const out: string[] = [];
    for (let i = this.#indexOf(key, 0); i !== -1; i = this.#indexOf(key, i + 1)) out.push(this.#checked(i));
    return out;
  }

  /** Adds a header after all others. Names are written in their conventional spelling unless given as such. */
  append(name: string, value: string): this {
    this.#check(name, value);
    this.#materialize();
    this.#names.push(name);
    this.#keys.push(internedHeaderKey(name));
    this.#values.push(value);
    this.#offsets.push(0);
    this.#invalidate();
    return this;
  }

  /** Adds a header before every existing line of the same header, or at the top (Via, Route: RFC 3261 §16.6). */
  prepend(name: string, value: string): this {
    this.#check(name, value);
    this.#materialize();
    const key = internedHeaderKey(name);
    const at = Math.max(0, this.#keys.indexOf(key));
    this.#names.splice(at, 0, name);
    this.#keys.splice(at, 0, key);
    this.#values.splice(at, 0, value);
    this.#offsets.splice(at, 0, 0);
    this.#invalidate();
    return this;
  }

  /** Replaces every line of a header by one line, at the position of the first. */
  set(name: string, value: string): this {
    this.#check(name, value);
    this.#materialize();
    const key = internedHeaderKey(name);
    const first = this.#keys.indexOf(key);
    if (first === -1) return this.append(name, value);
    this.delete(name);
    this.#names.splice(first, 0, name);
    this.#keys.splice(first, 0, key);
    this.#values.splice(first, 0, value);
    this.#offsets.splice(first, 0, 0);
    return this;
  }

  /** Removes every line of a header; returns how many were removed. */
  delete(name: string): number {
    this.#materialize();
    const key = headerKey(name);
    let removed = 0;
    for (let i = this.#keys.length - 1; i >= 0; i--) {
      if (this.#keys[i] !== key) continue;
      this.#names.splice(i, 1);
      this.#keys.splice(i, 1);
      this.#values.splice(i, 1);
      this.#offsets.splice(i, 1);
      removed++;
    }
    this.#invalidate();
    return removed;
  }

  /** Every header line in wire order. */
  *entries(): IterableIterator<HeaderField> {
    const n = this.size;
    for (let i = 0; i < n; i++) yield { name: this.#name(i), value: this.#checked(i) };
  }

  [Symbol.iterator](): IterableIterator<HeaderField> {
    return this.entries();
  }

  /** The typed view of a header, parsed on first use and cached. */
  parsed<T>(spec: HeaderSpec<T>): T {
    const slot = spec.slot;
    if (slot !== undefined) {
      const hit = this.#slots[slot];
      if (hit !== undefined) return (hit === CACHED_UNDEFINED ? undefined : hit) as T;
      const value = this.#compute(spec);
      this.#slots[slot] = value === undefined ? CACHED_UNDEFINED : value;
      this.#cached = true;
      return value;
    }
    const cache = this.#cache ?? new Map<HeaderSpec<unknown>, unknown>();
    this.#cache = cache;
    if (cache.has(spec)) return cache.get(spec) as T;
    const value = this.#compute(spec);
    cache.set(spec, value);
    return value;
  }

  /** Seeds the cache with a value the parser already computed. @internal */
  protected seed<T>(spec: HeaderSpec<T>, value: T): void {
    if (spec.slot !== undefined) {
      this.#slots[spec.slot] = value === undefined ? CACHED_UNDEFINED : value;
      this.#cached = true;
      return;
    }
    const cache = this.#cache ?? new Map<HeaderSpec<unknown>, unknown>();
    this.#cache = cache;
    cache.set(spec, value);
  }

  #compute<T>(spec: HeaderSpec<T>): T {
    const first = spec.first;
    if (first !== undefined) {
      const i = this.#indexOf(spec.key, 0);
      if (i === -1) return first(undefined, 0, this.maxUriLength);
      if (spec.firstLineOnly === true || this.#indexOf(spec.key, i + 1) === -1) {
        const wire = this.#wire;
        const fast = spec.wire;
        if (wire !== undefined && fast !== undefined && wire.plain(i)) {
          const f = i * WIRE_STRIDE;
          const fields = wire.fields;
          const v = fast(wire.bytes, wire.text, fields[f + 2] ?? 0, fields[f + 3] ?? 0, wire.base, this.maxUriLength);
          if (v !== undefined) return v;
        }
        return first(this.#raw(i), this.#offset(i), this.maxUriLength);
      }
    }
    return spec.parse(this.#lines(spec.key));
  }

  #lines(key: string): HeaderLines {
    const values: string[] = [];
    const offsets: number[] = [];
    for (let i = this.#indexOf(key, 0); i !== -1; i = this.#indexOf(key, i + 1)) {
      values.push(this.#raw(i));
      offsets.push(this.#offset(i));
    }
    return { values, offsets, maxUriLength: this.maxUriLength };
  }

  #indexOf(key: string, from: number): number {
    return this.#wire === undefined ? this.#keys.indexOf(key, from) : this.#wire.indexOf(key, from);
  }

  #name(i: number): string {
    return this.#wire === undefined ? (this.#names[i] ?? '') : this.#wire.name(i);
  }

  #raw(i: number): string {
    return this.#wire === undefined ? (this.#values[i] ?? '') : this.#wire.value(i);
  }

  #offset(i: number): number {
    return this.#wire === undefined ? (this.#offsets[i] ?? 0) : this.#wire.offset(i);
  }

  /** Turns wire lines into strings before a mutation (which then owns the arrays). */
  #materialize(): void {
    if (this.#names === UNSET_STRINGS) {
      this.#names = [];
      this.#keys = [];
      this.#values = [];
      this.#offsets = [];
    }
    const wire = this.#wire;
    if (wire === undefined) return;
    for (let i = 0; i < wire.count; i++) {
      this.#names.push(wire.name(i));
      this.#keys.push(wire.key(i));
      this.#values.push(wire.value(i));
      this.#offsets.push(wire.offset(i));
    }
    this.#wire = undefined;
  }

  #invalidate(): void {
    this.#cache = undefined;
    if (this.#cached) this.#slots.fill(undefined);
    this.#cached = false;
  }

  /**
   * The parser leaves header values unchecked for speed (most are never read); raw reads check them here, and the
   * typed parsers reject control characters through their grammars. RFC 3261 §25.1: no CTL but HT in a value.
   */
  #checked(i: number): string {
    const value = this.#raw(i);
    for (let k = 0; k < value.length; k++) {
      const c = value.charCodeAt(k);
      if ((c < 0x20 && c !== 0x09) || c === 0x7f) {
        throw new SipParseError('BAD_CHARACTER', `control character in ${this.#name(i)} value`, this.#offset(i) + k);
      }
    }
    return value;
  }

  // Built headers must not smuggle line breaks or controls into the wire form (header injection).
  #check(name: string, value: string): void {
    const key = headerKey(name);
    if (key === '' || !isToken(name)) {
      throw new SipParseError('BAD_HEADER_NAME', `bad header name ${JSON.stringify(name)}`, 0);
    }
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if ((c < 0x20 && c !== 0x09) || c === 0x7f) {
        throw new SipParseError('BAD_CHARACTER', `control character in ${name} value`, i);
      }
    }
  }
}
