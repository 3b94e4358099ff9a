import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Watcher, WatcherInfoDocument } from './model.js';
import { parseWatcherInfo } from './parse.js';
import { WatcherInfoState } from './state.js';
import { serializeWatcherInfo } from './write.js';

// Text XML can carry: no control characters, no lone surrogates; markup characters are escaped by the writer.
const text = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
  .filter((s) => [...s].every((c) => (c.codePointAt(0) ?? 0) > 0x1f && c !== '\u007f') && s.trim() === s);
const token = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,10}$/);
const uri = token.map((t) => `sip:${t}@example.com`);
const seconds = fc.nat({ max: 1_000_000 });

const watcher: fc.Arbitrary<Watcher> = fc.record(
  {
    id: token,
    uri,
    status: fc.constantFrom('pending', 'active', 'waiting', 'terminated'),
    event: fc.constantFrom('subscribe', 'approved', 'deactivated', 'probation', 'rejected', 'timeout', 'giveup'),
    displayName: text,
    lang: fc.constantFrom('en', 'de', 'fr-CA'),
    durationSubscribed: seconds,
    expiration: seconds,
  },
  { requiredKeys: ['id', 'uri', 'status', 'event'] },
);

const document: fc.Arbitrary<WatcherInfoDocument> = fc.record({
  version: fc.nat({ max: 2 ** 31 }),
  state: fc.constantFrom('full', 'partial'),
  lists: fc.array(
    fc.record({
      resource: uri,
      package: fc.constantFrom('presence', 'xcap-diff'),
      watchers: fc.uniqueArray(watcher, { selector: (w) => w.id, maxLength: 4 }),
    }),
    { maxLength: 3 },
  ),
});

describe('watcherinfo properties (RFC 3858)', () => {
  it('parseWatcherInfo(serializeWatcherInfo(doc)) equals doc for generated documents', () => {
    fc.assert(
      fc.property(document, (doc) => {
        expect(parseWatcherInfo(serializeWatcherInfo(doc))).toEqual(doc);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('a full state followed by in-order partials ends where the last watcher of each id says', () => {
    const lists = fc.uniqueArray(watcher, { selector: (w) => w.id, minLength: 1, maxLength: 5 });
    const steps = fc.array(watcher, { maxLength: 6 });
    fc.assert(
      fc.property(lists, steps, (initial, changes) => {
        const list = { resource: 'sip:me@example.com', package: 'presence' };
        let state = WatcherInfoState.empty().apply({
          version: 0,
          state: 'full',
          lists: [{ ...list, watchers: initial }],
        }).state;
        const expected = new Map(initial.map((w) => [w.id, w]));
        changes.forEach((w, i) => {
          const update = state.apply({ version: i + 1, state: 'partial', lists: [{ ...list, watchers: [w] }] });
          expect(update.outcome).toBe('applied');
          state = update.state;
          expected.set(w.id, w);
        });
        const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
        expect(
          state
            .watchers()
            .map(({ resource: _r, package: _p, ...w }) => w)
            .sort(byId),
        ).toEqual([...expected.values()].sort(byId));
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
