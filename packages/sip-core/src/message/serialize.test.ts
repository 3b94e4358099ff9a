import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseMessage } from './parse.js';
import { serializeMessage } from './serialize.js';

const fixtures = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));
const text = (lines: readonly string[], body = ''): string => `${lines.join('\r\n')}\r\n\r\n${body}`;
const roundTrip = (input: string | Uint8Array): string =>
  Buffer.from(serializeMessage(parseMessage(input))).toString('utf8');

describe('serializeMessage', () => {
  it.each(readdirSync(`${fixtures}corpus`))('writes %s back byte for byte', (file) => {
    const bytes = readFileSync(`${fixtures}corpus/${file}`);
    expect(Buffer.compare(Buffer.from(serializeMessage(parseMessage(bytes))), bytes)).toBe(0);
  });

  it('keeps unknown headers, their order, name spelling and values', () => {
    const input = text(
      [
        'MESSAGE sip:bob@example.com SIP/2.0',
        'v: SIP/2.0/TCP h;branch=z9hG4bK1',
        'X-Zeta: 1',
        'f: <sip:a@example.com>;tag=1',
        'X-Alpha: two, "quoted, comma"',
        't: <sip:bob@example.com>',
        'i: c1',
        'CSeq: 1 MESSAGE',
        'l: 5',
      ],
      'hello',
    );
    expect(roundTrip(input)).toBe(input);
  });

  it('unfolds folded lines and normalises the separator after names (documented normalisation)', () => {
    const input = text([
      'MESSAGE sip:bob@example.com SIP/2.0',
      'Via : SIP/2.0/TCP h;branch=z9hG4bK1',
      'From:<sip:a@example.com>;tag=1',
      'To: <sip:bob@example.com>',
      'Subject: one',
      '  two',
      'Call-ID: c1',
      'CSeq: 1 MESSAGE',
      'Content-Length: 0',
    ]);
    expect(roundTrip(input)).toBe(
      text([
        'MESSAGE sip:bob@example.com SIP/2.0',
        'Via: SIP/2.0/TCP h;branch=z9hG4bK1',
        'From: <sip:a@example.com>;tag=1',
        'To: <sip:bob@example.com>',
        'Subject: one two',
        'Call-ID: c1',
        'CSeq: 1 MESSAGE',
        'Content-Length: 0',
      ]),
    );
  });

  it('writes the real body length, adding Content-Length when absent', () => {
    const lines = [
      'OPTIONS sip:u@example.com SIP/2.0',
      'Via: SIP/2.0/TCP h;branch=z9hG4bK1',
      'From: <sip:a@x>;tag=1',
      'To: <sip:u@x>',
      'Call-ID: c',
      'CSeq: 1 OPTIONS',
    ];
    const m = parseMessage(text(lines, 'body!'));
    expect(Buffer.from(serializeMessage(m)).toString()).toBe(text([...lines, 'Content-Length: 5'], 'body!'));
    const changed = { ...m, body: new TextEncoder().encode('longer body') };
    expect(parseMessage(serializeMessage(changed)).headers.contentLength()).toBe(11);
  });

  it('keeps a binary body intact', () => {
    const body = Buffer.from([0, 1, 2, 0xff, 0x0d, 0x0a, 0x0d, 0x0a, 7]);
    const head = Buffer.from(
      text([
        'MESSAGE sip:u@x SIP/2.0',
        'Via: SIP/2.0/TCP h;branch=z9hG4bK1',
        'From: <sip:a@x>;tag=1',
        'To: <sip:u@x>',
        'Call-ID: c',
        'CSeq: 1 MESSAGE',
        `Content-Length: ${body.length}`,
      ]),
    );
    const bytes = Buffer.concat([head, body]);
    expect(Buffer.compare(Buffer.from(serializeMessage(parseMessage(bytes))), bytes)).toBe(0);
  });
});
