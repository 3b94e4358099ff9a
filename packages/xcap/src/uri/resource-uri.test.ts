import { describe, expect, it } from 'vitest';
import { documentUri, resourceUri } from './resource-uri.js';

describe('XCAP resource URIs (RFC 4825 §6)', () => {
  it('builds user and global document URIs with escaped segments', () => {
    expect(documentUri('http://x/root/', { auid: 'resource-lists' }, 'sip:joe@example.com')).toBe(
      'http://x/root/resource-lists/users/sip:joe@example.com/index',
    );
    expect(documentUri('http://x/root', { auid: 'xcap-caps', scope: 'global' }, 'sip:a@b')).toBe(
      'http://x/root/xcap-caps/global/index',
    );
    expect(
      documentUri(
        'http://x',
        { auid: 'org.openmobilealliance.pres-content', document: 'oma_status-icon/index', xui: 'sip:a b?#%@c' },
        '',
      ),
    ).toBe('http://x/org.openmobilealliance.pres-content/users/sip:a%20b%3F%23%25@c/oma_status-icon/index');
  });

  it('appends the RFC 4825 §6.3 example selector percent-encoded', () => {
    expect(
      resourceUri(
        'http://xcap.example.com/resource-lists/users/sip:joe@example.com/index',
        'resource-lists/list[@name="l1"]',
      ),
    ).toBe(
      'http://xcap.example.com/resource-lists/users/sip:joe@example.com/index/~~/resource-lists/list%5B@name=%22l1%22%5D',
    );
  });
});
