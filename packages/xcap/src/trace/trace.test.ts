import { describe, expect, it } from 'vitest';
import { redactHttpMessage, type XcapTraceEntry, type XcapTraceSink } from './trace.js';

describe('XCAP trace records', () => {
  it('keeps only the scheme of Authorization and Proxy-Authorization values', () => {
    const text =
      'PUT /x HTTP/1.1\r\nAuthorization: Digest username="alice", response="0123"\r\n' +
      'proxy-authorization:Basic YWxpY2U6c2VjcmV0\r\nContent-Type: text/plain\r\n\r\nAuthorization: in a body line';
    expect(redactHttpMessage(text)).toBe(
      'PUT /x HTTP/1.1\r\nAuthorization: Digest [redacted]\r\nproxy-authorization:Basic [redacted]\r\n' +
        'Content-Type: text/plain\r\n\r\nAuthorization: in [redacted]',
    );
  });

  it('redacts an Authorization header with an empty value', () => {
    expect(redactHttpMessage('Authorization:\r\n')).toBe('Authorization:[redacted]\r\n');
  });

  it('accepts a sink typed for a wider record union such as sip-core trace records', () => {
    type Note = { readonly kind: 'note'; readonly timestamp: number; readonly level: 'info'; readonly text: string };
    const seen: string[] = [];
    const wide = { write: (record: XcapTraceEntry | Note) => seen.push(record.kind) };
    const sink: XcapTraceSink = wide;
    sink.write({
      kind: 'message',
      protocol: 'xcap',
      timestamp: 1,
      direction: 'sent',
      transport: 'https',
      local: '',
      remote: 'xcap.example.com:443',
      text: 'GET / HTTP/1.1\r\n\r\n',
    });
    expect(seen).toEqual(['message']);
  });
});
