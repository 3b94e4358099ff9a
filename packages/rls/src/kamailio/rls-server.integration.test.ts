import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PresenceDocument, parsePresence, summarize } from '@simplekit/pidf';
import { createStaticResolver, createUserAgent, type Notification, type UserAgent } from '@simplekit/sip-core';
import { startTestbed, stopTestbed, type TestbedInfo, type TestbedUser } from '@simplekit/testbed';
import { createXcapClient } from '@simplekit/xcap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InstanceBody } from '../notification/body.js';
import { decodeRlsNotification } from '../notification/decode.js';
import { ListSubscriptionState } from '../state/list-subscription-state.js';

// A private server: these users' documents and publications are this file's alone.
let tb: TestbedInfo;
let runDir: string;
const agents: UserAgent[] = [];

function user(name: string): TestbedUser {
  const found = tb.users.find((u) => u.username === name);
  if (!found) throw new Error(`no testbed user ${name}`);
  return found;
}

function agentFor(u: TestbedUser): UserAgent {
  const ua = createUserAgent({
    aor: u.aor,
    credentials: { username: u.username, password: u.password },
    transport: 'tcp',
    resolver: createStaticResolver([{ transport: 'tcp', address: tb.host, port: tb.sip.tcpPort, host: tb.domain }]),
  });
  agents.push(ua);
  return ua;
}

function xcapFor(u: TestbedUser) {
  return createXcapClient({
    root: tb.xcap.root,
    xui: u.aor,
    credentials: { username: u.username, password: u.password },
  });
}

const pidf = (aor: string, note: string) => `<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="${aor}"><tuple id="t1"><status><basic>open</basic></status><note>${note}</note></tuple></presence>`;

const allowing = (watcher: string) => `<?xml version="1.0" encoding="UTF-8"?>
<cr:ruleset xmlns:cr="urn:ietf:params:xml:ns:common-policy" xmlns:pr="urn:ietf:params:xml:ns:pres-rules"><cr:rule id="allow"><cr:conditions><cr:identity><cr:one id="${watcher}"/></cr:identity></cr:conditions><cr:actions><pr:sub-handling>allow</pr:sub-handling></cr:actions></cr:rule></cr:ruleset>`;

beforeAll(async () => {
  runDir = await mkdtemp(join(tmpdir(), 'simplekit-rls-'));
  tb = await startTestbed({ runDir });
}, 60_000);

afterAll(async () => {
  await Promise.all(agents.map((a) => a.close().catch(() => undefined)));
  await stopTestbed(runDir);
  await rm(runDir, { recursive: true, force: true });
});

describe("Kamailio's RLS decoded by ListSubscriptionState", () => {
  it('a list of three: two publishing and authorised, one not yet — the state shows exactly that', async () => {
    const alice = user('alice');
    const members = [user('bob'), user('carol'), user('dave')] as const;
    const [bob, carol, dave] = members;
    // bob and carol let alice see them and publish; dave has no rules yet, so alice waits for his authorisation.
    for (const [member, note] of [
      [bob, 'bob at his desk'],
      [carol, 'carol on the train'],
    ] as const) {
      await xcapFor(member).putDocument(
        { auid: 'org.openmobilealliance.pres-rules', document: 'pres-rules' },
        allowing(alice.aor),
      );
      await agentFor(member).publish('presence', 'application/pidf+xml', pidf(member.aor, note), { expires: 120 });
    }
    const listName = 'sipsimple_presence_rls';
    const xcap = xcapFor(alice);
    await xcap.putDocument(
      { auid: 'resource-lists' },
      `<?xml version="1.0" encoding="UTF-8"?>
<rl:resource-lists xmlns:rl="urn:ietf:params:xml:ns:resource-lists"><rl:list name="${listName}">${members.map((m) => `<rl:entry uri="${m.aor}"/>`).join('')}</rl:list></rl:resource-lists>`,
    );
    const serviceUri = `sip:alice+presence@${tb.domain}`;
    const listUrl = `${xcap.documentUri({ auid: 'resource-lists' })}/~~/resource-lists/list%5b@name=%22${listName}%22%5d`;
    await xcap.putDocument(
      { auid: 'rls-services' },
      `<?xml version="1.0" encoding="UTF-8"?>
<rls-services xmlns="urn:ietf:params:xml:ns:rls-services"><service uri="${serviceUri}"><resource-list>${listUrl}</resource-list><packages><package>presence</package></packages></service></rls-services>`,
    );

    const state = new ListSubscriptionState<PresenceDocument>();
    const outcomes: string[] = [];
    let settledNotes: () => void = () => undefined;
    const settled = new Promise<void>((resolve) => {
      settledNotes = resolve;
    });
    const onNotify = (n: Notification) => {
      if (n.body.length === 0) return;
      const decoded = decodeRlsNotification(n.body, n.contentType ?? '', {
        decoders: { 'application/pidf+xml': (bytes) => parsePresence(bytes) },
      });
      outcomes.push(state.apply(decoded).outcome);
      const statuses = members.map((m) => state.resource(m.aor)?.status);
      if (statuses[0] === 'active' && statuses[1] === 'active' && statuses[2] !== undefined) settledNotes();
    };
    await agentFor(alice).subscribe(serviceUri, 'presence', { eventList: true, expires: 120, onNotify });
    await Promise.race([
      settled,
      new Promise((_, reject) =>
        setTimeout(
          () =>
            reject(
              new Error(
                `list never settled: ${outcomes.join(',')} ${JSON.stringify(members.map((m) => [m.username, state.resource(m.aor)?.status, state.resource(m.aor)?.instances.map((i) => i.state)]))}`,
              ),
            ),
          15_000,
        ),
      ),
    ]);

    expect(state.uri).toBe(serviceUri);
    expect(state.needsFullState).toBe(false);
    expect([...state.resources()].map((r) => r.uri).sort()).toEqual(members.map((m) => m.aor).sort());
    const noteOf = (aor: string) => {
      const content = state.resource(aor)?.instances[0]?.content;
      if (!(content instanceof InstanceBody)) throw new Error(`no body for ${aor}`);
      return summarize(content.value()).notes;
    };
    expect(noteOf(bob.aor)).toEqual(['bob at his desk']);
    expect(noteOf(carol.aor)).toEqual(['carol on the train']);
    // RFC 4662 §5.2 would list dave with a `pending` instance; Kamailio's rls lists the resource with no instance at
    // all while its back-end subscription awaits authorisation (testbed/README.md), which the state keeps as unknown.
    expect(state.resource(dave.aor)?.status).toBe('unknown');
    expect(state.resource(dave.aor)?.instances).toEqual([]);
  });
});
