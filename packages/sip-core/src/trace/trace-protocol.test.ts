import { describe, expect, it } from 'vitest';
import { formatTraceRecord, type SipTraceEntry } from './trace.js';

const at = Date.UTC(2026, 0, 2, 3, 4, 5, 678);

describe('trace records of several protocols', () => {
  it('prints a SIP record without a protocol tag, as before', () => {
    const record: SipTraceEntry = {
      kind: 'message',
      timestamp: at,
      direction: 'sent',
      transport: 'tcp',
      local: '127.0.0.1:5070',
      remote: '127.0.0.1:5060',
      text: 'OPTIONS sip:x SIP/2.0\r\n\r\n',
    };
    expect(formatTraceRecord(record)).toBe(
      '2026-01-02T03:04:05.678Z SENT TCP 127.0.0.1:5070 -> 127.0.0.1:5060 (25 bytes)\nOPTIONS sip:x SIP/2.0\r\n\r\n\n',
    );
  });

  it('treats an explicit sip protocol like an absent one', () => {
    const base: SipTraceEntry = {
      kind: 'message',
      timestamp: at,
      direction: 'received',
      transport: 'tls',
      local: 'a:1',
      remote: 'b:2',
      text: 'SIP/2.0 200 OK\r\n\r\n',
    };
    expect(formatTraceRecord({ ...base, protocol: 'sip' })).toBe(formatTraceRecord(base));
  });

  it('tags an XCAP record and its HTTP transport', () => {
    const record: SipTraceEntry = {
      kind: 'message',
      protocol: 'xcap',
      timestamp: at,
      direction: 'received',
      transport: 'http',
      local: '',
      remote: '127.0.0.1:8080',
      text: 'HTTP/1.1 200 OK\r\n\r\n',
    };
    expect(formatTraceRecord(record)).toBe(
      '2026-01-02T03:04:05.678Z RECEIVED XCAP HTTP 127.0.0.1:8080 -> ? (19 bytes)\nHTTP/1.1 200 OK\r\n\r\n\n',
    );
  });

  it('prints https for XCAP over TLS, with our end when known', () => {
    const record: SipTraceEntry = {
      kind: 'message',
      protocol: 'xcap',
      timestamp: at,
      direction: 'sent',
      transport: 'https',
      local: '10.0.0.1:50000',
      remote: 'xcap.example.com:443',
      text: 'GET / HTTP/1.1\r\n\r\n',
    };
    expect(formatTraceRecord(record).split('\n')[0]).toBe(
      '2026-01-02T03:04:05.678Z SENT XCAP HTTPS 10.0.0.1:50000 -> xcap.example.com:443 (18 bytes)',
    );
  });
});
