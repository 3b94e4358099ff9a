import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SipParseError } from '../errors.js';
import { parseMessage } from './parse.js';

const fixtures = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));
const read = (path: string): Buffer => readFileSync(`${fixtures}${path}`);
const text = (lines: readonly string[], body = ''): string => `${lines.join('\r\n')}\r\n\r\n${body}`;

const OPTIONS = [
  'OPTIONS sip:user@example.com SIP/2.0',
  'Via: SIP/2.0/TCP 192.0.2.1;branch=z9hG4bKx',
  'Max-Forwards: 70',
  'From: <sip:a@example.com>;tag=1',
  'To: <sip:user@example.com>',
  'Call-ID: x@example.com',
  'CSeq: 1 OPTIONS',
];

function parseError(input: Uint8Array | string, options?: Parameters<typeof parseMessage>[1]): SipParseError {
  try {
    parseMessage(input, options);
  } catch (e) {
    if (e instanceof SipParseError) return e;
    throw e;
  }
  throw new Error('expected a SipParseError');
}

describe('parseMessage on the benchmark corpus', () => {
  it('reads a REGISTER with GRUU/outbound Contact params and Authorization', () => {
    const m = parseMessage(read('corpus/01-register.sip'));
    if (m.kind !== 'request') throw new Error('expected a request');
    expect(m.method).toBe('REGISTER');
    expect(m.rawUri).toBe('sip:example.com');
    expect(m.uri).toMatchObject({ kind: 'sip', scheme: 'sip', host: 'example.com', hostType: 'domain' });
    const h = m.headers;
    expect(h.topVia()).toMatchObject({
      transport: 'TCP',
      host: '192.0.2.10',
      port: 54321,
      branch: 'z9hG4bK.c5b1e2a9d8',
      rport: true,
    });
    expect(h.cseq()).toEqual({ seq: 2, method: 'REGISTER' });
    expect(h.from().displayName).toBe('Alice');
    expect(h.from().tag).toBe('8f3a2b1c');
    expect(h.to().tag).toBeUndefined();
    const [contact] = h.contact();
    expect(contact).toMatchObject({
      star: false,
      instance: '<urn:uuid:0c9e6b7a-8f0d-4b3c-9a1e-2d5f6a7b8c9d>',
      regId: 1,
      expires: 600,
    });
    expect(h.supported()).toEqual(['gruu', 'outbound', 'path']);
    expect(h.authorization()[0]).toMatchObject({ kind: 'digest', username: 'alice', nc: '00000001', qop: 'auth' });
    expect(h.userAgent()).toBe('SimpleKit/0.1');
    expect(h.maxForwards()).toBe(70);
    expect(m.body.length).toBe(0);
  });

  it('reads a 401 with two challenges and the received/rport the server filled in', () => {
    const m = parseMessage(read('corpus/02-401.sip'));
    if (m.kind !== 'response') throw new Error('expected a response');
    expect([m.status, m.reason]).toEqual([401, 'Unauthorized']);
    expect(m.headers.topVia()).toMatchObject({ received: '198.51.100.7', rport: 54321 });
    expect(m.headers.wwwAuthenticate().map((c) => (c.kind === 'digest' ? c.algorithm : c.scheme))).toEqual([
      'SHA-256',
      'MD5',
    ]);
  });

  it('reads a PUBLISH with SIP-If-Match and its PIDF body', () => {
    const m = parseMessage(read('corpus/03-publish.sip'));
    expect(m.headers.sipIfMatch()).toBe('dx200xyz');
    expect(m.headers.event()).toMatchObject({ type: 'presence', package: 'presence', templates: [] });
    expect(m.headers.expires()).toBe(3600);
    expect(m.headers.contentType()?.mediaType).toBe('application/pidf+xml');
    expect(m.body.length).toBe(m.headers.contentLength());
    expect(Buffer.from(m.body).toString('utf8')).toContain('<basic>open</basic>');
  });

  it('reads a SUBSCRIBE with Route, Accept and Supported', () => {
    const h = parseMessage(read('corpus/04-subscribe.sip')).headers;
    expect(h.route().map((r) => r.rawUri)).toEqual(['sip:proxy.example.com;transport=tcp;lr']);
    expect(h.accept()?.map((a) => a.mediaType)).toEqual([
      'application/pidf+xml',
      'application/rlmi+xml',
      'multipart/related',
    ]);
    expect(h.supported()).toEqual(['eventlist']);
  });

  it('reads the multipart/related parameters of an RLMI NOTIFY', () => {
    const m = parseMessage(read('corpus/06-notify-rlmi.sip'));
    const ct = m.headers.contentType();
    expect(ct?.mediaType).toBe('multipart/related');
    expect(ct?.params.get('type')).toBe('application/rlmi+xml');
    expect(ct?.params.get('start')).toBe('<nXYxAE@example.com>');
    expect(ct?.params.get('boundary')).toBe('UniqueBoundary50ff');
    expect(m.headers.subscriptionState()).toMatchObject({ state: 'active', expires: 599 });
    expect(m.headers.require()).toEqual(['eventlist']);
  });

  it('reads a 200 OK with Record-Route', () => {
    const m = parseMessage(read('corpus/07-200-ok.sip'));
    expect(m.headers.recordRoute()[0]?.uri).toMatchObject({
      host: 'proxy.example.com',
      params: new Map([
        ['transport', 'tcp'],
        ['lr', null],
      ]),
    });
    expect(m.headers.to().tag).toBe('zpNctbZq');
  });
});

describe('parseMessage on valid but tortuous messages (RFC 4475 §3.1.1 style)', () => {
  it('unfolds lines, expands compact forms and tolerates odd whitespace', () => {
    const m = parseMessage(read('valid/01-tortuous.sip'));
    if (m.kind !== 'request') throw new Error('expected a request');
    const h = m.headers;
    expect(m.uri).toMatchObject({
      user: 'vivekg',
      host: 'chair-dnrc.example.com',
      params: new Map([['unknownparam', null]]),
    });
    expect(h.to()).toMatchObject({ rawUri: 'sip:vivekg@chair-dnrc.example.com', tag: '1918181833n' });
    expect(h.from()).toMatchObject({ displayName: 'J Rosenberg \\"', tag: '98asjd8' });
    expect(h.maxForwards()).toBe(68);
    expect(h.cseq()).toEqual({ seq: 9, method: 'NOTIFY' });
    expect(h.via().map((v) => [v.protocolName, v.protocolVersion, v.transport, v.host, v.branch])).toEqual([
      ['SIP', '2.0', 'UDP', '192.0.2.2', '390skdjuw'],
      ['SIP', '2.0', 'TCP', 'spindle.example.com', 'z9hG4bK9ikj8'],
      ['SIP', '2.0', 'UDP', '192.168.255.111', 'z9hG4bK30239'],
    ]);
    expect(h.get('NewFangledHeader')).toBe('newfangled value continued newfangled value');
    expect(h.get('unknownheaderwithunusualvalue')).toBe(';;,,;;,;');
    expect(h.get('subject')).toBe('');
    const [contact] = h.contact();
    expect(contact).toMatchObject({ displayName: 'Quoted string ""', q: 0.33 });
    expect(contact?.star === false && contact.params.get('newparam')).toBe('newvalue');
    expect(contact?.star === false && contact.params.has('secondparam')).toBe(true);
    expect(m.body.length).toBe(h.contentLength());
  });

  it('unescapes URIs and keeps their parameters apart from header parameters', () => {
    const m = parseMessage(read('valid/02-escapes.sip'));
    if (m.kind !== 'request') throw new Error('expected a request');
    expect(m.uri).toMatchObject({ user: 'sip:a@b', params: new Map([['par', 'u@example.net']]) });
    expect(m.headers.to().uri).toMatchObject({ user: 'alice' });
    expect(m.headers.from().uri).toMatchObject({ user: 'I have spaces' });
    const [contact] = m.headers.contact();
    expect(contact?.star === false && contact.uri).toMatchObject({
      user: 'caller',
      params: new Map<string, string | null>([
        ['lr', null],
        ['name', 'value%41'],
      ]),
    });
    expect(m.headers.callId()).toBe('esc01.239409asdfakjkn23onasd0-3234');
    expect(m.headers.contentType()).toMatchObject({ mediaType: 'application/sdp' });
  });

  it('reads IPv6 references in URIs, Via sent-by and received', () => {
    const m = parseMessage(read('valid/03-ipv6.sip'));
    if (m.kind !== 'request') throw new Error('expected a request');
    expect(m.uri).toMatchObject({ host: '[2001:db8::10]', hostType: 'ipv6', port: 5061 });
    expect(m.headers.topVia()).toMatchObject({
      host: '[2001:db8::9:1]',
      port: 5061,
      received: '2001:db8::9:255',
      rport: 5061,
    });
    const [c] = m.headers.contact();
    expect(c).toMatchObject({ displayName: 'Caller', expires: 3600, regId: 2 });
  });

  it('reads Contact: * and several Via lines', () => {
    const h = parseMessage(read('valid/04-star-unregister.sip')).headers;
    expect(h.contact()).toEqual([{ star: true }]);
    expect(h.expires()).toBe(0);
    expect(h.via().map((v) => v.branch)).toEqual(['z9hG4bKstar', 'z9hG4bKstar2']);
    expect(h.from().uri).toMatchObject({ kind: 'tel', number: '+1-201-555-0123' });
  });

  it('accepts unknown methods and empty header values', () => {
    const m = parseMessage(read('valid/05-unknown-method.sip'));
    expect(m.kind === 'request' && m.method).toBe('NEWMETHOD');
    expect(m.headers.get('Subject')).toBe('');
  });

  it('decodes UTF-8 display names and reason phrases and skips leading CRLFs', () => {
    const m = parseMessage(read('valid/06-utf8.sip'));
    if (m.kind !== 'response') throw new Error('expected a response');
    expect(m.reason).toBe('Besetzt \u2014 bitte sp\u00e4ter');
    expect(m.headers.from().displayName).toBe('J\u00fcrgen M\u00fcller');
    expect(m.headers.to().displayName).toBe('\u5f20\u4e09');
    expect(m.headers.retryAfter()).toMatchObject({ seconds: 300, comment: 'in a meeting', duration: 3600 });
  });

  it('reads Event with id, Allow-Events and a terminated Subscription-State', () => {
    const h = parseMessage(read('valid/07-notify-terminated.sip')).headers;
    expect(h.event()).toMatchObject({ type: 'presence.winfo', package: 'presence', templates: ['winfo'], id: '17' });
    expect(h.allowEvents()).toEqual(['presence', 'presence.winfo', 'message-summary']);
    expect(h.subscriptionState()).toMatchObject({ state: 'terminated', reason: 'probation', retryAfter: 3600 });
  });
});

describe('parseMessage on invalid messages (RFC 4475 §3.1.2 style)', () => {
  const expected: Record<string, string> = {
    '01-content-length-larger.sip': 'CONTENT_LENGTH_MISMATCH',
    '02-negative-content-length.sip': 'BAD_CONTENT_LENGTH',
    '03-missing-call-id.sip': 'MISSING_HEADER',
    '04-bad-request-uri.sip': 'BAD_URI',
    '05-spaces-in-request-uri.sip': 'BAD_START_LINE',
    '06-unterminated-quote.sip': 'UNTERMINATED_QUOTE',
    '07-bad-cseq.sip': 'BAD_CSEQ',
    '08-cseq-method-mismatch.sip': 'CSEQ_METHOD_MISMATCH',
    '09-non-numeric-status.sip': 'BAD_STATUS',
    '10-fold-injection.sip': 'BAD_LINE_BREAK',
    '11-version-7.sip': 'BAD_VERSION',
    '12-duplicate-to.sip': 'DUPLICATE_HEADER',
    '13-continuation-first.sip': 'BAD_FOLD',
    '14-nul-in-name.sip': 'BAD_HEADER_NAME',
    '15-no-blank-line.sip': 'UNTERMINATED_HEADERS',
    '16-status-out-of-range.sip': 'BAD_STATUS',
    '17-invalid-utf8.sip': 'BAD_CHARACTER',
    '18-header-without-colon.sip': 'BAD_HEADER_NAME',
  };

  it('has an expectation for every invalid fixture', () => {
    expect(readdirSync(`${fixtures}invalid`).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('rejects %s with %s', (file, code) => {
    const bytes = read(`invalid/${file}`);
    // The unterminated quote sits in From and the bad Request-URI's port in the URI, which are parsed when read
    // (RFC 3261 §8.2: the UA answers 400).
    const err = (() => {
      try {
        const m = parseMessage(bytes);
        m.headers.from();
        if (m.kind === 'request') m.uri;
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(SipParseError);
    expect(err).toMatchObject({ code });
    expect((err as SipParseError).offset).toBeGreaterThanOrEqual(0);
    expect((err as SipParseError).offset).toBeLessThanOrEqual(bytes.length);
  });

  it('points at the offending byte', () => {
    const bytes = Buffer.from(text([...OPTIONS.slice(0, 3), 'Fr\u0001om: x', ...OPTIONS.slice(3)]));
    const err = parseError(bytes);
    expect(err.code).toBe('BAD_HEADER_NAME');
    expect(bytes[err.offset]).toBe(1);
  });

  it('rejects a NUL in a header value when the value is read', () => {
    const m = parseMessage(text([...OPTIONS, 'Subject: a\u0000b']));
    expect(() => m.headers.get('subject')).toThrow(expect.objectContaining({ code: 'BAD_CHARACTER' }));
  });

  it('rejects a bare CR that would otherwise start a new header line when written out', () => {
    const m = parseMessage(text([...OPTIONS, 'Subject: a\rRoute: <sip:evil>']));
    expect(() => m.headers.get('subject')).toThrow(expect.objectContaining({ code: 'BAD_CHARACTER' }));
  });
});

describe('what parseMessage leaves to be checked when it is read', () => {
  it('checks the Request-URI grammar when uri is read, every time, and its characters and length at once', () => {
    const m = parseMessage(text(['OPTIONS sip:user@example.com:99999 SIP/2.0', ...OPTIONS.slice(1)]));
    if (m.kind !== 'request') throw new Error('expected a request');
    expect(m.rawUri).toBe('sip:user@example.com:99999');
    expect(m.headers.callId()).toBe('x@example.com');
    expect(() => m.uri).toThrow(expect.objectContaining({ code: 'BAD_URI', offset: 29 }));
    expect(() => m.uri).toThrow(expect.objectContaining({ code: 'BAD_URI' }));
    // A control or non-ASCII character could not be written back safely: the message is refused.
    const control = parseError(text(['OPTIONS sip:us\rer@example.com SIP/2.0', ...OPTIONS.slice(1)]));
    expect(control).toMatchObject({ code: 'BAD_URI', offset: 14 });
    const utf8 = parseError(text(['OPTIONS sip:j\u00fcrgen@example.com SIP/2.0', ...OPTIONS.slice(1)]));
    expect(utf8).toMatchObject({ code: 'BAD_URI', offset: 13 });
  });

  it('checks a Via sent-by when a part of it is read, its parameters with the Via', () => {
    const via = (value: string) =>
      parseMessage(text([OPTIONS[0] ?? '', `Via: ${value}`, ...OPTIONS.slice(2)])).headers.topVia();
    const bad = via('SIP/2.0/TCP bad_host:5060;branch=z9hG4bKx;rport');
    expect([bad.branch, bad.rport]).toEqual(['z9hG4bKx', true]);
    for (const read of [() => bad.host, () => bad.port, () => bad.transport, () => bad.protocolName]) {
      expect(read).toThrow(expect.objectContaining({ code: 'BAD_HEADER_VALUE' }));
    }
    expect(() => via('SIP/2.0/TCP host;branch=z9hG4bKx;rport=x')).toThrow(
      expect.objectContaining({ code: 'BAD_HEADER_VALUE' }),
    );
    // The branch of a list's first element is its own, never the next element's.
    expect(via('SIP/2.0/TCP a, SIP/2.0/TCP b;branch=z9hG4bKb').branch).toBeUndefined();
    expect(via('SIP/2.0/TLS [2001:db8::1]:5061;branch=z9hG4bKx')).toMatchObject({
      transport: 'TLS',
      host: '[2001:db8::1]',
      port: 5061,
      branch: 'z9hG4bKx',
    });
  });
});

describe('parseMessage limits and framing details', () => {
  it('enforces the header count limit', () => {
    const many = Array.from({ length: 20 }, (_, i) => `X-H${i}: ${i}`);
    expect(parseError(text([...OPTIONS, ...many]), { maxHeaderCount: 10 }).code).toBe('TOO_MANY_HEADERS');
    expect(parseMessage(text([...OPTIONS, ...many])).headers.size).toBe(26);
  });

  it('enforces the header section size limit', () => {
    expect(parseError(text([...OPTIONS, `X-Big: ${'a'.repeat(2000)}`]), { maxHeaderBytes: 1024 }).code).toBe(
      'HEADER_SECTION_TOO_LARGE',
    );
  });

  it('enforces the URI length limit', () => {
    const long = `OPTIONS sip:${'u'.repeat(300)}@example.com SIP/2.0`;
    expect(parseError(text([long, ...OPTIONS.slice(1)]), { maxUriLength: 256 }).code).toBe('URI_TOO_LONG');
  });

  it('drops bytes after Content-Length and takes the rest as body without it (RFC 3261 §18.3)', () => {
    const withLength = parseMessage(text([...OPTIONS, 'Content-Length: 3'], 'abcdef'));
    expect(Buffer.from(withLength.body).toString()).toBe('abc');
    const without = parseMessage(text(OPTIONS, 'abcdef'));
    expect(Buffer.from(without.body).toString()).toBe('abcdef');
  });

  it('accepts a lower-case version and reads compact l', () => {
    const m = parseMessage(text(['OPTIONS sip:u@example.com sip/2.0', ...OPTIONS.slice(1), 'l: 2'], 'hi'));
    expect(m.headers.contentLength()).toBe(2);
  });

  it('rejects two Content-Length headers', () => {
    expect(parseError(text([...OPTIONS, 'Content-Length: 0', 'l: 0'])).code).toBe('DUPLICATE_HEADER');
  });

  it('rejects empty input and a missing status reason separator', () => {
    expect(parseError('').code).toBe('EMPTY_MESSAGE');
    expect(parseError('\r\n\r\n').code).toBe('EMPTY_MESSAGE');
    expect(parseError(text(['SIP/2.0 200', ...OPTIONS.slice(1)])).code).toBe('BAD_START_LINE');
  });
});
