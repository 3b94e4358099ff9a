#!/usr/bin/env node
// `pnpm bench`: runs every suite under bench/suites/ in a process of its own (so one suite's heap and JIT state do
// not colour the next), then gathers each suite's bench/results/<suite>.json into bench/results.json and a Markdown
// table, bench/RESULTS.md, headed by the machine, the Node version and the date.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const suites = readdirSync(join(here, 'suites'))
  .filter((f) => f.endsWith('.mjs'))
  .filter((f) => only.length === 0 || only.includes(basename(f, '.mjs')))
  .sort();

const failures = [];
for (const file of suites) {
  process.stdout.write(`\n== ${file}\n`);
  const run = spawnSync(process.execPath, ['--expose-gc', join(here, 'suites', file)], { stdio: 'inherit', cwd: here });
  if (run.status !== 0) failures.push(file);
}

const resultsDir = join(here, 'results');
const collected = existsSync(resultsDir)
  ? readdirSync(resultsDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(readFileSync(join(resultsDir, f), 'utf8')))
  : [];

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  date: new Date().toISOString(),
};
writeFileSync(join(here, 'results.json'), `${JSON.stringify({ machine, suites: collected }, null, 2)}\n`);

const fmt = (v) =>
  typeof v === 'number' ? (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en') : v.toPrecision(3)) : (v ?? '');
const lines = [
  '# Benchmark results',
  '',
  `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Node ${machine.node} on ${machine.platform}; ${machine.date}.`,
  'Written by `pnpm bench` (bench/run.mjs); each suite ran in a process of its own.',
  '',
];
for (const suite of collected) {
  lines.push(
    `## ${suite.suite}`,
    '',
    '| benchmark | value | unit | goal | ratio |',
    '| --- | ---: | --- | --- | ---: |',
  );
  for (const r of suite.results ?? []) {
    lines.push(
      `| ${r.name} | ${fmt(r.value)} | ${r.unit ?? ''} | ${r.goal ?? ''} | ${r.ratio === undefined ? '' : fmt(r.ratio)} |`,
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
