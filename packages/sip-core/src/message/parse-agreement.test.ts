import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SipParseError } from '../errors.js';
import { SipHeaders } from '../header/headers.js';
import { parseMessage } from './parse.js';
import { type ReferenceOutcome, referenceParse } from './test-support/reference-parse.js';

// The parser keeps header lines as offsets and recognises names without making strings; the reference reads the
// same RFC 3261 §7 grammar one string at a time. They must agree on the outcome, the error and its offset, every
// header line, the body, and what the typed accessors make of the lines.

type Outcome = { ok: false; code: string; offset: number } | { ok: true; value: unknown };

function attempt(read: () => unknown): Outcome {
  try {
    return { ok: true, value: read() };
  } catch (e) {
    if (e instanceof SipParseError) return { ok: false, code: e.code, offset: e.offset };
    throw e;
  }
}

/** What a reader sees of each line: the value, or the BAD_CHARACTER that a raw read of it raises (and stops at). */
function lineReads(fields: readonly { name: string; value: string; offset: number }[]): unknown[] {
  const out: unknown[] = [];
  for (const f of fields) {
    for (let k = 0; k < f.value.length; k++) {
      const c = f.value.charCodeAt(k);
      if ((c < 0x20 && c !== 0x09) || c === 0x7f) {
        out.push({ code: 'BAD_CHARACTER', offset: f.offset + k });
        return out;
      }
    }
    out.push({ name: f.name, value: f.value });
  }
  return out;
}

function wireLineReads(h: SipHeaders): unknown[] {
  const out: unknown[] = [];
  const iterator = h.entries();
  for (;;) {
    const next = attempt(() => iterator.next());
    if (!next.ok) {
      out.push({ code: next.code, offset: next.offset });
      return out;
    }
    const step = next.value as IteratorResult<{ name: string; value: string }>;
    if (step.done === true) return out;
    out.push({ name: step.value.name, value: step.value.value });
  }
}

function typedReads(h: SipHeaders): unknown[] {
  const strip = (o: Outcome): unknown =>
    o.ok ? (o.value === undefined ? 'undefined' : JSON.parse(JSON.stringify(o.value, replacer))) : { code: o.code };
  return [
    strip(attempt(() => h.topVia())),
    strip(attempt(() => h.via())),
    strip(attempt(() => h.from())),
    strip(attempt(() => h.to())),
    strip(attempt(() => h.from().uri)),
    strip(attempt(() => h.callId())),
    strip(attempt(() => h.cseq())),
    strip(attempt(() => h.contentLength())),
    strip(attempt(() => h.contact())),
    strip(attempt(() => h.get('Subject'))),
    strip(attempt(() => h.has('x-custom'))),
  ];
}

function replacer(_key: string, value: unknown): unknown {
  return value instanceof Map ? [...value] : value;
}

/** Compares both parsers on `bytes`; true when they parsed it. */
function compare(bytes: Uint8Array): boolean {
  const expected: ReferenceOutcome = referenceParse(bytes);
  const actual = attempt(() => parseMessage(bytes));
  if (!expected.ok) {
    expect(actual.ok ? 'parsed' : actual.code).toBe(expected.code);
    if (!actual.ok && actual.code !== 'BAD_URI' && actual.code !== 'URI_TOO_LONG') {
      expect(actual.offset).toBe(expected.offset);
    }
    return false;
  }
  if (!actual.ok) throw new Error(`reference parsed it but parseMessage threw ${actual.code} at ${actual.offset}`);
  const m = actual.value as ReturnType<typeof parseMessage>;
  if (m.kind === 'request') {
    const uri = attempt(() => m.uri);
    expect({ kind: m.kind, method: m.method, rawUri: m.rawUri, uri }).toEqual(expected.start);
    // The URI is read again after a fault: the same error, not a stale or half-built value.
    if (!uri.ok) expect(attempt(() => m.uri)).toEqual(uri);
  } else {
    expect({ kind: m.kind, status: m.status, reason: m.reason }).toEqual(expected.start);
  }
  expect(m.headers.size).toBe(expected.fields.length);
  expect(wireLineReads(m.headers)).toEqual(lineReads(expected.fields));
  expect(Buffer.from(m.body).equals(expected.body)).toBe(true);
  const reference = SipHeaders.unchecked(expected.fields);
  expect(typedReads(m.headers)).toEqual(typedReads(reference));
  return true;
}

const token = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9.!%*_+`'~-]{0,8}$/);
const wsp = fc.constantFrom('', ' ', '  ', '\t', ' \t');
const nameCase = (name: string): fc.Arbitrary<string> =>
  fc.constantFrom(
    name,
    name.toLowerCase(),
    name.toUpperCase(),
    name.replace(/^./, (c) => c.toLowerCase()),
  );
// Lines that keep a message well-formed (apart from control characters, which only raw reads reject) ...
const benignLine = fc.oneof(
  fc.tuple(
    nameCase('Via'),
    fc.constantFrom(
      'SIP/2.0/TCP h.example.com;branch=z9hG4bK1',
      'SIP/2.0/TLS 192.0.2.1:5061;branch=z9hG4bKa;rport, SIP/2.0/TCP b;branch=z9hG4bKb',
      'SIP / 2.0 / tcp h ; branch = z9hG4bK2',
    ),
  ),
  fc.tuple(fc.constantFrom('v', 'V'), fc.constant('SIP/2.0/TCP c;branch=z9hG4bK3;received=192.0.2.9')),
  fc.tuple(
    nameCase('Contact'),
    fc.constantFrom('<sip:a@192.0.2.1:5060;transport=tcp>;expires=60', '*', '<sip:x@y>, <sip:z@w>'),
  ),
  fc.tuple(
    fc.constantFrom('m', 'Subject', 's', 'X-Custom', 'x-custom', 'Max-Forwards', 'Event', 'o', 'Route'),
    fc.constantFrom('70', 'presence', 'h\u00e9llo', 'a\u0001b', '', 'folded\r\n continued', '<sip:p;lr>'),
  ),
  fc.tuple(token, fc.constantFrom('v', '', 'x y')),
);
// ... and lines that may break it: the checked headers again (duplicates), bad values, bad names.
const faultyLine = fc.oneof(
  fc.tuple(
    fc.constantFrom('From', 'from', 'FROM', 'f', 'F'),
    fc.constantFrom('<sip:a@example.com>;tag=1', '"Al\u00e9 \\"x\\"" <sip:a@b>;tag=2', 'sip:a@b;TAG=3'),
  ),
  fc.tuple(fc.constantFrom('To', 'tO', 't'), fc.constantFrom('<sip:c@d>', '<sip:c@d>;tag=x', 'Bob <sip:c@d>')),
  fc.tuple(fc.constantFrom('Call-ID', 'call-id', 'i', 'I'), fc.constantFrom('abc@host', 'x', 'a@b@c')),
  fc.tuple(fc.constantFrom('CSeq', 'cseq'), fc.constantFrom('1 OPTIONS', '2 NOTIFY', 'x OPTIONS', '4  OPTIONS ')),
  fc.tuple(fc.constantFrom('Content-Length', 'content-LENGTH', 'l', 'L'), fc.constantFrom('0', '3', ' 2 ', '-1', '99')),
  fc.tuple(fc.constantFrom('Bad Name', 'Bad\u00e9', '', 'Via\r'), fc.constant('v')),
);
const headerLine = fc.oneof({ arbitrary: benignLine, weight: 12 }, { arbitrary: faultyLine, weight: 1 });
const startLine = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      'OPTIONS sip:a@example.com SIP/2.0',
      'NOTIFY sip:a@192.0.2.1:5060;transport=tcp;ob SIP/2.0',
      'options sip:a@b sip/2.0',
      'SIP/2.0 200 OK',
      'SIP/2.0 180 Ringing \u00e9t\u00e9',
    ),
    weight: 6,
  },
  {
    arbitrary: fc.constantFrom(
      'OPTIONS sip:a@b SIP/3.0',
      'OPTIONS  sip:a@b SIP/2.0',
      'OPT\u00e9 sip:a@b SIP/2.0',
      'OPTIONS sip:a@b%zz SIP/2.0',
      'SIP/2.0 099 Low',
      'SIP/2.0 200',
      'SIP/2.0 2000 OK',
      'SIP/2.0 200 O\u0001K',
    ),
    weight: 1,
  },
);
const message = fc
  .record({
    leading: fc.constantFrom('', '\r\n', '\r\n\r\n'),
    start: startLine,
    lines: fc.array(fc.tuple(headerLine, wsp, wsp, wsp), { maxLength: 10 }),
    required: fc.oneof({ arbitrary: fc.constant(true), weight: 8 }, { arbitrary: fc.constant(false), weight: 1 }),
    lineBreak: fc.oneof({ arbitrary: fc.constant('\r\n'), weight: 12 }, { arbitrary: fc.constant('\n'), weight: 1 }),
    body: fc.constantFrom('', 'abc', 'hello world'),
  })
  .map((g) => {
    const lines = g.lines.map(([[name, value], a, b, c]) => `${name}${a}:${b}${value}${c}`);
    if (g.required) {
      const method = g.start.split(' ')[0] ?? 'OPTIONS';
      lines.unshift('Via: SIP/2.0/TCP h;branch=z9hG4bK0', 'From: <sip:a@b>;tag=0', 'To: <sip:c@d>', 'Call-ID: r');
      lines.push(`CSeq: 1 ${method.startsWith('SIP') ? 'OPTIONS' : method}`);
    }
    const head = [g.start, ...lines].join('\r\n');
    return Buffer.from(`${g.leading}${head.replace(/\r\n(?=X)/, g.lineBreak)}\r\n\r\n${g.body}`, 'utf8');
  });

describe('parseMessage agrees with the reference parser', () => {
  it('on the benchmark corpus and the fixtures', () => {
    const fixtures = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));
    const files = readdirSync(fixtures, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.sip'));
    expect(files.length).toBeGreaterThan(7);
    const parsed = files.filter((f) => compare(readFileSync(`${fixtures}${f}`)));
    expect(parsed.length).toBeGreaterThan(7);
  });

  it('on generated messages: names in any case and compact form, whitespace, folds, duplicates, bad lines', () => {
    let parsed = 0;
    fc.assert(
      fc.property(message, (bytes) => {
        if (compare(bytes)) parsed++;
      }),
      { seed: 42, numRuns: 1500 },
    );
    // Both outcomes are exercised: well-formed messages and every kind of fault.
    expect(parsed).toBeGreaterThan(150);
    expect(parsed).toBeLessThan(1350);
  });

  it('on bytes biased towards SIP syntax', () => {
    const pieces = [
      'INVITE ',
      'SIP/2.0',
      ' 200 OK',
      'sip:a@b',
      '\r\n',
      '\r\n\r\n',
      '\n',
      '\r',
      ': ',
      ' ',
      '\t',
      ';',
      'Via: SIP/2.0/TCP h;branch=z9hG4bK1',
      'From: <sip:a@b>;tag=1',
      'To: <sip:c@d>',
      'Call-ID: x',
      'CSeq: 1 INVITE',
      'Content-Length: ',
      'l: 3',
      'v: x',
      '0',
      '\u0000',
      '\u00e9',
      '\u00ff',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => Buffer.from(p.join(''), 'utf8')),
        (bytes) => {
          compare(bytes);
        },
      ),
      { seed: 42, numRuns: 1500 },
    );
  });
});
