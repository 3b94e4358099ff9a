import { AccountConfigError } from '@simplekit/account';
import { describe, expect, it } from 'vitest';
import { DesktopError } from '../bridge/errors.js';
import { parseProxy, storedAccountOf, summaryOf } from './account-setup.js';

describe('parseProxy', () => {
  it('reads host, port and transport, with the RFC 3261 default ports', () => {
    expect(parseProxy('proxy.example.com')).toEqual({ host: 'proxy.example.com', port: 5060, transport: 'tcp' });
    expect(parseProxy('proxy.example.com;transport=TLS')).toEqual({
      host: 'proxy.example.com',
      port: 5061,
      transport: 'tls',
    });
    expect(parseProxy(' 127.0.0.1:15060;transport=tcp ')).toEqual({ host: '127.0.0.1', port: 15060, transport: 'tcp' });
    expect(parseProxy('[::1]:5070')).toEqual({ host: '[::1]', port: 5070, transport: 'tcp' });
  });

  it('refuses other shapes and ports out of range', () => {
    for (const text of ['', 'sip:proxy', 'proxy:99999', 'proxy;transport=udp', 'a b']) {
      expect(() => parseProxy(text)).toThrow(DesktopError);
    }
  });
});

describe('storedAccountOf', () => {
  it('adds the sip: scheme, trims fields, and takes the transport from the proxy', () => {
    expect(
      storedAccountOf({
        address: ' alice@example.com ',
        password: 'pw',
        displayName: ' Alice ',
        xcapRoot: 'https://xcap.example.com/xcap-root',
        proxy: 'proxy.example.com:5061;transport=tls',
      }),
    ).toEqual({
      address: 'sip:alice@example.com',
      password: 'pw',
      displayName: 'Alice',
      xcapRoot: 'https://xcap.example.com/xcap-root',
      outboundProxy: { host: 'proxy.example.com', port: 5061, transport: 'tls' },
      transport: 'tls',
    });
  });

  it('leaves empty optional fields out', () => {
    expect(storedAccountOf({ address: 'sips:bob@example.com', password: '', xcapRoot: ' ', proxy: '' })).toEqual({
      address: 'sips:bob@example.com',
      password: '',
    });
  });

  it("raises the engine's configuration error for a bad address or XCAP root", () => {
    expect(() => storedAccountOf({ address: 'not an address', password: '' })).toThrow(AccountConfigError);
    expect(() => storedAccountOf({ address: 'a@b.c', password: '', xcapRoot: 'mailto:x' })).toThrow(AccountConfigError);
    expect(() => storedAccountOf({ address: '  ', password: '' })).toThrow(DesktopError);
  });
});

describe('summaryOf', () => {
  it('names an account by its address without the scheme', () => {
    expect(summaryOf({ address: 'sip:Alice@Example.com', displayName: 'A' })).toEqual({
      id: 'Alice@example.com',
      address: 'sip:Alice@Example.com',
      displayName: 'A',
    });
  });
});
