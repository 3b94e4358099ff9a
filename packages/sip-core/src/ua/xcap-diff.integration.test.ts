import { afterEach, describe, expect, inject, it } from 'vitest';
import { bodyText } from '../message/build.js';
import { SipRequestError } from '../transaction/errors.js';
import { nextNotify } from './test-support/notifications.js';
import { testbedAgent, testbedUser } from './test-support/testbed-agent.js';
import { xcapWrite } from './test-support/xcap-put.js';
import type { UserAgent } from './user-agent.js';

// RFC 5875 on the testbed: every change made over XCAP reaches the owner's xcap-diff subscriptions as an RFC 5874
// document with the old and new ETags (the testbed publishes it; see testbed/README.md).

const tb = inject('testbed');
const agents: UserAgent[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
});

const LIST = (name: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list name="${name}"/></resource-lists>`;

function unquote(etag: string | null): string {
  return (etag ?? '').replace(/^"|"$/g, '');
}

describe('xcap-diff against the testbed', () => {
  it('notifies the owner of each created, changed and deleted document with its ETags', async () => {
    const user = testbedUser(tb, 0);
    const ua = testbedAgent(tb, user, 'tcp');
    agents.push(ua);
    const document = `resource-lists/users/${user.aor}/simplekit-xcap-diff-test`;
    const url = `${tb.xcap.root}/${document}`;
    await xcapWrite('DELETE', url, user);
    const subscription = await ua.subscribe(user.aor, 'xcap-diff', {
      expires: 60,
      accept: ['application/xcap-diff+xml'],
    });
    // The owner is authorised at once: the first NOTIFY (after the 2xx, maybe a moment later) says active.
    const initial = await nextNotify(subscription, () => true);
    expect(initial.state.state).toBe('active');
    const selector = `sel="${document}"`;

    const created = await xcapWrite('PUT', url, user, {
      contentType: 'application/resource-lists+xml',
      body: LIST('a'),
    });
    expect(created.status).toBe(200);
    const createdEtag = unquote(created.etag);
    const first = await nextNotify(subscription, (n) => bodyText(n).includes(`new-etag="${createdEtag}"`));
    expect(first.contentType).toMatch(/application\/xcap-diff\+xml/);
    expect(bodyText(first)).toContain(selector);
    expect(bodyText(first)).toContain(`xcap-root="${tb.xcap.root}"`);
    expect(bodyText(first)).not.toContain('previous-etag');

    const changed = await xcapWrite('PUT', url, user, {
      contentType: 'application/resource-lists+xml',
      body: LIST('b'),
    });
    const changedEtag = unquote(changed.etag);
    expect(changedEtag).not.toBe(createdEtag);
    const second = await nextNotify(subscription, (n) => bodyText(n).includes(`new-etag="${changedEtag}"`));
    expect(bodyText(second)).toContain(`previous-etag="${createdEtag}"`);

    expect((await xcapWrite('DELETE', url, user)).status).toBe(200);
    const third = await nextNotify(
      subscription,
      (n) => bodyText(n).includes(`previous-etag="${changedEtag}"`) && !bodyText(n).includes('new-etag'),
    );
    expect(bodyText(third)).toContain(selector);
  });

  it('refuses a subscription to somebody else’s xcap-diff', async () => {
    const user = testbedUser(tb, 1);
    const other = testbedUser(tb, 0);
    const ua = testbedAgent(tb, user, 'tcp');
    agents.push(ua);
    const refused = await ua.subscribe(other.aor, 'xcap-diff', { expires: 60 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SipRequestError);
    expect((refused as SipRequestError).status).toBe(403);
  });
});
