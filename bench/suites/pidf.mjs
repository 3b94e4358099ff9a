// PIDF (issue 5): parse + summarize of the Blink seed document against a bare fast-xml-parser parse of the same
// bytes, plus the pieces (namespace-aware XML layer, serialiser, builder, watcherinfo) on their own.
// Run: pnpm build && node --expose-gc bench/suites/pidf.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPresence, parsePresence, parseWatcherInfo, serializePresence, summarize } from '@simplekit/pidf';
import { parseXml, serializeXml } from '@simplekit/xml';
import { XMLParser } from 'fast-xml-parser';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '../../packages/pidf/test/fixtures');
const seed = readFileSync(join(fixtures, 'blink-seed.xml'));
const winfo = readFileSync(join(fixtures, 'rfc3858-full.xml'));
const decoder = new TextDecoder();

const bare = new XMLParser({ ignoreAttributes: false });
const bareOrdered = new XMLParser({ ignoreAttributes: false, preserveOrder: true });
const doc = parsePresence(seed);
const tree = parseXml(seed, { ignoreWhitespace: true });
const state = {
  entity: 'sip:ag@test.sip2sip.info',
  status: 'away',
  displayName: 'Adrian Georgescu',
  location: 'Netherlands/Haarlem',
  homepage: 'http://georgescu.info',
  iconUrl:
    'https://xcap.test.sipthor.net/xcap-root/org.openmobilealliance.pres-content/users/sip:ag@test.sip2sip.info/oma_status-icon/index',
  device: {
    id: 'f4649f87',
    description: 'imac3-2',
    userAgent: 'Blink Pro 2.0.0 (MacOSX)',
    timeOffset: 120,
    idle: false,
    idleThreshold: 600,
  },
  capabilities: ['audio', 'message', 'text', 'file-transfer', 'screen-sharing'],
  contact: 'sip:ag@test.sip2sip.info',
  timestamp: new Date('2012-09-21T10:53:57.802Z'),
};

// The machine is shared with other jobs: each task is timed in CPU time of this process (user + system, so garbage
// collection counts), in batches interleaved with the other tasks so that load changes hit every task alike, and the
// median batch is reported per call.
const tasks = [
  ['baseline: fast-xml-parser parse (bytes → string → object)', () => bare.parse(decoder.decode(seed))],
  ['fast-xml-parser parse, preserveOrder', () => bareOrdered.parse(decoder.decode(seed))],
  ['@simplekit/xml parseXml', () => parseXml(seed, { ignoreWhitespace: true })],
  ['parsePresence', () => parsePresence(seed)],
  ['parsePresence + summarize', () => summarize(parsePresence(seed))],
  ['summarize alone', () => summarize(doc)],
  ['serializePresence', () => serializePresence(doc)],
  ['@simplekit/xml serializeXml', () => serializeXml(tree)],
  ['buildPresence + serializePresence', () => serializePresence(buildPresence(state))],
  ['parseWatcherInfo (RFC 3858 example)', () => parseWatcherInfo(winfo)],
];
const BATCH = 500;
const ROUNDS = 15;
const samples = new Map(tasks.map(([name]) => [name, []]));
for (const [, fn] of tasks) for (let i = 0; i < BATCH * 2; i++) fn();
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, fn] of tasks) {
    const start = process.cpuUsage();
    for (let i = 0; i < BATCH; i++) fn();
    const used = process.cpuUsage(start);
    samples.get(name).push((used.user + used.system) / BATCH);
  }
}
const micros = new Map(
  [...samples].map(([name, list]) => [name, [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]]),
);
const baseline = micros.get('baseline: fast-xml-parser parse (bytes → string → object)');
const results = [];
for (const [name, value] of micros) {
  const input = name.startsWith('parseWatcherInfo') ? `${winfo.length} B` : `seed, ${seed.length} B`;
  const entry = { name: `${name} (${input}), median CPU`, value, unit: 'µs' };
  if (name === 'parsePresence + summarize')
    Object.assign(entry, { goal: '< 3× baseline', ratio: value / baseline / 3 });
  results.push(entry);
}
results.push({
  name: 'parsePresence + summarize / baseline',
  value: micros.get('parsePresence + summarize') / baseline,
  unit: '×',
});

const fmt = (n) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2));
console.log('| benchmark | value | unit | goal | ratio |\n| --- | ---: | --- | --- | ---: |');
for (const r of results)
  console.log(
    `| ${r.name} | ${fmt(r.value)} | ${r.unit} | ${r.goal ?? ''} | ${r.ratio === undefined ? '' : fmt(r.ratio)} |`,
  );
writeFileSync(join(here, '../results/pidf.json'), `${JSON.stringify({ suite: 'pidf', results }, null, 2)}\n`);
