import { describe, expect, it } from 'vitest';
import { addressKey, sameAddress, withScheme } from './address.js';

describe('addresses', () => {
  it('compares with an optional sip scheme and a case-insensitive host, user part exact', () => {
    expect(sameAddress('bob@Example.ORG', 'sip:bob@example.org')).toBe(true);
    expect(sameAddress('sips:bob@example.org', 'sip:bob@example.org')).toBe(true);
    expect(sameAddress('Bob@example.org', 'bob@example.org')).toBe(false);
    expect(sameAddress('xmpp:bob@example.org', 'sip:bob@example.org')).toBe(false);
    expect(addressKey(' tel:+3120 ')).toBe('tel:+3120');
  });

  it('adds sip: to bare addresses only', () => {
    expect(withScheme('bob@example.org')).toBe('sip:bob@example.org');
    expect(withScheme('sip:bob@example.org')).toBe('sip:bob@example.org');
    expect(withScheme('xmpp:bob@jabber.org')).toBe('xmpp:bob@jabber.org');
    expect(withScheme('mailto:bob@example.org')).toBe('mailto:bob@example.org');
    expect(withScheme('example.org:5060')).toBe('sip:example.org:5060');
  });
});
