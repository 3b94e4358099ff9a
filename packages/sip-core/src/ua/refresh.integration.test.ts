import { afterEach, describe, expect, inject, it } from 'vitest';
import { ManualClock } from '../clock/clock.js';
import { createMemoryTraceSink } from '../trace/file-sink.js';
import { testbedAgent, testbedUser } from './test-support/testbed-agent.js';
import type { UserAgent } from './user-agent.js';

const tb = inject('testbed');
const agents: UserAgent[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
});

function sentRegisters(trace: ReturnType<typeof createMemoryTraceSink>): string[] {
  return trace.records.flatMap((r) =>
    r.kind === 'message' && r.direction === 'sent' && r.text.startsWith('REGISTER') ? [r.text] : [],
  );
}

describe('timers against the testbed, driven by a manual clock', () => {
  it('refreshes a registration before it expires, reusing the nonce', async () => {
    const clock = new ManualClock(Date.now());
    const trace = createMemoryTraceSink();
    const ua = testbedAgent(tb, testbedUser(tb, 5), 'tcp', { clock, trace, keepAlive: false });
    agents.push(ua);
    const first = await ua.register({ expires: 120 });
    expect(first.expires).toBe(120);
    const refreshed = new Promise((resolve) => ua.once('registered', resolve));
    clock.advance(60_000);
    expect(await refreshed).toMatchObject({ cause: 'refresh', expires: 120 });
    // The initial REGISTER was challenged once; the refresh went through with the cached nonce.
    expect(sentRegisters(trace)).toHaveLength(3);
  });

  it('accepts the registrar raising a too-short lifetime to its minimum', async () => {
    const clock = new ManualClock(Date.now());
    const ua = testbedAgent(tb, testbedUser(tb, 6), 'tcp', { clock, keepAlive: false });
    agents.push(ua);
    const info = await ua.register({ expires: 5 });
    // Kamailio's registrar raises the lifetime to its min_expires (30) instead of answering 423 (unit-tested).
    expect(info.expires).toBe(30);
    expect(ua.registration?.state).toBe('registered');
  });
});
