import { describe, expect, it } from 'vitest';
import { AccountConfigError } from '../errors.js';
import { parseAddress, resolveAccountConfig } from './config.js';
import { simplekitDirectories } from './directories.js';

describe('account config', () => {
  it('fills in defaults and derives the id from the address', async () => {
    const config = resolveAccountConfig({ address: 'sip:alice@Example.COM', password: 'pw' });
    expect(config).toMatchObject({
      id: 'alice@example.com',
      address: 'sip:alice@example.com',
      user: 'alice',
      domain: 'example.com',
      transport: 'tls',
      statusHistorySize: 10,
      xcapRefreshSeconds: 300,
      switches: { publishLocation: false, publishHomepage: true, publishIdle: true, xcapStorage: true },
    });
    expect(await config.credentials()).toEqual({ username: 'alice', password: 'pw' });
  });

  it('keeps an outbound proxy with the transport default port and strips the XCAP root slash', () => {
    const config = resolveAccountConfig({
      address: 'sip:bob@example.com',
      password: 'pw',
      transport: 'tcp',
      outboundProxy: { host: '127.0.0.1' },
      xcapRoot: 'http://127.0.0.1:5071/xcap-root/',
    });
    expect(config.outboundProxy).toEqual({ host: '127.0.0.1', port: 5060, transport: 'tcp' });
    expect(config.xcapRoot).toBe('http://127.0.0.1:5071/xcap-root');
  });

  it('asks the credentials provider when one is given', async () => {
    const config = resolveAccountConfig({
      address: 'sip:bob@example.com',
      credentials: async () => ({ username: 'b', password: 'kc' }),
    });
    expect(await config.credentials()).toEqual({ username: 'b', password: 'kc' });
  });

  it.each([
    [{ address: 'alice@example.com', password: 'x' }, 'address'],
    [{ address: 'sip:alice@example.com' }, 'password'],
    [{ address: 'sip:alice@example.com', password: 'x', transport: 'udp' as 'tcp' }, 'transport'],
    [{ address: 'sip:alice@example.com', password: 'x', xcapRoot: 'ftp://x' }, 'xcapRoot'],
    [{ address: 'sip:alice@example.com', password: 'x', xcapRoot: 'nope' }, 'xcapRoot'],
    [{ address: 'sip:alice@example.com', password: 'x', statusHistorySize: 0 }, 'statusHistorySize'],
  ])('rejects %j naming the field', (input, field) => {
    expect(() => resolveAccountConfig(input)).toThrow(AccountConfigError);
    try {
      resolveAccountConfig(input);
    } catch (error) {
      expect(error).toMatchObject({ code: 'ACCOUNT_CONFIG', field });
    }
  });

  it('parses sips addresses and refuses parameters', () => {
    expect(parseAddress('sips:carol@example.org')).toEqual({ scheme: 'sips', user: 'carol', domain: 'example.org' });
    expect(() => parseAddress('sip:carol@example.org;transport=tcp')).toThrow(AccountConfigError);
  });
});

describe('XDG directories', () => {
  it('uses XDG_CONFIG_HOME and XDG_STATE_HOME when they are absolute', () => {
    expect(simplekitDirectories({ env: { XDG_CONFIG_HOME: '/c', XDG_STATE_HOME: '/s' }, home: '/h' })).toEqual({
      config: '/c/simplekit',
      state: '/s/simplekit',
    });
  });

  it('falls back to ~/.config and ~/.local/state, ignoring relative values', () => {
    expect(simplekitDirectories({ env: { XDG_CONFIG_HOME: 'rel' }, home: '/home/u' })).toEqual({
      config: '/home/u/.config/simplekit',
      state: '/home/u/.local/state/simplekit',
    });
  });
});
