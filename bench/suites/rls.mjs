// RLS list notifications (issue 7): a 1,000-resource full-state NOTIFY and a one-resource partial NOTIFY, decoded
// and applied to a ListSubscriptionState with real PIDF bodies; plus the memory of the applied state.
// Run: pnpm build && node --expose-gc bench/suites/rls.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  decodeRlsNotification,
  InstanceBody,
  ListSubscriptionState,
  parseMultipart,
  parseRlmi,
  serialiseMultipart,
  serialiseRlmi,
} from '@simplekit/rls';

const here = dirname(fileURLToPath(import.meta.url));
const RESOURCES = 1_000;
const LIST = 'sip:alice@example.com;pres-list=presence';

// The presence decoder the account engine wires in: @simplekit/pidf's parsePresence when it is built.
let decoderName = '@simplekit/pidf parsePresence';
let parsePidf;
try {
  ({ parsePresence: parsePidf } = await import('@simplekit/pidf'));
  if (typeof parsePidf !== 'function') throw new Error('no parsePresence');
} catch {
  const { XMLParser } = await import('fast-xml-parser');
  const parser = new XMLParser({ ignoreAttributes: false });
  parsePidf = (bytes) => parser.parse(Buffer.from(bytes).toString('utf8'));
  decoderName = 'fast-xml-parser (stand-in: @simplekit/pidf not built)';
}
const decoders = { 'application/pidf+xml': (bytes) => parsePidf(bytes) };

// A realistic Blink PUBLISH body (~2.2 KB): tuple with basic + AG Projects extended status, CIPID, caps,
// device-info, user-input, contact, note, timestamp; dm:person with RPID; dm:device.
const template = readFileSync(join(here, '../../packages/rls/test/fixtures/blink-presence.pidf.xml'), 'utf8');
const pidfFor = (i, note) =>
  template
    .replaceAll('sip:bob@example.com', `sip:user${i}@example.com`)
    .replaceAll('Bob Example', `User ${i}`)
    .replaceAll('Working from home today', note)
    .replaceAll('ID6d2ab3f40c5e4b0d', `ID${(i * 7919).toString(16).padStart(8, '0')}`);

function notify(version, fullState, indices, noteOf) {
  const parts = [];
  const resources = indices.map((i) => {
    const cid = `p${i}v${version}@rls.example.com`;
    parts.push({ contentType: 'application/pidf+xml;charset="UTF-8"', contentId: cid, body: pidfFor(i, noteOf(i)) });
    return {
      uri: `sip:user${i}@example.com`,
      names: [{ value: `User ${i}` }],
      instances: [{ id: `i${i}`, state: 'active', cid }],
    };
  });
  const rlmi = serialiseRlmi({ uri: LIST, version, fullState, resources });
  return serialiseMultipart({
    type: 'application/rlmi+xml',
    start: `root${version}@rls.example.com`,
    parts: [
      { contentType: 'application/rlmi+xml;charset="UTF-8"', contentId: `root${version}@rls.example.com`, body: rlmi },
      ...parts,
    ],
  });
}

const all = Array.from({ length: RESOURCES }, (_, i) => i);
const full = notify(0, true, all, () => 'Working from home today');
const refresh = notify(1, true, all, () => 'Working from home today');
const tenChanged = notify(1, true, all, (i) => (i % 100 === 0 ? 'In a meeting' : 'Working from home today'));

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// The machine is shared with other jobs, which stretches wall-clock time unpredictably. Each timing therefore
// records the median CPU time of this process per run (user + system, all threads, so garbage collection counts),
// which is close to what the work costs on an idle machine, next to the wall-clock median and best run.
function time(fn, { warmup = 5, runs = 21 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    fn();
    wall.push(Number(process.hrtime.bigint() - start) / 1e6);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { cpu: median(cpu), wall: median(wall), best: Math.min(...wall) };
}

const decodeFull = (n) => decodeRlsNotification(n.body, n.contentType, { decoders });
const decodedAll = (state) => {
  for (const resource of state.resources())
    for (const i of resource.instances) if (i.content instanceof InstanceBody) i.content.value();
};

const results = [];
const add = (name, measured, unit, goal, limit) => {
  const timed = typeof measured !== 'number';
  const value = timed ? measured.cpu : measured;
  results.push({
    name,
    value,
    unit,
    ...(goal ? { goal, ratio: value / limit } : {}),
    ...(timed ? { wallMedian: measured.wall, wallBest: measured.best } : {}),
  });
};

add('full state body size', full.body.length / 1024, 'KiB');
add(
  'multipart/related parse, 1,001 parts',
  time(() => parseMultipart(full.body, full.contentType)),
  'ms',
);
const rlmiPart = parseMultipart(full.body, full.contentType).root.body;
add(
  'RLMI parse, 1,000 resources',
  time(() => parseRlmi(rlmiPart)),
  'ms',
);
const oneBody = Buffer.from(pidfFor(1, 'x'));
add(
  `PIDF decode ×1,000 alone (${decoderName})`,
  time(
    () => {
      for (let i = 0; i < RESOURCES; i++) parsePidf(oneBody);
    },
    { warmup: 2, runs: 7 },
  ),
  'ms',
);

add(
  'full state 1,000: decode + apply, lazy bodies (fresh state)',
  time(() => new ListSubscriptionState({ decode: 'lazy' }).apply(decodeFull(full))),
  'ms',
  '< 50 ms',
  50,
);
// What a contact list shows at once: the first screenful of tiles asks for its bodies, the rest stay undecoded.
add(
  'full state 1,000: decode + apply, then decode the 30 PIDF bodies a view shows (lazy)',
  time(() => {
    const state = new ListSubscriptionState({ decode: 'lazy' });
    state.apply(decodeFull(full));
    let shown = 0;
    for (const resource of state.resources()) {
      if (shown++ === 30) break;
      for (const i of resource.instances) if (i.content instanceof InstanceBody) i.content.value();
    }
  }),
  'ms',
  '< 50 ms',
  50,
);
add(
  'full state 1,000: decode + apply, default eager mode (first 64 PIDF decoded, rest on view)',
  time(() => new ListSubscriptionState().apply(decodeFull(full))),
  'ms',
  '< 50 ms',
  50,
);
add(
  'full state 1,000: decode + apply + decode every PIDF (fresh state, maxEagerDecodes: Infinity)',
  time(() => new ListSubscriptionState({ maxEagerDecodes: Infinity }).apply(decodeFull(full)), { warmup: 2, runs: 9 }),
  'ms',
  '< 50 ms',
  50,
);

const steady = new ListSubscriptionState({ maxEagerDecodes: Infinity });
steady.apply(decodeFull(full));
let version = 0;
add(
  'full state 1,000 refresh, bodies unchanged (all decoded before, nothing re-decoded)',
  time(() => {
    steady.restart();
    const result = steady.apply(decodeFull(++version % 2 ? refresh : full));
    if (result.changes.length !== 0) throw new Error('a refresh with the same content must report no change');
  }),
  'ms',
  '< 50 ms',
  50,
);
add(
  'full state 1,000 refresh, 10 bodies changed (those 10 decoded)',
  time(() => {
    steady.restart();
    steady.apply(decodeFull(++version % 2 ? tenChanged : full));
  }),
  'ms',
  '< 50 ms',
  50,
);

// Partial NOTIFYs for one resource, each with a new note, applied in version order to the 1,000-resource state.
const partialState = new ListSubscriptionState();
partialState.apply(decodeFull(full));
const partials = Array.from({ length: 240 }, (_, k) => notify(k + 1, false, [k % RESOURCES], () => `note ${k}`));
let next = 0;
add(
  'partial NOTIFY, 1 resource: decode + apply + PIDF decode',
  time(
    () => {
      const result = partialState.apply(decodeFull(partials[next++]));
      if (result.changes.length !== 1) throw new Error('expected one change');
    },
    { warmup: 20, runs: 201 },
  ),
  'ms',
  '< 1 ms',
  1,
);

function heapAfterGc() {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
}
const measure = (build) => {
  const before = heapAfterGc();
  const kept = build();
  const after = heapAfterGc();
  if (kept.size !== RESOURCES) throw new Error('state lost resources');
  return (after - before) / 2 ** 20;
};
if (globalThis.gc === undefined) console.warn('run with --expose-gc for memory figures');
const lazyMiB = measure(() => {
  const s = new ListSubscriptionState({ decode: 'lazy' });
  s.apply(decodeFull(full));
  return s;
});
const eagerMiB = measure(() => {
  const s = new ListSubscriptionState();
  s.apply(decodeFull(full));
  decodedAll(s);
  return s;
});
add('memory of applied 1,000-resource state, bodies undecoded (heap + buffers)', lazyMiB, 'MiB');
add('memory of applied 1,000-resource state, all PIDF decoded (heap + buffers)', eagerMiB, 'MiB');

const fmt = (v) => (Math.abs(v) >= 100 ? Math.round(v).toString() : v.toPrecision(3));
console.log('| benchmark | CPU median | wall median | wall best | unit | goal | ratio |');
console.log('| --- | ---: | ---: | ---: | --- | --- | ---: |');
for (const r of results) {
  const wall = r.wallMedian === undefined ? ' | ' : `${fmt(r.wallMedian)} | ${fmt(r.wallBest)}`;
  const ratio = r.ratio === undefined ? '' : fmt(r.ratio);
  console.log(`| ${r.name} | ${fmt(r.value)} | ${wall} | ${r.unit} | ${r.goal ?? ''} | ${ratio} |`);
}
console.log(
  `\nPIDF decoder: ${decoderName}; load average while running: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
writeFileSync(join(here, '../results/rls.json'), `${JSON.stringify({ suite: 'rls', results }, null, 2)}\n`);
