import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createMemoryTraceSink } from '../trace/file-sink.js';
import { AuthenticationError } from '../transaction/errors.js';
import { testbedAgent, testbedUser } from './test-support/testbed-agent.js';
import type { UserAgent } from './user-agent.js';

const tb = inject('testbed');
const agents: UserAgent[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
});

describe('registration against the testbed', () => {
  it('registers with digest over TCP and learns the GRUUs', async () => {
    const ua = testbedAgent(tb, testbedUser(tb, 0), 'tcp');
    agents.push(ua);
    const info = await ua.register({ expires: 120 });
    expect(info.expires).toBeGreaterThan(0);
    expect(info.expires).toBeLessThanOrEqual(120);
    expect(info.contact).toMatch(/^sip:user001@127\.0\.0\.1:\d+;transport=tcp/);
    expect(info.pubGruu).toMatch(/^sip:.*gr=/);
    expect(ua.registration?.state).toBe('registered');
  });

  it('registers over TLS with the certificate verified against the testbed CA', async () => {
    const ua = testbedAgent(tb, testbedUser(tb, 1), 'tls');
    agents.push(ua);
    const info = await ua.register({ expires: 120 });
    expect(info.contact).toMatch(/^sips:user002@127\.0\.0\.1:\d+;transport=tls/);
  });
});

describe('authentication failures and the trace', () => {
  it('a wrong password ends with a typed AuthenticationError after one answered challenge', async () => {
    const user = testbedUser(tb, 2);
    const trace = createMemoryTraceSink();
    const ua = testbedAgent(tb, { ...user, password: 'not-the-password' }, 'tcp', { trace });
    agents.push(ua);
    const error = await ua.register({ expires: 120 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).code).toBe('REJECTED_CREDENTIALS');
    expect((error as AuthenticationError).realm).toBe(tb.domain);
    const registers = trace.records.filter(
      (r) => r.kind === 'message' && r.direction === 'sent' && r.text.startsWith('REGISTER'),
    );
    expect(registers).toHaveLength(2);
  });

  it('writes an authenticated REGISTER to the trace file with credentials redacted and no password', async () => {
    const user = testbedUser(tb, 3);
    const dir = await mkdtemp(join(tmpdir(), 'simplekit-trace-'));
    const path = join(dir, 'sip.log');
    const ua = testbedAgent(tb, user, 'tcp', { trace: path });
    agents.push(ua);
    await ua.register({ expires: 120 });
    await ua.close();
    const text = await readFile(path, 'utf8');
    await rm(dir, { recursive: true, force: true });
    expect(text).toMatch(
      /SENT TCP 127\.0\.0\.1:\d+ -> 127\.0\.0\.1:\d+ \(\d+ bytes\)\nREGISTER sip:simplekit\.test SIP\/2\.0/,
    );
    expect(text).toMatch(/RECEIVED TCP 127\.0\.0\.1:\d+ -> 127\.0\.0\.1:\d+ \(\d+ bytes\)\nSIP\/2\.0 401 /);
    expect(text).toMatch(/\r\nAuthorization: Digest \[redacted\]\r\n/);
    expect(text).toMatch(/SIP\/2\.0 200 OK/);
    expect(text).not.toContain(user.password);
    expect(text).not.toMatch(/response="[0-9a-f]+"/);
    expect(text).not.toMatch(/cnonce=/);
  });
});
