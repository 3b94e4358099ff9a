import diagnosticsChannel from 'node:diagnostics_channel';
import { redactSipMessage, type SipTraceRecord, type TraceSink } from './trace.js';

/** The `node:diagnostics_channel` name the engine's records are published on by {@link createChannelTraceSink}. */
export const SIP_TRACE_CHANNEL = 'simplekit:sip:trace';

/**
 * Publishes every record (redacted) on a diagnostics channel, so tools can subscribe at the edge without the engine
 * knowing about them (the way undici exposes its requests). Publishing costs nothing while nobody subscribes.
 */
export function createChannelTraceSink(name = SIP_TRACE_CHANNEL): TraceSink {
  const channel = diagnosticsChannel.channel(name);
  return {
    write(record: SipTraceRecord) {
      if (!channel.hasSubscribers) return;
      channel.publish(record.kind === 'message' ? { ...record, text: redactSipMessage(record.text) } : record);
    },
  };
}

/** Writes each record to several sinks (e.g. a file and the diagnostics channel); one failing sink spares the rest. */
export function teeTraceSinks(...sinks: readonly TraceSink[]): TraceSink {
  return {
    write(record: SipTraceRecord) {
      for (const sink of sinks) {
        try {
          sink.write(record);
        } catch {
          // A broken sink (full disk, closed stream) must not break signalling; the other sinks still get it.
        }
      }
    },
  };
}
