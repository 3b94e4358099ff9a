import { describe, expect, it } from 'vitest';
import { contactUriOf } from './resolve.js';

describe('contactUriOf', () => {
  it('labels SIP, tel and XMPP addresses as Blink does', () => {
    expect(contactUriOf('sip:bob@example.com')).toEqual({ uri: 'sip:bob@example.com', type: 'SIP' });
    expect(contactUriOf('sips:bob@example.com')).toEqual({ uri: 'sips:bob@example.com', type: 'SIP' });
    expect(contactUriOf('tel:+31201234567')).toEqual({ uri: 'tel:+31201234567', type: 'Tel' });
    expect(contactUriOf('xmpp:carol@jabber.org')).toEqual({ uri: 'xmpp:carol@jabber.org', type: 'XMPP' });
  });

  it('takes a bare user@host as SIP and lower-cases the scheme', () => {
    expect(contactUriOf(' bob@example.com ')).toEqual({ uri: 'sip:bob@example.com', type: 'SIP' });
    expect(contactUriOf('SIP:bob@example.com')).toEqual({ uri: 'sip:bob@example.com', type: 'SIP' });
  });

  it('refuses other schemes and malformed addresses with CLI_INPUT', () => {
    expect(() => contactUriOf('mailto:bob@example.com')).toThrow(expect.objectContaining({ code: 'CLI_INPUT' }));
    expect(() => contactUriOf('sip:bob')).toThrow(expect.objectContaining({ code: 'CLI_INPUT' }));
    expect(() => contactUriOf('tel:call me')).toThrow(expect.objectContaining({ code: 'CLI_INPUT' }));
  });
});
