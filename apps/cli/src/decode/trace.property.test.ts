import { formatTraceRecord, type SipTraceRecord } from '@simplekit/sip-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliInputError } from '../frame/errors.js';
import { sniff } from './sniff.js';
import { splitTraceRecords } from './trace.js';

const text = fc.string({ unit: 'grapheme', maxLength: 200 });
const endpoint = fc
  .tuple(fc.integer({ min: 1, max: 255 }), fc.integer({ min: 1, max: 65535 }))
  .map(([a, p]) => `10.0.0.${a}:${p}`);

const record: fc.Arbitrary<SipTraceRecord> = fc.oneof(
  fc.record({
    kind: fc.constant('message' as const),
    protocol: fc.constantFrom('sip' as const, 'xcap' as const),
    timestamp: fc.integer({ min: 0, max: 4_000_000_000_000 }),
    direction: fc.constantFrom('sent' as const, 'received' as const),
    transport: fc.constantFrom('tcp' as const, 'tls' as const, 'http' as const),
    local: endpoint,
    remote: endpoint,
    text,
  }),
  fc.record({
    kind: fc.constant('note' as const),
    timestamp: fc.integer({ min: 0, max: 4_000_000_000_000 }),
    level: fc.constantFrom('info' as const, 'warning' as const, 'error' as const),
    text: text.map((t) => t.replace(/[\r\n]/g, ' ').trim() || 'note'),
  }),
);

describe('trace file reading (properties)', () => {
  it("reads back every record sip-core's tracer writes, message texts byte for byte", () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 8 }), (records) => {
        const file = records.map(formatTraceRecord).join('');
        const { records: read, rest } = splitTraceRecords(file);
        expect(rest.length).toBe(0);
        expect(read).toHaveLength(records.length);
        records.forEach((r, i) => {
          const back = read[i];
          expect(back?.kind).toBe(r.kind);
          if (r.kind === 'message' && back?.kind === 'message') {
            expect(back.text).toBe(r.text);
            expect(back.direction).toBe(r.direction);
            expect(back.protocol).toBe(r.protocol ?? 'sip');
          }
        });
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('keeps a record cut anywhere as the rest, to be completed by the next read', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 4 }), fc.nat(), (records, at) => {
        const file = Buffer.from(records.map(formatTraceRecord).join(''), 'utf8');
        const cut = at % file.length;
        const head = splitTraceRecords(file.subarray(0, cut));
        const rest = Buffer.concat([head.rest, file.subarray(cut)]);
        const tail = splitTraceRecords(rest);
        expect(head.records.length + tail.records.length).toBe(records.length);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('refuses arbitrary text with CliInputError only, never anything else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (input) => {
        for (const run of [() => splitTraceRecords(input), () => sniff(Buffer.from(input, 'utf8'))]) {
          try {
            run();
          } catch (error) {
            // sniff parses what looks like XML with @simplekit/xml, whose errors are typed too.
            expect(error instanceof CliInputError || (error as { code?: unknown }).code !== undefined).toBe(true);
          }
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
