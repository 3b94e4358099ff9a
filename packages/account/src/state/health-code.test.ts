import { XcapNetworkError, XcapTimeout } from '@simplekit/xcap';
import { describe, expect, it } from 'vitest';
import { healthCodeOf } from './health-code.js';

const coded = (code: string) => Object.assign(new Error(code), { code });

describe('health codes', () => {
  it.each([
    ['REJECTED_CREDENTIALS', 'auth-failed'],
    ['SIP_403', 'auth-failed'],
    ['SIP_407', 'auth-failed'],
    ['SIP_489', 'not-supported'],
    ['SIP_503', 'server-error'],
    ['SIP_408', 'timeout'],
    ['SIP_486', 'other'],
    ['CONNECT_FAILED', 'unreachable'],
    ['TLS_VERIFY_FAILED', 'tls'],
    ['XCAP_AUTH_FAILED', 'auth-failed'],
    ['XCAP_SERVER_ERROR', 'server-error'],
    ['CONTACTS_PARSE', 'bad-document'],
    ['ACCOUNT_STORAGE', 'local-disk'],
    ['ACCOUNT_JOURNAL', 'local-disk'],
  ])('%s is %s', (code, expected) => {
    expect(healthCodeOf(coded(code))).toBe(expected);
  });

  it('classifies the XCAP client errors and anything without a code', () => {
    expect(healthCodeOf(new XcapNetworkError('GET', 'http://x', new Error('ECONNREFUSED')))).toBe('unreachable');
    expect(healthCodeOf(new XcapTimeout('GET', 'http://x', 10))).toBe('timeout');
    expect(healthCodeOf(new Error('plain'))).toBe('other');
    expect(healthCodeOf('text')).toBe('other');
  });
});
