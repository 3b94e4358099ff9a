import type { TestbedInfo, TestbedUser } from '@simplekit/testbed';
import { describe, expect, inject, it } from 'vitest';
import { createXcapClient } from './client/client.js';
import { parseResourceLists } from './codecs/resource-lists/parse.js';
import { serializeResourceLists } from './codecs/resource-lists/serialize.js';
import { XcapPreconditionFailed } from './errors.js';

// RFC 4825 §7.11: of two writes conditional on the same ETag, the server applies one and answers the other 412.
// Two authenticated clients (digest nonces already held) send their PUTs together, round after round: a server that
// checks If-Match and writes without holding the document lets both through now and then (a lost update), which
// the engine's merge could never repair because neither writer learns of the other.

const tb: TestbedInfo = inject('testbed');
const user = tb.users.find((u) => u.username === 'user010') ?? (tb.users[0] as TestbedUser);
const connect = () =>
  createXcapClient({
    root: tb.xcap.root,
    xui: user.aor,
    credentials: { username: user.username, password: user.password },
  });
const ref = { auid: 'resource-lists', document: 'simplekit-racing-writes' };
const listNamed = (name: string) => serializeResourceLists({ lists: [{ kind: 'list', name, items: [] }] });

describe('writes racing on one ETag', () => {
  it('are applied one at a time: every round, exactly one 200 and one 412, and the winner is stored', async () => {
    const [a, b] = [connect(), connect()];
    await a.putDocument(ref, listNamed('start'), { condition: 'unconditional' });
    for (let round = 0; round < 20; round += 1) {
      await Promise.all([a.getDocument(ref), b.getDocument(ref)]);
      expect(a.etagOf(ref)).toBe(b.etagOf(ref));
      const outcomes = await Promise.all(
        [a, b].map((client, i) =>
          client.putDocument(ref, listNamed(`round-${round}-${i}`)).then(
            () => 'stored' as const,
            (error: unknown) => error,
          ),
        ),
      );
      const winners = outcomes.flatMap((o, i) => (o === 'stored' ? [i] : []));
      expect(winners, `round ${round}`).toHaveLength(1);
      expect(outcomes.find((o) => o !== 'stored')).toBeInstanceOf(XcapPreconditionFailed);
      const stored = parseResourceLists((await a.getDocument(ref)).body);
      expect(stored.lists[0]?.name).toBe(`round-${round}-${winners[0]}`);
    }
    await a.deleteDocument(ref);
  });
});
