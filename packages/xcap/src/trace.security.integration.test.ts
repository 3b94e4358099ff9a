import diagnosticsChannel from 'node:diagnostics_channel';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createChannelTraceSink,
  createFileTraceSink,
  createStaticResolver,
  createUserAgent,
  SIP_TRACE_CHANNEL,
  type SipTraceRecord,
  teeTraceSinks,
} from '@simplekit/sip-core';
import type { TestbedUser } from '@simplekit/testbed';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createXcapClient } from './client/client.js';

// Mission: "SIP and XCAP protocol traces can be written to a file, with passwords and digest credentials never
// written". An authenticated session (REGISTER, PUBLISH, SUBSCRIBE, XCAP PUT and GET) runs against the testbed
// with every kind of sink attached; then every byte that reached a sink is searched for the secrets.
const tb = inject('testbed');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'simplekit-trace-secrets-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function userNamed(name: string): TestbedUser {
  const user = tb.users.find((u) => u.username === name);
  if (user === undefined) throw new Error(`no testbed user ${name}`);
  return user;
}

const pidf = (aor: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="${aor}"><tuple id="t"><status><basic>open</basic></status></tuple></presence>`;

const presRules = (aor: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><cr:ruleset xmlns:cr="urn:ietf:params:xml:ns:common-policy" xmlns:pr="urn:ietf:params:xml:ns:pres-rules"><cr:rule id="a"><cr:conditions><cr:identity><cr:one id="${aor}"/></cr:identity></cr:conditions><cr:actions><pr:sub-handling>allow</pr:sub-handling></cr:actions><cr:transformations/></cr:rule></cr:ruleset>`;

/** What must never be written: the password and the parts of a Digest answer (RFC 7616 §3.4). */
function leaks(text: string, password: string): string[] {
  const found: string[] = [];
  if (text.includes(password)) found.push('the password');
  if (/response\s*=/i.test(text)) found.push('a digest response=');
  if (/cnonce/i.test(text)) found.push('a cnonce');
  return found;
}

describe('no secret in any trace', () => {
  it('an authenticated REGISTER, PUBLISH, SUBSCRIBE and XCAP PUT/GET leave no password, response= or cnonce', async () => {
    const user = userNamed('user011');
    const sipFile = join(dir, 'sip.log');
    const sharedFile = join(dir, 'shared.log');
    const raw: SipTraceRecord[] = [];
    const published: unknown[] = [];
    const onPublish = (message: unknown): void => {
      published.push(message);
    };
    diagnosticsChannel.subscribe(SIP_TRACE_CHANNEL, onPublish);
    const shared = createFileTraceSink({ path: sharedFile });
    const rawSink = { write: (record: SipTraceRecord) => raw.push(record) };

    const xcap = createXcapClient({
      root: tb.xcap.root,
      xui: user.aor,
      credentials: { username: user.username, password: user.password },
      trace: teeTraceSinks(shared, rawSink, createChannelTraceSink()),
    });
    const rules = { auid: 'org.openmobilealliance.pres-rules' };
    await xcap.putDocument(rules, presRules(user.aor), {
      condition: 'unconditional',
      contentType: 'application/auth-policy+xml',
    });
    await xcap.getDocument(rules);

    const fileUa = createUserAgent({
      aor: user.aor,
      credentials: { username: user.username, password: user.password },
      transport: 'tls',
      resolver: createStaticResolver([{ transport: 'tls', address: tb.host, port: tb.sip.tlsPort, host: tb.domain }]),
      tls: { ca: tb.caPem },
      trace: sipFile,
    });
    const teeUa = createUserAgent({
      aor: user.aor,
      credentials: { username: user.username, password: user.password },
      transport: 'tcp',
      resolver: createStaticResolver([{ transport: 'tcp', address: tb.host, port: tb.sip.tcpPort, host: tb.domain }]),
      trace: teeTraceSinks(shared, rawSink, createChannelTraceSink()),
    });
    try {
      for (const ua of [fileUa, teeUa]) {
        await ua.register({ expires: 120 });
        await ua.publish('presence', 'application/pidf+xml', pidf(user.aor), { expires: 120 });
        await ua.subscribe(user.aor, 'presence', { expires: 120 });
      }
    } finally {
      await Promise.all([fileUa.close(), teeUa.close()]);
      diagnosticsChannel.unsubscribe(SIP_TRACE_CHANNEL, onPublish);
    }

    const sipText = await readFile(sipFile, 'utf8');
    const sharedText = await readFile(sharedFile, 'utf8');
    const rawText = raw.map((r) => r.text).join('\n');
    const channelText = JSON.stringify(published);

    // The traces are real: they hold the authenticated requests, so an empty trace cannot pass.
    for (const text of [sipText, sharedText, rawText, channelText]) {
      expect(text).toMatch(/REGISTER sip:/);
      expect(text).toMatch(/Authorization: Digest/);
    }
    expect(sharedText).toMatch(/PUT \/xcap-root\//);
    expect(rawText).toMatch(/GET \/xcap-root\//);
    expect(sipText).toMatch(/PUBLISH sip:/);
    expect(sipText).toMatch(/SUBSCRIBE sip:/);

    expect(leaks(sipText, user.password), 'file sink (trace: path)').toEqual([]);
    expect(leaks(sharedText, user.password), 'file sink shared by SIP and XCAP').toEqual([]);
    expect(leaks(rawText, user.password), 'records as handed to a custom sink').toEqual([]);
    expect(leaks(channelText, user.password), 'diagnostics_channel subscribers').toEqual([]);
  });
});
