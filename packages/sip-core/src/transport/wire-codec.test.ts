import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SipParseError } from '../errors.js';
import { decodeWireMessage, encodeWireMessage } from './wire-codec.js';
import { cseqOf, parseAddress, parseViaValue, tagOf, topVia } from './wire-headers.js';
import { bodyText, headerList, headerValue, headerValues, splitHeaderList, utf8, withHeader } from './wire-message.js';

const NOTIFY = [
  'NOTIFY sip:alice@127.0.0.1:5555;transport=tcp SIP/2.0',
  'v: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bKabc;rport=5060, SIP/2.0/TCP 10.0.0.1;branch=z9hG4bKdef',
  'f: <sip:alice@example.com>;tag=srv1',
  'To: "Alice, A." <sip:alice@example.com>;tag=ua1',
  'i: call-1',
  'CSeq: 7 NOTIFY',
  'Record-Route: <sip:p1;lr>, <sip:p2;lr>',
  'Record-Route: <sip:p3;lr>',
  'Subscription-State: active;expires=60',
  'Content-Type: application/pidf+xml',
  'X-Folded: one',
  '  two',
  'Content-Length: 4',
  '',
  'body',
].join('\r\n');

describe('wire codec adapter', () => {
  it('decodes a request with compact names, folded lines and list headers', () => {
    const m = decodeWireMessage(utf8(NOTIFY));
    expect(m.kind).toBe('request');
    if (m.kind !== 'request') return;
    expect(m.method).toBe('NOTIFY');
    expect(m.uri).toBe('sip:alice@127.0.0.1:5555;transport=tcp');
    expect(headerValue(m, 'Call-ID')).toBe('call-1');
    expect(headerValue(m, 'x-folded')).toBe('one two');
    expect(headerList(m, 'record-route')).toEqual(['<sip:p1;lr>', '<sip:p2;lr>', '<sip:p3;lr>']);
    expect(headerValues(m, 'record-route')).toHaveLength(2);
    expect(topVia(m)).toMatchObject({ transport: 'TCP', host: '127.0.0.1', port: 5060, branch: 'z9hG4bKabc' });
    expect(cseqOf(m)).toEqual({ seq: 7, method: 'NOTIFY' });
    expect(tagOf(m, 'from')).toBe('srv1');
    expect(tagOf(m, 'to')).toBe('ua1');
    expect(bodyText(m)).toBe('body');
  });

  it('decodes a response and re-encodes with a Content-Length computed from the body', () => {
    const m = decodeWireMessage(
      utf8('SIP/2.0 423 Interval Too Brief\r\nMin-Expires: 3600\r\nContent-Length: 99\r\n\r\n'),
    );
    expect(m).toMatchObject({ kind: 'response', status: 423, reason: 'Interval Too Brief' });
    const again = new TextDecoder().decode(encodeWireMessage({ ...m, body: utf8('ab') }));
    expect(again).toBe('SIP/2.0 423 Interval Too Brief\r\nMin-Expires: 3600\r\nContent-Length: 2\r\n\r\nab');
  });

  it('raises SipParseError for a bad start line or header line', () => {
    expect(() => decodeWireMessage(utf8('HELLO\r\n\r\n'))).toThrow(SipParseError);
    expect(() => decodeWireMessage(utf8('OPTIONS sip:a SIP/2.0\r\nno colon\r\n\r\n'))).toThrow(SipParseError);
    expect(() => decodeWireMessage(utf8('OPTIONS sip:a SIP/2.0\r\n'))).toThrow(SipParseError);
  });

  it('only ever throws SipParseError on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          decodeWireMessage(utf8(`${text}\r\n\r\n`));
        } catch (e) {
          expect(e).toBeInstanceOf(SipParseError);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('round-trips header names and values (property)', () => {
    const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/);
    const value = fc.stringMatching(/^[!-~]([ !-~]{0,30}[!-~])?$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(token, value), { maxLength: 8 }), fc.string({ maxLength: 50 }), (fields, body) => {
        const headers = fields.filter(([n]) => !/^(content-length|l)$/i.test(n));
        const bytes = encodeWireMessage({
          kind: 'request',
          method: 'MESSAGE',
          uri: 'sip:x@y',
          headers,
          body: utf8(body),
        });
        const back = decodeWireMessage(bytes);
        expect(back.headers.slice(0, -1)).toEqual(headers);
        expect(bodyText(back)).toBe(body);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('header helpers', () => {
  it('splits lists on commas outside quotes and angle brackets', () => {
    expect(splitHeaderList('"a, b" <sip:x;p=1,2>;q=1 , <sip:y>,sip:z')).toEqual([
      '"a, b" <sip:x;p=1,2>;q=1',
      '<sip:y>',
      'sip:z',
    ]);
  });

  it('parses name-addr and addr-spec with header parameters, quoted values unescaped', () => {
    expect(parseAddress('"Bob" <sip:bob@h;transport=tcp>;+sip.instance="<urn:uuid:1>";expires=60;ob')).toEqual({
      displayName: 'Bob',
      uri: 'sip:bob@h;transport=tcp',
      params: new Map<string, string | null>([
        ['+sip.instance', '<urn:uuid:1>'],
        ['expires', '60'],
        ['ob', null],
      ]),
    });
    expect(parseAddress('sip:c@d;tag=1')).toEqual({ uri: 'sip:c@d', params: new Map([['tag', '1']]) });
    expect(() => parseAddress('<sip:broken')).toThrow(SipParseError);
  });

  it('parses Via with IPv6 sent-by and rejects garbage', () => {
    expect(parseViaValue('SIP/2.0/TLS [::1]:5061;branch=z9hG4bKx;received=::1')).toMatchObject({
      transport: 'TLS',
      host: '[::1]',
      port: 5061,
      branch: 'z9hG4bKx',
    });
    expect(() => parseViaValue('HTTP/1.1 nope')).toThrow(SipParseError);
  });

  it('replaces a header in place', () => {
    expect(
      withHeader(
        [
          ['A', '1'],
          ['Expires', '5'],
          ['B', '2'],
          ['expires', '6'],
        ],
        'Expires',
        '0',
      ),
    ).toEqual([
      ['A', '1'],
      ['Expires', '0'],
      ['B', '2'],
    ]);
  });
});
