#!/usr/bin/env bash
# The long fuzz run, on demand: every campaign with many more inputs, each campaign stopped after a time budget,
# counterexamples saved to packages/<name>/test/fixtures/fuzz-regressions/ for committing.
#   FUZZ_RUNS     inputs per campaign (default 1,000,000: the time budget usually ends a campaign first)
#   FUZZ_TIME_MS  time budget per campaign in ms (default 60,000)
#   FUZZ_SEED     seed (default: a new one each run, printed, so long runs explore new ground)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export FUZZ_RUNS="${FUZZ_RUNS:-1000000}"
export FUZZ_TIME_MS="${FUZZ_TIME_MS:-60000}"
export FUZZ_SEED="${FUZZ_SEED:-$((RANDOM * 32768 + RANDOM))}"
export FUZZ_SAVE=1
echo "[fuzz:long] seed ${FUZZ_SEED}, ${FUZZ_RUNS} runs or ${FUZZ_TIME_MS} ms per campaign"
exec pnpm vitest run --project unit parsers.fuzz "$@"
