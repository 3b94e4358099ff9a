import { describe, expect, it } from 'vitest';
import { decodeUriText, encodeUriText } from './uri.js';

describe('Blink URI encoding', () => {
  it('decodes whole-value percent-encoding and keeps the raw text', () => {
    expect(decodeUriText('sip%3Aag%40test.sip2sip.info')).toEqual({
      raw: 'sip%3Aag%40test.sip2sip.info',
      uri: 'sip:ag@test.sip2sip.info',
    });
    expect(decodeUriText('https%3A//xcap.example.com/a%20b').uri).toBe('https://xcap.example.com/a b');
  });

  it('uses a URI that already has its scheme as written', () => {
    expect(decodeUriText('http://example.com/a%20b')).toEqual({
      raw: 'http://example.com/a%20b',
      uri: 'http://example.com/a%20b',
    });
  });

  it('keeps broken percent-encoding as text instead of failing', () => {
    expect(decodeUriText('abc%E0%A4%A')).toEqual({ raw: 'abc%E0%A4%A', uri: 'abc%E0%A4%A' });
  });

  it('encodes everything but unreserved characters and "/", like Blink', () => {
    expect(encodeUriText('https://xcap.example.com/users/sip:a@b/icon (1)').raw).toBe(
      'https%3A//xcap.example.com/users/sip%3Aa%40b/icon%20%281%29',
    );
    const value = 'sip:alice@example.org;gr=urn:uuid:1';
    expect(decodeUriText(encodeUriText(value).raw).uri).toBe(value);
  });
});
