import { AccountConfigError } from '@simplekit/account';
import { describe, expect, it } from 'vitest';
import { DesktopError } from './errors.js';
import { checkCall, DESKTOP_METHODS, failureOf, parseClientMessage, parseHostMessage, sameToken } from './protocol.js';

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return error instanceof DesktopError ? error.code : `not a DesktopError: ${String(error)}`;
  }
  return 'no error';
};

describe('checkCall', () => {
  it('accepts a known method with arguments of the right kinds', () => {
    expect(checkCall('setStatus', ['away', 'lunch'])).toEqual({ method: 'setStatus', args: ['away', 'lunch'] });
    expect(checkCall('setStatus', ['busy'])).toEqual({ method: 'setStatus', args: ['busy'] });
    expect(checkCall('setIcon', [null]).args).toEqual([null]);
  });

  it('refuses unknown methods, inherited names, wrong kinds and extra arguments', () => {
    expect(codeOf(() => checkCall('constructor', []))).toBe('DESKTOP_BAD_REQUEST');
    expect(codeOf(() => checkCall('eval', ['1']))).toBe('DESKTOP_BAD_REQUEST');
    expect(codeOf(() => checkCall('setStatus', ['sleeping']))).toBe('DESKTOP_BAD_REQUEST');
    expect(codeOf(() => checkCall('removeContact', [42]))).toBe('DESKTOP_BAD_REQUEST');
    expect(codeOf(() => checkCall('removeContact', ['a', 'b']))).toBe('DESKTOP_BAD_REQUEST');
    expect(codeOf(() => checkCall('addContact', [['not', 'an', 'object']]))).toBe('DESKTOP_BAD_REQUEST');
    expect(codeOf(() => checkCall('getState', 'x'))).toBe('DESKTOP_BAD_REQUEST');
  });

  it('lists every method of the typed API once', () => {
    expect(new Set(DESKTOP_METHODS).size).toBe(DESKTOP_METHODS.length);
    expect(DESKTOP_METHODS).toContain('openDeviceAddress');
    expect(DESKTOP_METHODS).not.toContain('onState');
  });
});

describe('parseClientMessage', () => {
  it('reads hellos and calls', () => {
    expect(parseClientMessage('{"t":"hello","token":"abc"}')).toEqual({ t: 'hello', token: 'abc' });
    expect(parseClientMessage('{"t":"call","id":7,"method":"setNote","args":["hi"]}')).toEqual({
      t: 'call',
      id: 7,
      method: 'setNote',
      args: ['hi'],
    });
  });

  it('refuses anything else with a typed error', () => {
    for (const text of ['', 'nope', '[]', 'null', '{"t":"call","id":"7","method":"setNote","args":[]}', '{"t":"x"}']) {
      expect(codeOf(() => parseClientMessage(text))).toBe('DESKTOP_BAD_MESSAGE');
    }
    expect(codeOf(() => parseClientMessage('{"t":"call","id":1,"method":"rm","args":[]}'))).toBe('DESKTOP_BAD_REQUEST');
  });
});

describe('parseHostMessage', () => {
  it('reads results, states and the welcome', () => {
    expect(parseHostMessage('{"t":"welcome"}')).toEqual({ t: 'welcome' });
    expect(parseHostMessage('{"t":"result","id":1,"ok":true,"value":"x"}')).toEqual({
      t: 'result',
      id: 1,
      ok: true,
      value: 'x',
    });
    expect(parseHostMessage('{"t":"result","id":2,"ok":false,"error":{"code":"E","message":"m"}}')).toEqual({
      t: 'result',
      id: 2,
      ok: false,
      error: { code: 'E', message: 'm' },
    });
  });

  it('refuses malformed results', () => {
    expect(codeOf(() => parseHostMessage('{"t":"result","id":2,"ok":false}'))).toBe('DESKTOP_BAD_MESSAGE');
    expect(codeOf(() => parseHostMessage('{"t":"state"}'))).toBe('DESKTOP_BAD_MESSAGE');
  });
});

describe('failureOf', () => {
  it("keeps the engine's error code and message", () => {
    expect(failureOf(new AccountConfigError('xcapRoot', 'not a URL'))).toEqual({
      ok: false,
      error: { code: 'ACCOUNT_CONFIG', message: expect.stringContaining('not a URL') },
    });
    expect(failureOf('boom')).toEqual({ ok: false, error: { code: 'DESKTOP_COMMAND', message: 'boom' } });
  });
});

describe('sameToken', () => {
  it('is true only for identical tokens', () => {
    expect(sameToken('abc', 'abc')).toBe(true);
    expect(sameToken('abc', 'abd')).toBe(false);
    expect(sameToken('abc', 'abcd')).toBe(false);
  });
});
