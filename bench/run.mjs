#!/usr/bin/env node
// `pnpm bench`: runs every suite under bench/suites/ in a process of its own (so one suite's heap and JIT state do
// not colour the next), then gathers each suite's bench/results/<suite>.json into bench/results.json and a Markdown
// table, bench/RESULTS.md, headed by the machine, the Node version and the date. A figure whose goal is a plain
// comparison in the figure's own unit ("< 200 ms", "≥ 250000 msgs/s") is checked against it; a suite that failed or
// was not run this time keeps its last figures, marked with the date they were measured.
// `node bench/run.mjs engine xcap` runs only the named suites (the others' last figures are still reported).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const all = readdirSync(join(here, 'suites'))
  .filter((f) => f.endsWith('.mjs'))
  .map((f) => basename(f, '.mjs'))
  .sort();
const unknown = only.filter((name) => !all.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`no such suite: ${unknown.join(', ')} (suites: ${all.join(', ')})\n`);
  process.exit(2);
}
const suites = all.filter((name) => only.length === 0 || only.includes(name));
// The load suite runs 2 × 60 s of load plus set-up; nothing else comes near. A hung suite must not hang the run.
const SUITE_TIMEOUT_MS = Number(process.env.BENCH_SUITE_TIMEOUT_MS ?? 30 * 60_000);

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  date: new Date().toISOString(),
  loadAverageAtStart: loadavg().map((l) => Number(l.toFixed(2))),
};

const ran = new Map(); // suite → { ok, seconds }
for (const name of suites) {
  process.stdout.write(`\n== ${name}\n`);
  const started = Date.now();
  const run = spawnSync(process.execPath, ['--expose-gc', join(here, 'suites', `${name}.mjs`)], {
    stdio: 'inherit',
    cwd: here,
    timeout: SUITE_TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  ran.set(name, { ok: run.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}

const resultsDir = join(here, 'results');
const runStarted = Date.parse(machine.date);
const collected = existsSync(resultsDir)
  ? readdirSync(resultsDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => {
        const file = join(resultsDir, f);
        const data = JSON.parse(readFileSync(file, 'utf8'));
        const measuredAt = statSync(file).mtime;
        const name = basename(f, '.json');
        const run = ran.get(name);
        // Fresh only when this run wrote the file; otherwise it is an earlier run's (or a failed run left it).
        const fresh = run?.ok === true && measuredAt.getTime() >= runStarted;
        return { ...data, measuredAt: measuredAt.toISOString(), fresh, ...(run ? { seconds: run.seconds } : {}) };
      })
  : [];

/** `true`/`false` when the goal is a comparison in the figure's unit, `undefined` when it is not checkable. */
function meetsGoal(result) {
  if (typeof result.goal !== 'string' || typeof result.value !== 'number') return undefined;
  const m = /^\s*(<=|>=|<|>|≤|≥)\s*([\d.,]+)\s*([^\s(]*)/.exec(result.goal);
  if (!m) return undefined;
  const [, op, number, unit] = m;
  if (unit !== '' && unit !== result.unit) return undefined;
  const goal = Number(number.replaceAll(',', ''));
  if (Number.isNaN(goal)) return undefined;
  switch (op) {
    case '<':
      return result.value < goal;
    case '<=':
    case '≤':
      return result.value <= goal;
    case '>':
      return result.value > goal;
    default:
      return result.value >= goal;
  }
}

for (const suite of collected) {
  for (const r of suite.results ?? []) {
    const met = meetsGoal(r);
    if (met !== undefined) r.meetsGoal = met;
  }
}
const failures = [...ran].filter(([, r]) => !r.ok).map(([name]) => name);
writeFileSync(join(here, 'results.json'), `${JSON.stringify({ machine, failures, suites: collected }, null, 2)}\n`);

const fmt = (v) =>
  typeof v === 'number' ? (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en') : v.toPrecision(3)) : (v ?? '');
const mark = (met) => (met === undefined ? '' : met ? 'yes' : '**no**');
const lines = [
  '# Benchmark results',
  '',
  `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Node ${machine.node} on ${machine.platform}; ${machine.date} (load average at start ${machine.loadAverageAtStart.join(' / ')}).`,
  'Written by `pnpm bench` (bench/run.mjs); each suite ran in a process of its own. "ratio" is the suite\'s own',
  'comparison with a peer or a baseline (see the suite, or bench/README.md); "meets goal" is checked here when the goal',
  "is a plain comparison in the figure's unit.",
  '',
];
if (failures.length > 0) lines.push(`**Suites that failed this run:** ${failures.join(', ')}.`, '');
for (const suite of collected) {
  const when = suite.fresh
    ? `measured in this run${suite.seconds !== undefined ? ` (${suite.seconds} s)` : ''}`
    : `**not measured in this run**: figures from ${suite.measuredAt}`;
  lines.push(
    `## ${suite.suite}`,
    '',
    `${when}.`,
    '',
    '| benchmark | value | unit | goal | meets goal | ratio |',
    '| --- | ---: | --- | --- | --- | ---: |',
  );
  for (const r of suite.results ?? []) {
    lines.push(
      `| ${r.name} | ${fmt(r.value)} | ${r.unit ?? ''} | ${r.goal ?? ''} | ${mark(r.meetsGoal)} | ${r.ratio === undefined ? '' : fmt(r.ratio)} |`,
    );
  }
  lines.push('');
}
writeFileSync(join(here, 'RESULTS.md'), `${lines.join('\n')}\n`);
process.stdout.write(`\nwrote bench/results.json and bench/RESULTS.md (${collected.length} suites)\n`);
if (failures.length > 0) {
  process.stderr.write(`suites that failed: ${failures.join(', ')}\n`);
  process.exit(1);
}
