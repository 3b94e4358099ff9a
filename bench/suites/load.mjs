// Load (issue 12): N sip-core user agents against a private Kamailio testbed on 127.0.0.1, each registered,
// publishing every few seconds and subscribed through the RLS to a list of 20 others (its rls-services and
// resource-lists PUT over XCAP with @simplekit/xcap first). Measures notification latency (PUBLISH sent → the
// watcher's RLS NOTIFY carrying it seen), CPU of this process and of Kamailio, memory per account, and whether
// memory stays flat while the load runs. Bounded: fixed agent counts, a fixed duration, then everything stops.
// The testbed keeps Kamailio's tables in a private MariaDB (it used to be SQLite, whose missing busy timeout lost
// concurrent writes). Set-up steps are still retried on a server 500 and counted; failed PUBLISHes during the run are
// counted as errors, and memberships that never see an update are counted too, so a regression shows.
// Run: pnpm build && node --expose-gc bench/suites/load.mjs
//   LOAD_UAS=50,200  agent counts, one phase each on a fresh server (default 50,200)
//   LOAD_SECONDS=60  steady-state duration per phase
//   LOAD_LIST=20     list size per agent
//   LOAD_PUBLISH_MS=5000  publish period per agent (each agent starts at a random offset)

import { writeFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bodyText, createStaticResolver, createUserAgent } from '@simplekit/sip-core';
import { createXcapClient } from '@simplekit/xcap';

const here = dirname(fileURLToPath(import.meta.url));
// The testbed package is not a bench dependency; its build output is imported by path.
const { startTestbed, stopTestbed } = await import(join(here, '../../testbed/dist/index.js'));

const counts = (process.env.LOAD_UAS ?? '50,200')
  .split(',')
  .map(Number)
  .filter((n) => n > 0 && n <= 500);
const SECONDS = Math.min(Number(process.env.LOAD_SECONDS ?? 60), 600);
const LIST = Number(process.env.LOAD_LIST ?? 20);
const PUBLISH_MS = Math.max(Number(process.env.LOAD_PUBLISH_MS ?? 5000), 500);
const BATCH = 4;
const gc = globalThis.gc ?? (() => undefined);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const pidf = (aor, note) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="${aor}"><tuple id="t"><status><basic>open</basic></status><note>${note}</note></tuple></presence>`;

function presRules(watchers) {
  const ones = watchers.map((w) => `<cr:one id="${w}"/>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<cr:ruleset xmlns:cr="urn:ietf:params:xml:ns:common-policy" xmlns:pr="urn:ietf:params:xml:ns:pres-rules"><cr:rule id="load"><cr:conditions><cr:identity>${ones}</cr:identity></cr:conditions><cr:actions><pr:sub-handling>allow</pr:sub-handling></cr:actions><cr:transformations><pr:provide-services><pr:all-services/></pr:provide-services><pr:provide-persons><pr:all-persons/></pr:provide-persons><pr:provide-devices><pr:all-devices/></pr:provide-devices><pr:provide-all-attributes/></cr:transformations></cr:rule></cr:ruleset>`;
}

const entries = (members) => members.map((m) => `<entry uri="${m}"/>`).join('');
const resourceLists = (members) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list name="load">${entries(members)}</list></resource-lists>`;
// The list is written inline in the service (RFC 4826 §4.2): the testbed's RLS reads inline lists.
const rlsServices = (service, members) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<rls-services xmlns="urn:ietf:params:xml:ns:rls-services" xmlns:rl="urn:ietf:params:xml:ns:resource-lists"><service uri="${service}"><list name="load">${members.map((m) => `<rl:entry uri="${m}"/>`).join('')}</list><packages><package>presence</package></packages></service></rls-services>`;

/**
 * CPU seconds and memory of every process in Kamailio's process group (Linux /proc). Memory is PSS: Kamailio's
 * processes share one shared-memory pool, which RSS would count once per process.
 */
async function kamailioUsage(pgid) {
  const ticks = 100; // USER_HZ on Linux
  let cpu = 0;
  let rss = 0;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = await readFile(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) !== pgid) continue; // field 5: pgrp
    cpu += (Number(fields[11]) + Number(fields[12])) / ticks; // utime + stime
    try {
      const rollup = await readFile(`/proc/${entry}/smaps_rollup`, 'utf8');
      rss += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
    } catch {
      rss += Number(fields[21]) * 4096; // rss pages, when smaps_rollup is not readable
    }
  }
  return { cpu, rss };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Retries a set-up step that the testbed answers with 500 (a server under load may; with SQLite it did often).
 * Each retry is counted and reported, so a server that needs them shows in the results.
 */
async function withRetry(what, step, retries) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= 8 || !/500/.test(String(error.code ?? error.status))) throw error;
      retries.push(`${what}: ${error.code ?? error.status}`);
      await sleep(200 * (attempt + 1));
    }
  }
}

async function inBatches(items, fn, size = BATCH) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

async function phase(n) {
  const runDir = await mkdtemp(join(tmpdir(), 'simplekit-load-'));
  const tb = await startTestbed({ runDir, extraUsers: n });
  const users = tb.users.filter((u) => /^user\d+$/.test(u.username)).slice(0, n);
  const listOf = (i) => Array.from({ length: Math.min(LIST, n - 1) }, (_, k) => users[(i + k + 1) % n].aor);
  // Who lists user i: the LIST users before it.
  const watchersOf = (i) => Array.from({ length: Math.min(LIST, n - 1) }, (_, k) => users[(i - k - 1 + n) % n].aor);
  // Bookkeeping is allocated up front, at its final size, so that it does not show up as growth of the heap the
  // bench watches for leaks.
  const maxK = Math.ceil((SECONDS * 1000) / PUBLISH_MS) + 2;
  const sentAt = new Float64Array(n * maxK).fill(Number.NaN); // [publisher, k] → time the PUBLISH was sent
  const seen = new Uint8Array(n * n * maxK); // [watcher, publisher, k] → NOTIFY seen
  const latencies = new Float64Array(n * Math.min(LIST, n - 1) * maxK);
  let measured = 0;
  let publishes = 0;
  const agents = [];
  const errors = [];
  const retries = [];
  let notifies = 0;
  let failed = false;
  try {
    console.log(`[load] ${n} agents: XCAP documents`);
    await inBatches(
      users.map((u, i) => ({ u, i })),
      async ({ u, i }) => {
        const xcap = createXcapClient({ root: tb.xcap.root, xui: u.aor, credentials: u });
        const service = `sip:${u.username}+presence@${tb.domain}`;
        await xcap.putDocument({ auid: 'resource-lists' }, resourceLists(listOf(i)), { condition: 'unconditional' });
        await xcap.putDocument({ auid: 'rls-services' }, rlsServices(service, listOf(i)), {
          condition: 'unconditional',
        });
        await xcap.putDocument({ auid: 'org.openmobilealliance.pres-rules' }, presRules(watchersOf(i)), {
          condition: 'unconditional',
          contentType: 'application/auth-policy+xml',
        });
      },
      // One at a time, so the set-up phase does not colour the figures of the steady state that follows.
      1,
    );

    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const kamBefore = await kamailioUsage(tb.pid);
    console.log(`[load] ${n} agents: register, publish, subscribe`);
    await inBatches(
      users.map((u, i) => ({ u, i })),
      async ({ u, i }) => {
        const ua = createUserAgent({
          aor: u.aor,
          credentials: { username: u.username, password: u.password },
          transport: 'tcp',
          resolver: createStaticResolver([
            { transport: 'tcp', address: tb.host, port: tb.sip.tcpPort, host: tb.domain },
          ]),
          userAgent: 'SimpleKit-load',
        });
        const agent = { ua, i, k: 0, publication: undefined };
        agents.push(agent);
        await withRetry(`REGISTER ${u.username}`, () => ua.register({ expires: 600 }), retries);
        agent.publication = await withRetry(
          `PUBLISH ${u.username}`,
          () => ua.publish('presence', 'application/pidf+xml', pidf(u.aor, `pub-${i}-0`), { expires: 600 }),
          retries,
        );
        const subscription = await withRetry(
          `SUBSCRIBE ${u.username}`,
          () =>
            ua.subscribe(`sip:${u.username}+presence@${tb.domain}`, 'presence', {
              eventList: true,
              expires: 600,
            }),
          retries,
        );
        subscription.on('notify', (notification) => {
          notifies += 1;
          const at = performance.now();
          for (const m of bodyText(notification).matchAll(/pub-(\d+)-(\d+)/g)) {
            const publisher = Number(m[1]);
            const k = Number(m[2]);
            if (k >= maxK || publisher >= n) continue;
            const t0 = sentAt[publisher * maxK + k];
            const slot = (i * n + publisher) * maxK + k;
            if (Number.isNaN(t0) || seen[slot] === 1) continue;
            seen[slot] = 1;
            if (measured < latencies.length) latencies[measured++] = at - t0;
          }
        });
        subscription.on('terminated', (t) => {
          if (t.reason !== 'unsubscribed') errors.push(`subscription ${u.username}: ${t.reason ?? t.error?.code}`);
        });
      },
    );
    await sleep(3_000); // let the RLS back-end subscriptions settle
    gc();
    const heapSetUp = process.memoryUsage().heapUsed;
    const kamSetUp = await kamailioUsage(tb.pid);

    console.log(`[load] ${n} agents: ${SECONDS} s of publishing every ${PUBLISH_MS} ms`);
    const cpuStart = process.cpuUsage();
    const kamStart = await kamailioUsage(tb.pid);
    const started = performance.now();
    const deadline = started + SECONDS * 1000;
    const samples = [];
    const loops = agents.map(async (agent) => {
      await sleep(Math.random() * PUBLISH_MS);
      while (performance.now() + PUBLISH_MS / 2 < deadline && agent.k + 1 < maxK) {
        agent.k += 1;
        const key = `${agent.i}-${agent.k}`;
        sentAt[agent.i * maxK + agent.k] = performance.now();
        publishes += 1;
        try {
          await agent.publication.update(new TextEncoder().encode(pidf(users[agent.i].aor, `pub-${key}`)));
        } catch (error) {
          errors.push(`publish ${key}: ${error.code ?? error.message}`);
        }
        await sleep(PUBLISH_MS);
      }
    });
    const sampler = (async () => {
      while (performance.now() < deadline) {
        await sleep(5_000);
        gc();
        samples.push({
          t: Math.round((performance.now() - started) / 1000),
          heap: process.memoryUsage().heapUsed,
          kamRss: (await kamailioUsage(tb.pid)).rss,
        });
      }
    })();
    await Promise.all([...loops, sampler]);
    await sleep(2_000); // the last NOTIFYs
    const wall = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const kamEnd = await kamailioUsage(tb.pid);

    const expected = publishes * Math.min(LIST, n - 1);
    // Watcher/publisher pairs that never saw a single update: a back-end subscription of the RLS that never
    // worked, as opposed to single lost updates.
    let silentPairs = 0;
    for (let w = 0; w < n; w += 1) {
      for (const member of listOf(w)) {
        const publisher = users.findIndex((u) => u.aor === member);
        let any = false;
        for (let k = 1; k < maxK && !any; k += 1) any = seen[(w * n + publisher) * maxK + k] === 1;
        if (!any) silentPairs += 1;
      }
    }
    const sorted = [...latencies.subarray(0, measured)].sort((a, b) => a - b);
    const third = Math.max(1, Math.floor(samples.length / 3));
    const mean = (xs) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const heapEarly = mean(samples.slice(0, third).map((s) => s.heap));
    const heapLate = mean(samples.slice(-third).map((s) => s.heap));
    const kamEarly = mean(samples.slice(0, third).map((s) => s.kamRss));
    const kamLate = mean(samples.slice(-third).map((s) => s.kamRss));
    return {
      n,
      publishes,
      silentPairs,
      pairs: n * Math.min(LIST, n - 1),
      notifies,
      delivered: measured,
      expected,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? Number.NaN,
      clientCpu: ((cpu.user + cpu.system) / 1e6 / wall) * 100,
      kamailioCpu: ((kamEnd.cpu - kamStart.cpu) / wall) * 100,
      heapPerAccount: (heapSetUp - heapBefore) / n,
      kamailioPerAccount: (kamSetUp.rss - kamBefore.rss) / n,
      heapGrowth: ((heapLate - heapEarly) / heapEarly) * 100,
      kamailioGrowth: ((kamLate - kamEarly) / kamEarly) * 100,
      samples,
      errors: [...errors],
      retries: [...retries],
    };
  } catch (error) {
    failed = true;
    console.error(`[load] ${n} agents failed; server files kept in ${runDir}`);
    throw error;
  } finally {
    await Promise.allSettled(agents.map((a) => a.ua.close()));
    await stopTestbed(runDir);
    if (!failed) await rm(runDir, { recursive: true, force: true });
  }
}

const phases = [];
const failures = [];
for (const n of counts) {
  try {
    phases.push(await phase(n));
  } catch (error) {
    // A phase the server could not carry is a result too; the next phase still runs.
    failures.push({ n, error: `${error.code ?? error.name}: ${error.message}` });
    console.error(`[load] ${n} agents: ${error.message}`);
  }
}

const results = [];
for (const p of phases) {
  const tag = `${p.n} agents`;
  results.push(
    { name: `${tag}: notification latency p50 (PUBLISH → RLS NOTIFY)`, value: p.p50, unit: 'ms' },
    { name: `${tag}: notification latency p99`, value: p.p99, unit: 'ms', goal: '< 1000 ms' },
    { name: `${tag}: notification latency max`, value: p.max, unit: 'ms' },
    {
      name: `${tag}: publications delivered to watchers`,
      value: (p.delivered / p.expected) * 100,
      unit: '%',
      goal: '100 %',
    },
    { name: `${tag}: PUBLISHes sent / NOTIFYs received`, value: p.publishes, unit: `PUBLISH (${p.notifies} NOTIFY)` },
    { name: `${tag}: client CPU (all agents, one process)`, value: p.clientCpu, unit: '% of one core' },
    { name: `${tag}: Kamailio CPU (all processes)`, value: p.kamailioCpu, unit: '% of one core' },
    { name: `${tag}: client heap per account`, value: p.heapPerAccount / 1024, unit: 'KiB' },
    { name: `${tag}: Kamailio memory (PSS) per account`, value: p.kamailioPerAccount / 1024, unit: 'KiB' },
    { name: `${tag}: client heap growth, first → last third`, value: p.heapGrowth, unit: '%', goal: '< 10 % (flat)' },
    {
      name: `${tag}: Kamailio memory (PSS) growth, first → last third`,
      value: p.kamailioGrowth,
      unit: '%',
      goal: '< 10 % (flat)',
    },
    {
      name: `${tag}: errors (failed publishes, ended subscriptions)`,
      value: p.errors.length,
      unit: 'count',
      goal: '0',
    },
    { name: `${tag}: set-up steps retried after a server 500`, value: p.retries.length, unit: 'count' },
    {
      name: `${tag}: list memberships that never saw an update (RLS back-end subscription not working)`,
      value: p.silentPairs,
      unit: `of ${p.pairs}`,
      goal: '0',
    },
  );
}

for (const f of failures) {
  results.push({ name: `${f.n} agents: set-up failed (${f.error})`, value: 1, unit: 'failed phase', goal: '0' });
}

const fmt = (v) => (typeof v === 'number' ? (Math.abs(v) >= 100 ? Math.round(v).toString() : v.toFixed(1)) : v);
console.log(
  `\nLoad: ${SECONDS} s per phase, list of ${LIST}, publish every ${PUBLISH_MS} ms, ${cpus().length} cores\n`,
);
console.log('| measurement | value | unit | goal |\n| --- | ---: | --- | --- |');
for (const r of results) console.log(`| ${r.name} | ${fmt(r.value)} | ${r.unit} | ${r.goal ?? ''} |`);
for (const p of phases) {
  if (p.errors.length > 0) console.log(`\n${p.n} agents, first errors:\n  ${p.errors.slice(0, 10).join('\n  ')}`);
  if (p.retries.length > 0) console.log(`\n${p.n} agents, retried:\n  ${p.retries.slice(0, 10).join('\n  ')}`);
  console.log(`\n${p.n} agents, memory samples (s, client heap MiB, Kamailio PSS MiB):`);
  console.log(
    `  ${p.samples.map((s) => `${s.t}:${(s.heap / 2 ** 20).toFixed(1)}/${(s.kamRss / 2 ** 20).toFixed(1)}`).join('  ')}`,
  );
}
writeFileSync(
  join(here, '../results/load.json'),
  `${JSON.stringify(
    {
      suite: 'load',
      settings: { agents: counts, seconds: SECONDS, list: LIST, publishMs: PUBLISH_MS, cores: cpus().length },
      results,
      samples: Object.fromEntries(phases.map((p) => [p.n, p.samples])),
    },
    null,
    2,
  )}\n`,
);
process.exit(0);
