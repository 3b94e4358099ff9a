import { afterEach, describe, expect, inject, it } from 'vitest';
import { bodyText } from '../message/build.js';
import { createMemoryTraceSink } from '../trace/file-sink.js';
import { TransportError } from '../transport/errors.js';
import { firstNotification } from './test-support/notifications.js';
import { testbedAgent, testbedUser } from './test-support/testbed-agent.js';
import { xcapPut } from './test-support/xcap-put.js';
import type { UserAgent } from './user-agent.js';

const tb = inject('testbed');
const agents: UserAgent[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
});

describe('TLS verification against the testbed', () => {
  it('refuses a server whose certificate does not chain to a trusted CA', async () => {
    const ua = testbedAgent(tb, testbedUser(tb, 0), 'tls', { tls: {} });
    agents.push(ua);
    const error = await ua.register({ expires: 60 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).code).toBe('TLS_VERIFY_FAILED');
  });

  it('refuses a certificate that does not name the expected host', async () => {
    const ua = testbedAgent(tb, testbedUser(tb, 0), 'tls', { tls: { ca: tb.caPem, expectedHostname: 'other.test' } });
    agents.push(ua);
    const error = await ua.register({ expires: 60 }).catch((e: unknown) => e);
    expect((error as TransportError).code).toBe('TLS_VERIFY_FAILED');
  });

  it('connects without verification only when told to, and writes a warning to the trace', async () => {
    const trace = createMemoryTraceSink();
    const ua = testbedAgent(tb, testbedUser(tb, 1), 'tls', { tls: { verify: false }, trace });
    agents.push(ua);
    await ua.register({ expires: 60 });
    const warnings = trace.records.filter((r) => r.kind === 'note' && r.level === 'warning');
    expect(warnings.map((w) => w.text)).toContainEqual(
      expect.stringMatching(/TLS certificate verification is DISABLED/),
    );
  });
});

describe('other event packages against the testbed', () => {
  it('subscribes to an RLS list with Supported: eventlist and receives multipart/related RLMI', async () => {
    const owner = testbedUser(tb, 2);
    const member = testbedUser(tb, 3);
    const service = `sip:${owner.username}+presence@${tb.domain}`;
    const rls = `<?xml version="1.0" encoding="UTF-8"?>
<rls-services xmlns="urn:ietf:params:xml:ns:rls-services" xmlns:rl="urn:ietf:params:xml:ns:resource-lists"><service uri="${service}"><list name="friends"><rl:entry uri="${member.aor}"/></list><packages><package>presence</package></packages></service></rls-services>`;
    const url = `${tb.xcap.root}/rls-services/users/${owner.aor}/index`;
    expect(await xcapPut(url, 'application/rls-services+xml', rls, owner)).toBe(200);
    const ua = testbedAgent(tb, owner, 'tcp');
    agents.push(ua);
    await ua.register({ expires: 120 });
    const subscription = await ua.subscribe(service, 'presence', {
      eventList: true,
      accept: ['application/pidf+xml', 'application/rlmi+xml', 'multipart/related'],
      expires: 60,
    });
    const notification = await firstNotification(subscription);
    expect(notification.contentType).toMatch(/^multipart\/related/);
    expect(bodyText(notification)).toContain('application/rlmi+xml');
    expect(bodyText(notification)).toContain(member.aor);
  });

  it('subscribes to xcap-diff (the testbed answers with an empty NOTIFY)', async () => {
    const user = testbedUser(tb, 4);
    const ua = testbedAgent(tb, user, 'tcp');
    agents.push(ua);
    await ua.register({ expires: 120 });
    const subscription = await ua.subscribe(user.aor, 'xcap-diff', { expires: 60 });
    const notification = await firstNotification(subscription);
    expect(['active', 'pending']).toContain(notification.state.state);
    expect(notification.request.headers.get('event')).toBe('xcap-diff');
  });
});
