// XCAP (issue 6): codec cost of a Blink-layout resource-lists document with 1,000 contacts (address book entries in
// Blink's namespaces plus their rl:entry rows in the derived lists), applying a one-entry xcap-diff patch to it, and
// XCAP round trips (PUT + GET, digest-authenticated) against a Kamailio testbed started by this suite.
// Run: pnpm build && node --expose-gc bench/suites/xcap.mjs
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  applyPatch,
  createXcapClient,
  parseResourceLists,
  parseXcapDiff,
  serializeResourceLists,
} from '@simplekit/xcap';
import { parseXml } from '@simplekit/xml';
// bench/package.json does not list the testbed: use its build output directly.
import { startTestbed, stopTestbed } from '../../testbed/dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const CONTACTS = 1_000;

const enc = (uri) => encodeURIComponent(uri).replace(/%2F/g, '/');

/** What Blink writes: the address book list, then the OMA and RLS lists derived from it (rl: prefix, encoded URIs). */
function blinkResourceLists(contacts) {
  const uris = Array.from({ length: contacts }, (_, i) => `sip:user${i}@example.com`);
  const contact = (uri, i) =>
    `<addressbook:contact id="c${i}"><addressbook:name>User ${i}</addressbook:name>` +
    `<addressbook:uris default="u${i}"><addressbook:uri id="u${i}" uri="${enc(uri)}" type="SIP"><blink:attributes/></addressbook:uri></addressbook:uris>` +
    '<addressbook:dialog><addressbook:policy>default</addressbook:policy><addressbook:subscribe>false</addressbook:subscribe></addressbook:dialog>' +
    '<addressbook:presence><addressbook:policy>allow</addressbook:policy><addressbook:subscribe>true</addressbook:subscribe></addressbook:presence>' +
    '<blink:attributes/></addressbook:contact>';
  const entries = uris.map((uri) => `<rl:entry uri="${enc(uri)}"/>`).join('\n    ');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<rl:resource-lists xmlns:rl="urn:ietf:params:xml:ns:resource-lists" xmlns:addressbook="urn:ag-projects:xml:ns:addressbook" xmlns:blink="urn:ag-projects:blink:xml:ns:addressbook">\n' +
    `  <rl:list name="sipsimple_addressbook">\n    ${uris.map(contact).join('\n    ')}\n  </rl:list>\n` +
    `  <rl:list name="oma_buddylist">\n    ${entries}\n  </rl:list>\n` +
    `  <rl:list name="oma_grantedcontacts">\n    ${entries}\n  </rl:list>\n` +
    '  <rl:list name="oma_blockedcontacts"/>\n' +
    `  <rl:list name="sipsimple_presence_rls">\n    ${entries}\n  </rl:list>\n` +
    '</rl:resource-lists>\n'
  );
}

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// The machine is shared, so each figure records the median and the best run.
async function time(fn, { warmup = 5, runs = 21 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { median: median(samples), best: Math.min(...samples) };
}

const results = [];
const add = (name, measured, unit, goal, limit) => {
  const value = typeof measured === 'number' ? measured : measured.median;
  const best = typeof measured === 'number' ? undefined : measured.best;
  results.push({
    name,
    value,
    unit,
    ...(goal ? { goal, ratio: value / limit } : {}),
    ...(best === undefined ? {} : { best }),
  });
};

const text = blinkResourceLists(CONTACTS);
add('Blink resource-lists size, 1,000 contacts', Buffer.byteLength(text) / 1024, 'KiB');
const doc = parseResourceLists(text);
// Goals: a full refetch of a large address book (on a 412, on reconnect) should stay well under a frame budget of a
// quarter second end to end; serialising is on every contact edit.
add('resource-lists parse, 1,000 contacts', await time(() => parseResourceLists(text)), 'ms', '< 200 ms', 200);
add('resource-lists serialise, unchanged', await time(() => serializeResourceLists(doc)), 'ms', '< 100 ms', 100);
const changed = () => {
  const [book, buddies, ...rest] = doc.lists;
  const items = [...buddies.items, { kind: 'entry', uri: 'sip:new@example.com' }];
  return serializeResourceLists({ ...doc, lists: [book, { ...buddies, items }, ...rest] });
};
add('resource-lists serialise, one entry added', await time(changed), 'ms', '< 100 ms', 100);
add(
  'resource-lists parse + serialise',
  await time(() => serializeResourceLists(parseResourceLists(text))),
  'ms',
  '< 250 ms',
  250,
);

const tree = parseXml(text);
const diff = parseXcapDiff(
  '<d:xcap-diff xmlns:d="urn:ietf:params:xml:ns:xcap-diff" xmlns:rl="urn:ietf:params:xml:ns:resource-lists" xcap-root="http://x/">' +
    '<d:document sel="resource-lists/users/sip:joe@example.com/index" previous-etag="1" new-etag="2">' +
    '<d:add sel="rl:resource-lists/rl:list[@name=&quot;oma_buddylist&quot;]"><rl:entry uri="sip%3Anew%40example.com"/></d:add>' +
    '<d:remove sel="rl:resource-lists/rl:list[@name=&quot;oma_grantedcontacts&quot;]/rl:entry[500]" ws="before"/>' +
    '</d:document></d:xcap-diff>',
);
const operations = diff.documents[0].operations;
add(
  'xcap-diff apply (add + remove) to 1,000 contacts',
  await time(() => applyPatch(tree, operations)),
  'ms',
  '< 10 ms',
  10,
);

// XCAP round trips against Kamailio's xcap_server on loopback. The testbed closes the connection on request bodies
// above about 16 KiB (Kamailio's TCP read buffer), so the round trip uses address books that fit: 5 and 20 contacts.
const runDir = mkdtempSync(join(tmpdir(), 'simplekit-bench-xcap-'));
const tb = await startTestbed({ runDir });
try {
  const user = tb.users[0];
  const xcap = createXcapClient({
    root: tb.xcap.root,
    xui: user.aor,
    credentials: { username: user.username, password: user.password },
  });
  const ref = { auid: 'resource-lists' };
  for (const contacts of [5, 20]) {
    const body = blinkResourceLists(contacts);
    await xcap.putDocument(ref, body, { condition: 'unconditional' });
    const roundTrip = async () => {
      await xcap.putDocument(ref, body); // If-Match with the ETag of the last answer
      const read = await xcap.getDocument(ref);
      if (read.body.length < body.length / 2) throw new Error('short read');
    };
    const kib = Math.round(Buffer.byteLength(body) / 1024);
    add(
      `XCAP PUT + GET, ${contacts} contacts (${kib} KiB)`,
      await time(roundTrip, { warmup: 3, runs: 15 }),
      'ms',
      '< 100 ms',
      100,
    );
  }
  await xcap.deleteDocument(ref).catch(() => undefined);
} finally {
  await stopTestbed(runDir);
  rmSync(runDir, { recursive: true, force: true });
}

const rows = results.map(
  (r) => `| ${r.name} | ${r.value.toFixed(2)} ${r.unit} | ${r.best?.toFixed(2) ?? ''} | ${r.goal ?? ''} |`,
);
process.stdout.write(`${['| xcap | median | best | goal |', '| --- | --- | --- | --- |', ...rows].join('\n')}\n`);
writeFileSync(join(here, '../results/xcap.json'), `${JSON.stringify({ suite: 'xcap', results }, null, 2)}\n`);
