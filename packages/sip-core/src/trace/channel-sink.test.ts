import diagnosticsChannel from 'node:diagnostics_channel';
import { describe, expect, it } from 'vitest';
import { createChannelTraceSink, SIP_TRACE_CHANNEL, teeTraceSinks } from './channel-sink.js';
import { createMemoryTraceSink } from './file-sink.js';
import type { SipTraceRecord } from './trace.js';

const record: SipTraceRecord = {
  kind: 'message',
  timestamp: 1,
  direction: 'sent',
  transport: 'tcp',
  local: 'a:1',
  remote: 'b:2',
  text: 'REGISTER sip:x SIP/2.0\r\nAuthorization: Digest response="secret"\r\n\r\n',
};

describe('diagnostics channel trace sink', () => {
  it('publishes redacted records to subscribers of the channel', () => {
    const seen: unknown[] = [];
    const listener = (message: unknown) => seen.push(message);
    diagnosticsChannel.subscribe(SIP_TRACE_CHANNEL, listener);
    try {
      createChannelTraceSink().write(record);
    } finally {
      diagnosticsChannel.unsubscribe(SIP_TRACE_CHANNEL, listener);
    }
    expect(seen).toHaveLength(1);
    expect((seen[0] as SipTraceRecord & { text: string }).text).toContain('Authorization: Digest [redacted]');
  });

  it('tees records to every sink even when one throws', () => {
    const memory = createMemoryTraceSink();
    const broken = {
      write() {
        throw new Error('disk full');
      },
    };
    teeTraceSinks(broken, memory).write(record);
    expect(memory.records).toHaveLength(1);
  });
});
