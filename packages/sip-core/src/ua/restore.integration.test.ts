import { afterEach, describe, expect, inject, it } from 'vitest';
import { bodyText } from '../message/build.js';
import { createMemoryTraceSink } from '../trace/file-sink.js';
import type { SipTraceEntry } from '../trace/trace.js';
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

function header(text: string, name: string): string | undefined {
  return new RegExp(`^${name}:\\s*(.*?)\\r?$`, 'im').exec(text)?.[1];
}

// Found by the account fault tests: two recoveries for one connection each built a new dialog, and the first was
// left on the server (NOTIFYed and refused with 481 by us, or holding RLS back-end subscriptions until it expired).
describe('a subscription restored on a live connection', () => {
  it('ends the dialog it abandons on the server, so a publish reaches us through one dialog only', async () => {
    const user = testbedUser(tb, 6);
    const trace = createMemoryTraceSink();
    const ua = testbedAgent(tb, user, 'tcp', { trace });
    agents.push(ua);
    const rules = `${tb.xcap.root}/org.openmobilealliance.pres-rules/users/${user.aor}/index`;
    expect(await xcapPut(rules, 'application/auth-policy+xml', presRulesAllowing([user.aor]), user)).toBe(200);
    await ua.register({ expires: 120 });
    const publication = await ua.publish('presence', 'application/pidf+xml', pidf(user.aor, 'before restore'), {
      expires: 60,
    });
    const subscription = await ua.subscribe(user.aor, 'presence', { expires: 60 });
    await nextNotify(subscription, (n) => bodyText(n).includes('before restore'));
    const abandoned = subscription.dialog?.callId;
    expect(abandoned).toBeDefined();

    await subscription.restore();
    await nextNotify(subscription, (n) => bodyText(n).includes('before restore'));
    const current = subscription.dialog?.callId;
    expect(current).not.toBe(abandoned);

    const note = `after restore ${Date.now()}`;
    await publication.update(new TextEncoder().encode(pidf(user.aor, note)));
    await nextNotify(subscription, (n) => bodyText(n).includes(note));
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const messages = trace.records.filter((r): r is SipTraceEntry => r.kind === 'message');
    // The abandoned dialog was ended in-dialog (RFC 6665 §4.1.2.3) and the server agreed.
    const unsubscribe = messages.find(
      (m) =>
        m.direction === 'sent' &&
        m.text.startsWith('SUBSCRIBE ') &&
        header(m.text, 'Call-ID') === abandoned &&
        header(m.text, 'Expires') === '0',
    );
    expect(unsubscribe).toBeDefined();
    const answer = messages.find(
      (m) =>
        m.direction === 'received' &&
        m.text.startsWith('SIP/2.0 200') &&
        header(m.text, 'Call-ID') === abandoned &&
        /SUBSCRIBE/.test(header(m.text, 'CSeq') ?? '') &&
        m.timestamp >= (unsubscribe?.timestamp ?? 0),
    );
    expect(answer).toBeDefined();
    // Kamailio confirms with a terminal NOTIFY in the old dialog, which we acknowledge (200), not refuse (481).
    const inOld = messages.filter((m) => header(m.text, 'Call-ID') === abandoned);
    expect(
      inOld.some(
        (m) =>
          m.direction === 'received' &&
          m.text.startsWith('NOTIFY ') &&
          /^Subscription-State:\s*terminated/im.test(m.text),
      ),
    ).toBe(true);
    expect(
      inOld.filter((m) => m.direction === 'sent' && m.text.startsWith('SIP/2.0 ')).map((m) => m.text.slice(8, 11)),
    ).not.toContain('481');
    // Every NOTIFY that carried the new note came in the current dialog: none for an orphan.
    const carriers = messages.filter(
      (m) => m.direction === 'received' && m.text.startsWith('NOTIFY ') && m.text.includes(note),
    );
    expect(new Set(carriers.map((m) => header(m.text, 'Call-ID')))).toEqual(new Set([current]));
  });
});
