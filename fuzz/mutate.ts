// Structure-aware input for parsers: real documents from the packages' fixtures, cut, spliced and sprinkled with
// the tokens that parsers of that language trip over. Pure random strings rarely get past the first byte.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

type Mutation =
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'replace'; readonly at: number; readonly length: number; readonly text: string }
  | { readonly kind: 'duplicate'; readonly at: number; readonly length: number; readonly times: number }
  | { readonly kind: 'truncate'; readonly at: number };

function position(at: number, length: number): number {
  return length === 0 ? 0 : at % (length + 1);
}

function applyMutation(text: string, m: Mutation): string {
  const at = position(m.at, text.length);
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'replace':
      return text.slice(0, at) + m.text + text.slice(at + m.length);
    case 'duplicate': {
      const piece = text.slice(at, at + m.length);
      return text.slice(0, at) + piece.repeat(m.times) + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, at);
  }
}

function mutation(tokens: readonly string[]): fc.Arbitrary<Mutation> {
  const at = fc.nat({ max: 1 << 20 });
  const length = fc.nat({ max: 64 });
  const text = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...tokens) },
    { weight: 1, arbitrary: fc.string({ maxLength: 8, unit: 'binary' }) },
  );
  return fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), at, text }),
    fc.record({ kind: fc.constant('delete' as const), at, length }),
    fc.record({ kind: fc.constant('replace' as const), at, length, text }),
    fc.record({ kind: fc.constant('duplicate' as const), at, length, times: fc.integer({ min: 2, max: 6 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at }),
  );
}

/** A seed document with 0–6 mutations applied; shrinks towards the unmodified seed. */
export function mutated(seeds: readonly string[], tokens: readonly string[]): fc.Arbitrary<string> {
  if (seeds.length === 0) throw new Error('mutated() needs at least one seed');
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(mutation(tokens), { maxLength: 6 }))
    .map(([seed, mutations]) => mutations.reduce(applyMutation, seed));
}

/** Every file of a fixtures folder (optionally only names ending in `suffix`), as text. */
export function seedFiles(folder: string, suffix = ''): string[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => readFileSync(join(folder, f), 'latin1'));
}

/** Same as {@link seedFiles} but decoded as UTF-8 (XML documents). */
export function seedTexts(folder: string, suffix = ''): string[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => readFileSync(join(folder, f), 'utf8'));
}

/** What XML parsers trip over: markup delimiters, references, declarations, odd characters. */
export const XML_TOKENS: readonly string[] = [
  '<',
  '>',
  '/>',
  '</',
  '&',
  '&amp;',
  '&lt;',
  '&#0;',
  '&#x10FFFF;',
  '&#1114112;',
  '&#xD800;',
  '&bogus;',
  '"',
  "'",
  '=',
  ':',
  'xmlns="',
  'xmlns:p="urn:x"',
  'xmlns:xml="urn:x"',
  'p:',
  '<!DOCTYPE d [<!ENTITY e "x">]>',
  '<!ENTITY e SYSTEM "file:///etc/passwd">',
  '&e;',
  '<![CDATA[',
  ']]>',
  '<!--',
  '-->',
  '<?xml version="1.0"?>',
  '<?pi x?>',
  '\u0000',
  '\uFFFE',
  '\uD800',
  '\u00e9',
  '\r\n',
  '\t',
  ' ',
];

/** What SIP and MIME header parsers trip over. */
export const SIP_TOKENS: readonly string[] = [
  '\r\n',
  '\r\n\r\n',
  '\n',
  '\r',
  '\r\n ',
  '\r\n\t',
  ':',
  ';',
  ',',
  '<',
  '>',
  '"',
  '\\',
  '\\"',
  ' ',
  '=',
  '@',
  '%',
  '%00',
  '%zz',
  '[',
  ']',
  '[::1]',
  'sip:',
  'sips:',
  'tel:',
  ';transport=tcp',
  ';lr',
  'Content-Length: ',
  'Content-Length: 99999999999999999999',
  '-1',
  '0',
  '65536',
  '4294967296',
  'SIP/2.0',
  'boundary=',
  '--',
  '\u0000',
  '\u00ff',
  '\u00e9',
];
