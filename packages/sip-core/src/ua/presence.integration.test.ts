import { afterEach, describe, expect, inject, it } from 'vitest';
import { bodyText } from '../message/build.js';
import { createMemoryTraceSink } from '../trace/file-sink.js';
import { nextNotify } from './test-support/notifications.js';
import { pidf } from './test-support/pidf.js';
import { testbedAgent, testbedUser } from './test-support/testbed-agent.js';
import { presRulesAllowing, xcapPut } from './test-support/xcap-put.js';
import type { UserAgent } from './user-agent.js';

const tb = inject('testbed');
const agents: UserAgent[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
});

describe('publication against the testbed', () => {
  it('publishes, refreshes without a body, modifies and removes', async () => {
    const user = testbedUser(tb, 4);
    const trace = createMemoryTraceSink();
    const ua = testbedAgent(tb, user, 'tcp', { trace });
    agents.push(ua);
    const publication = await ua.publish('presence', 'application/pidf+xml', pidf(user.aor, 'first'), { expires: 60 });
    const etag = publication.etag;
    expect(etag).toMatch(/\S+/);
    const refreshed = await publication.refresh();
    expect(refreshed.kind).toBe('refresh');
    const modified = await publication.update(new TextEncoder().encode(pidf(user.aor, 'second')));
    expect(modified.kind).toBe('modify');
    await publication.remove();
    expect(publication.state).toBe('removed');
    const sent = trace.records.filter(
      (r) => r.kind === 'message' && r.direction === 'sent' && r.text.startsWith('PUBLISH'),
    );
    const final = sent.map((r) => (r.kind === 'message' ? r.text : '')).filter((t) => /Proxy-Authorization/.test(t));
    // One 407 for the first PUBLISH; the next three reuse its nonce (nc counting is unit-tested: the trace is redacted).
    expect(sent).toHaveLength(5);
    const challenges = trace.records.filter((r) => r.kind === 'message' && r.text.startsWith('SIP/2.0 407'));
    expect(challenges).toHaveLength(1);
    // initial (with body), refresh (If-Match, no body), modify (If-Match + body), remove (If-Match, Expires 0)
    expect(final).toHaveLength(4);
    expect(final[0]).toMatch(/Content-Type: application\/pidf\+xml/);
    expect(final[0]).not.toMatch(/SIP-If-Match/);
    expect(final[1]).toMatch(/SIP-If-Match: /);
    expect(final[1]).toMatch(/Content-Length: 0\r\n/);
    expect(final[2]).toMatch(/SIP-If-Match: /);
    expect(final[2]).toContain('second');
    expect(final[3]).toMatch(/Expires: 0\r\n/);
  });

  it('recovers with an initial PUBLISH when the compositor no longer knows the entity-tag', async () => {
    const user = testbedUser(tb, 5);
    const ua = testbedAgent(tb, user, 'tcp');
    agents.push(ua);
    const first = await ua.publish('presence', 'application/pidf+xml', pidf(user.aor, 'old'), { expires: 60 });
    const stale = first.etag;
    await first.remove();
    // Kamailio answers the stale SIP-If-Match with 500 (not 412); the publication starts over.
    const resumed = await ua.publish('presence', 'application/pidf+xml', pidf(user.aor, 'new'), {
      expires: 60,
      ...(stale === undefined ? {} : { etag: stale }),
    });
    expect(resumed.state).toBe('published');
    expect(resumed.etag).not.toBe(stale);
    expect(resumed.requestsSent).toBe(2);
  });
});

describe('subscriptions against the testbed', () => {
  it('subscribes to its own presence and receives the published PIDF, then the modification', async () => {
    const user = testbedUser(tb, 6);
    const ua = testbedAgent(tb, user, 'tcp');
    agents.push(ua);
    const rules = `${tb.xcap.root}/org.openmobilealliance.pres-rules/users/${user.aor}/index`;
    expect(await xcapPut(rules, 'application/auth-policy+xml', presRulesAllowing([user.aor]), user)).toBe(200);
    await ua.register({ expires: 120 });
    const publication = await ua.publish('presence', 'application/pidf+xml', pidf(user.aor, 'hello world'), {
      expires: 60,
    });
    const subscription = await ua.subscribe(user.aor, 'presence', { expires: 60 });
    const first = await nextNotify(subscription, (n) => bodyText(n).includes('hello world'));
    expect(first.contentType).toMatch(/application\/pidf\+xml/);
    expect(first.state.state).toBe('active');
    expect(subscription.status).toBe('active');
    const changed = nextNotify(subscription, (n) => bodyText(n).includes('changed note'));
    await publication.update(new TextEncoder().encode(pidf(user.aor, 'changed note')));
    expect((await changed).state.state).toBe('active');
    await subscription.stop();
    expect(subscription.status).toBe('terminated');
  });

  it('subscribes to presence.winfo and learns about a new watcher', async () => {
    const owner = testbedUser(tb, 7);
    const watcher = testbedUser(tb, 0);
    const ua = testbedAgent(tb, owner, 'tls');
    const other = testbedAgent(tb, watcher, 'tcp');
    agents.push(ua, other);
    await ua.register({ expires: 120 });
    const winfo = await ua.subscribe(owner.aor, 'presence.winfo', { expires: 60 });
    const full = await nextNotify(winfo, (n) => /watcherinfo/.test(bodyText(n)));
    expect(full.contentType).toMatch(/application\/watcherinfo\+xml/);
    const seen = nextNotify(winfo, (n) => bodyText(n).includes(watcher.aor));
    await other.register({ expires: 120 });
    await other.subscribe(owner.aor, 'presence', { expires: 60 });
    expect(bodyText(await seen)).toMatch(/<watcher [^>]*status="(pending|active)"/);
  });
});
