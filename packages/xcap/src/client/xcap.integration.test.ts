import type { TestbedInfo, TestbedUser } from '@simplekit/testbed';
import { describe, expect, inject, it } from 'vitest';
import { parsePidfManipulation, serializePidfManipulation } from '../codecs/pidf-manipulation/pidf-manipulation.js';
import type { ResourceList } from '../codecs/resource-lists/model.js';
import { parseResourceLists } from '../codecs/resource-lists/parse.js';
import { serializeResourceLists } from '../codecs/resource-lists/serialize.js';
import { XcapError, XcapPreconditionFailed } from '../errors.js';
import { createXcapClient } from './client.js';

const tb: TestbedInfo = inject('testbed');
// user009 is this file's own (testbed/src/vitest-global-setup.ts lists who uses whom).
const user = tb.users.find((u) => u.username === 'user009') ?? (tb.users[0] as TestbedUser);
const xui = user.aor;
const connect = () =>
  createXcapClient({ root: tb.xcap.root, xui, credentials: { username: user.username, password: user.password } });

const rl = (entries: string[]) =>
  serializeResourceLists({
    lists: [{ kind: 'list', name: 'friends', items: entries.map((uri) => ({ kind: 'entry' as const, uri })) }],
  });

/** Blink's offline presence (RFC 4827 pidf-manipulation): basic closed, `rpid:other` offline, a note. */
const offlinePresence = (note: string) =>
  parsePidfManipulation(
    `<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="${xui}">` +
      `<tuple id="SID-offline"><status><basic>closed</basic></status><note>${note}</note></tuple>` +
      '<dm:person id="PID-offline"><rpid:activities><rpid:other>offline</rpid:other></rpid:activities></dm:person></presence>',
  );

const documents = [
  { auid: 'resource-lists', body: rl(['sip:a@simplekit.test']), replaced: rl(['sip:b@simplekit.test']) },
  {
    auid: 'rls-services',
    body: `<?xml version="1.0" encoding="UTF-8"?><rls-services xmlns="urn:ietf:params:xml:ns:rls-services"><service uri="sip:${user.username}+presence@${tb.domain}"><resource-list>${tb.xcap.root}/resource-lists/users/${xui}/index/~~/resource-lists/list%5B@name=%22friends%22%5D</resource-list><packages><package>presence</package></packages></service></rls-services>`,
    replaced: `<?xml version="1.0" encoding="UTF-8"?><rls-services xmlns="urn:ietf:params:xml:ns:rls-services"><service uri="sip:${user.username}+presence@${tb.domain}"><list name="x"/><packages><package>presence</package></packages></service></rls-services>`,
  },
  {
    auid: 'org.openmobilealliance.pres-rules',
    document: 'pres-rules',
    body: '<?xml version="1.0" encoding="UTF-8"?><cp:ruleset xmlns:cp="urn:ietf:params:xml:ns:common-policy" xmlns:pr="urn:ietf:params:xml:ns:pres-rules"><cp:rule id="a"><cp:conditions/><cp:actions><pr:sub-handling>allow</pr:sub-handling></cp:actions><cp:transformations/></cp:rule></cp:ruleset>',
    replaced: '<?xml version="1.0" encoding="UTF-8"?><cp:ruleset xmlns:cp="urn:ietf:params:xml:ns:common-policy"/>',
  },
  {
    auid: 'org.openmobilealliance.pres-content',
    document: 'oma_status-icon/index',
    body: '<?xml version="1.0" encoding="UTF-8"?><content xmlns="urn:oma:xml:prs:pres-content"><mime-type>image/png</mime-type><encoding>base64</encoding><data>iVBORw0KGgo=</data></content>',
    replaced:
      '<?xml version="1.0" encoding="UTF-8"?><content xmlns="urn:oma:xml:prs:pres-content"><data>AAAA</data></content>',
  },
  {
    auid: 'pidf-manipulation',
    body: serializePidfManipulation(offlinePresence('Gone fishing')),
    replaced: serializePidfManipulation({ ...offlinePresence('Back soon'), tuples: [] }),
  },
];

describe('XCAP against the testbed (Kamailio xcap_server)', () => {
  it.each(documents)('creates, reads, replaces and deletes a $auid document', async (doc) => {
    const xcap = connect();
    const ref = { auid: doc.auid, ...(doc.document ? { document: doc.document } : {}) };
    await xcap.deleteDocument(ref, { condition: 'unconditional' }).catch(() => undefined);
    const created = await xcap.putDocument(ref, doc.body);
    expect(created.etag).toBeTruthy();
    const read = await xcap.getDocument(ref);
    expect(read.body).toContain(doc.auid === 'pidf-manipulation' ? 'closed' : 'xmlns');
    expect(read.etag).toBe(created.etag);
    const replaced = await xcap.putDocument(ref, doc.replaced);
    expect(replaced.etag).not.toBe(created.etag);
    expect((await xcap.getDocument(ref)).etag).toBe(replaced.etag);
    await xcap.deleteDocument(ref);
    await expect(xcap.getDocument(ref)).rejects.toBeInstanceOf(XcapError);
  });

  it('reads, replaces and deletes elements and attributes through unprefixed node selectors', async () => {
    const xcap = connect();
    const ref = { auid: 'resource-lists' };
    await xcap.putDocument(ref, rl(['sip:a@simplekit.test', 'sip:b@simplekit.test']), { condition: 'unconditional' });
    const list = 'resource-lists/list[@name="friends"]';
    const entry = await xcap.getElement(ref, `${list}/entry[2]`);
    expect(entry.body).toContain('sip:b@simplekit.test');
    const uri = await xcap.getAttribute(ref, `${list}/entry[1]/@uri`);
    expect(uri.value).toBe('sip:a@simplekit.test');
    await xcap.putElement(
      ref,
      `${list}/entry[@uri="sip:c@simplekit.test"]`,
      '<entry xmlns="urn:ietf:params:xml:ns:resource-lists" uri="sip:c@simplekit.test"/>',
    );
    await xcap.deleteElement(ref, `${list}/entry[1]`);
    const after = parseResourceLists((await xcap.getDocument(ref)).body);
    expect((after.lists[0] as ResourceList).items).toEqual([
      { kind: 'entry', uri: 'sip:b@simplekit.test' },
      { kind: 'entry', uri: 'sip:c@simplekit.test' },
    ]);
  });

  it('lets exactly one of two racing writers win and loses no write after a refetch', async () => {
    const ref = { auid: 'resource-lists' };
    const setup = connect();
    await setup.putDocument(ref, rl([]), { condition: 'unconditional' });
    const [a, b] = [connect(), connect()];
    const add = async (client: ReturnType<typeof connect>, uri: string) => {
      const doc = parseResourceLists((await client.getDocument(ref)).body);
      const list = doc.lists[0] as ResourceList;
      const next = { ...doc, lists: [{ ...list, items: [...list.items, { kind: 'entry' as const, uri }] }] };
      return client.putDocument(ref, serializeResourceLists(next));
    };
    await Promise.all([a.getDocument(ref), b.getDocument(ref)]);
    // Both clients hold the same ETag; the server sees the writes one after the other (sent truly at once,
    // Kamailio's xcap_server may answer the second with 500 from its database instead of 412).
    const results = [];
    for (const [client, uri] of [
      [a, 'sip:a@simplekit.test'],
      [b, 'sip:b@simplekit.test'],
    ] as const) {
      results.push(
        await client.putDocument(ref, rl([uri])).then(
          () => undefined,
          (error: unknown) => error,
        ),
      );
    }
    const failed = results.filter((r) => r !== undefined);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toBeInstanceOf(XcapPreconditionFailed);
    expect((failed[0] as XcapPreconditionFailed).documentUri).toBe(b.documentUri(ref));
    const loser = b;
    await add(loser, loser === a ? 'sip:a@simplekit.test' : 'sip:b@simplekit.test');
    const final = parseResourceLists((await setup.getDocument(ref)).body);
    expect((final.lists[0] as ResourceList).items.map((i) => (i.kind === 'entry' ? i.uri : '')).sort()).toEqual([
      'sip:a@simplekit.test',
      'sip:b@simplekit.test',
    ]);
  });

  it('stores the offline presence as pidf-manipulation and reads it back through the codec', async () => {
    const xcap = connect();
    const ref = { auid: 'pidf-manipulation' };
    const doc = offlinePresence('On holiday until Monday');
    await xcap.putDocument(ref, serializePidfManipulation(doc), { condition: 'unconditional' });
    const read = await xcap.getDocument(ref);
    expect(parsePidfManipulation(read.body)).toEqual(doc);
    await xcap.deleteDocument(ref);
  });

  it('answers the loser of two truly simultaneous conditional writes 412, and its refetch-merge-write keeps both', async () => {
    const ref = { auid: 'resource-lists' };
    const setup = connect();
    const seeded = await setup.putDocument(ref, rl([]), { condition: 'unconditional' });
    const [a, b] = [connect(), connect()];
    await Promise.all([a.getDocument(ref), b.getDocument(ref)]); // both hold the seeded ETag, authenticated
    const uris = ['sip:a@simplekit.test', 'sip:b@simplekit.test'] as const;
    const results = await Promise.all(
      [a, b].map((client, i) =>
        client.putDocument(ref, rl([uris[i] ?? ''])).then(
          () => undefined,
          (error: unknown) => error,
        ),
      ),
    );
    const lost = results.findIndex((r) => r !== undefined);
    expect(results.filter((r) => r !== undefined)).toHaveLength(1);
    const error = results[lost];
    // The testbed serialises a user's XCAP writes (as a server with row locks does), so the loser of a real race
    // always meets the changed ETag: 412 (RFC 4825 §7.11). A stock Kamailio xcap_server may answer 500 instead; the
    // client marks that `mayBePreconditionFailure` (client.test.ts).
    expect(error).toBeInstanceOf(XcapPreconditionFailed);
    expect(error).toMatchObject({ expectedEtag: seeded.etag });
    const loser = lost === 0 ? a : b;
    const fresh = parseResourceLists((await loser.getDocument(ref)).body);
    const list = fresh.lists[0] as ResourceList;
    const merged = {
      ...fresh,
      lists: [{ ...list, items: [...list.items, { kind: 'entry' as const, uri: uris[lost] ?? '' }] }],
    };
    await loser.putDocument(ref, serializeResourceLists(merged));
    const final = parseResourceLists((await setup.getDocument(ref)).body);
    expect((final.lists[0] as ResourceList).items.map((i) => (i.kind === 'entry' ? i.uri : '')).sort()).toEqual([
      ...uris,
    ]);
  });

  it('reads xcap-caps', async () => {
    const caps = await connect().getCapabilities();
    expect(caps.auids).toEqual(expect.arrayContaining(['resource-lists', 'rls-services', 'xcap-caps']));
    expect(caps.namespaces).toContain('urn:ietf:params:xml:ns:resource-lists');
  });

  it('lists the user documents with their ETags in the OMA xcap-directory', async () => {
    const xcap = connect();
    const written = await xcap.putDocument({ auid: 'resource-lists' }, rl(['sip:d@simplekit.test']), {
      condition: 'unconditional',
    });
    const directory = await xcap.getDirectory();
    const folder = directory.folders.find((f) => f.auid === 'resource-lists');
    const entry = folder?.entries.find((e) => e.uri.endsWith('/index'));
    expect(entry?.etag.replace(/"/g, '')).toBe(written.etag?.replace(/"/g, ''));
  });
});
